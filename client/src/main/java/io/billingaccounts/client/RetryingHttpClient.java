package io.billingaccounts.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Sends a call again when the service answers 502 or 503, waiting as Retry-After asks (capped). Only calls that are
 * safe to repeat are retried: reads, deletes, merge patches, and POSTs that carry an Idempotency-Key, which the
 * service never applies twice (even when Stripe may have applied the first, {@code stripe_outcome_pending}). Such a
 * POST is also sent again on a 409 with Retry-After: the outcome of its earlier try is still being learned.
 */
final class RetryingHttpClient extends HttpClient {

    private static final Set<Integer> RETRYABLE_STATUS = Set.of(502, 503);
    private static final Set<String> REPEATABLE_METHODS = Set.of("GET", "HEAD", "DELETE", "PATCH", "PUT");
    private static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);

    private final HttpClient delegate;
    private final int maxAttempts;
    private final Duration maxDelay;

    RetryingHttpClient(HttpClient delegate, int maxAttempts, Duration maxDelay) {
        this.delegate = delegate;
        this.maxAttempts = maxAttempts;
        this.maxDelay = maxDelay;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<T> response = delegate.send(request, handler);
            if (attempt >= maxAttempts || !retryable(request, response)) {
                return response;
            }
            discard(response);
            Thread.sleep(delay(response).toMillis());
        }
    }

    private static boolean retryable(HttpRequest request, HttpResponse<?> response) {
        if (response.statusCode() == 409) {
            return keyed(request) && response.headers().firstValue("Retry-After").isPresent();
        }
        return RETRYABLE_STATUS.contains(response.statusCode()) && repeatable(request);
    }

    private static boolean keyed(HttpRequest request) {
        return request.method().equals("POST") && request.headers().firstValue("Idempotency-Key").isPresent();
    }

    static boolean repeatable(HttpRequest request) {
        return REPEATABLE_METHODS.contains(request.method()) || keyed(request);
    }

    private Duration delay(HttpResponse<?> response) {
        Duration asked = response.headers().firstValue("Retry-After").flatMap(RetryingHttpClient::seconds)
                .orElse(DEFAULT_DELAY);
        return asked.compareTo(maxDelay) > 0 ? maxDelay : asked;
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim()))));
        } catch (NumberFormatException httpDate) {
            return Optional.empty();
        }
    }

    private static void discard(HttpResponse<?> response) throws IOException {
        if (response.body() instanceof InputStream body) {
            body.close();
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return delegate.sendAsync(request, handler, pushPromiseHandler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
