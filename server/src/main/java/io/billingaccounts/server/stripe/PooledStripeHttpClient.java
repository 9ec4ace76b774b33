package io.billingaccounts.server.stripe;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;

/**
 * stripe-java's transport on the JDK's {@link java.net.http.HttpClient}. The default transport
 * (HttpURLConnection) keeps five idle connections per host, so under concurrency most calls open a new one, and it
 * rebuilds its client-description header for every call, reading a resource from the class path each time; both
 * showed up in the load benchmark (bench/RESULTS.md). Here connections are pooled without that cap and the header
 * is built once.
 */
final class PooledStripeHttpClient extends HttpClient {

    private static final String CLIENT_USER_AGENT = "X-Stripe-Client-User-Agent";

    private final java.net.http.HttpClient http;
    private final String clientUserAgent = buildXStripeClientUserAgentString();

    PooledStripeHttpClient(Duration connectTimeout) {
        this.http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
    }

    /** One try: {@link StripeCalls} decides whether to try again, within the request's deadline. */
    @Override
    public StripeResponse request(StripeRequest request) throws ApiConnectionException {
        try {
            return send(toHttpRequest(request));
        } catch (IOException e) {
            throw failure(request, e);
        }
    }

    private StripeResponse send(HttpRequest httpRequest) throws IOException {
        try {
            HttpResponse<String> response = http.send(httpRequest,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new StripeResponse(response.statusCode(), HttpHeaders.of(response.headers().map()),
                    response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Stripe", e);
        }
    }

    private HttpRequest toHttpRequest(StripeRequest request) throws ApiConnectionException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(request.url().toURI());
        } catch (URISyntaxException e) {
            throw new ApiConnectionException("invalid Stripe URL " + request.url(), e);
        }
        Integer readTimeout = request.options().getReadTimeout();
        if (readTimeout != null && readTimeout > 0) {
            builder.timeout(Duration.ofMillis(readTimeout));
        }
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
            builder.header(header.getKey(), String.join(",", header.getValue()));
        }
        builder.header("User-Agent", buildUserAgentString(request));
        builder.header(CLIENT_USER_AGENT, clientUserAgent);
        if (request.content() == null) {
            builder.method(request.method().name(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", request.content().contentType());
            builder.method(request.method().name(),
                    HttpRequest.BodyPublishers.ofByteArray(request.content().byteArrayContent()));
        }
        return builder.build();
    }

    private static ApiConnectionException failure(StripeRequest request, IOException e) {
        return new ApiConnectionException("IOException during API request to Stripe (" + request.url().getHost()
                + "): " + e.getMessage(), e);
    }
}
