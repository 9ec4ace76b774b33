package io.billingaccounts.server.stripe;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * stripe-java's transport on Apache HttpClient 5 classic: each call does its I/O on the caller's thread over a pool
 * of kept-alive connections, so concurrent calls neither queue behind a selector thread nor hand off between threads.
 * The pool is sized for hundreds of callers at once, and the client-description header is built once.
 */
final class PooledStripeHttpClient extends HttpClient implements AutoCloseable {

    /** The MDC key of the Stripe request id of the newest call on the thread: log lines after it carry it. */
    static final String STRIPE_REQUEST_ID = "stripeRequestId";
    private static final Logger log = LoggerFactory.getLogger(PooledStripeHttpClient.class);
    private static final Pattern OBJECT_ID = Pattern.compile("/[a-z]+_[A-Za-z0-9_]+(?=/|$)");
    private static final String CLIENT_USER_AGENT = "X-Stripe-Client-User-Agent";
    /** Stripe is one route: every caller may hold a connection to it at once. */
    private static final int MAX_CONNECTIONS = 512;
    /** Checked before reuse when idle this long: the server may have closed it meanwhile. */
    private static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(1);
    /** Closed when idle this long: sooner than servers commonly drop idle connections (the emulator after 30 s). */
    private static final TimeValue MAX_IDLE = TimeValue.ofSeconds(20);
    /**
     * Each pooled connection keeps a buffer this size each way. Stripe's requests and most answers take a few KB, a
     * longer answer more reads; at hundreds of callers the default 8 KB held MBs of the heap (bench/RESULTS.md).
     */
    private static final int BUFFER_BYTES = 2048;

    private final CloseableHttpClient http;
    private final String clientUserAgent = buildXStripeClientUserAgentString();
    private final MeterRegistry meters;
    /** By operation and outcome: a few dozen, looked up on every call rather than registered again. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    PooledStripeHttpClient(Duration connectTimeout, MeterRegistry meters) {
        this.meters = meters;
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom().setBufferSize(BUFFER_BYTES).build())
                        .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .evictExpiredConnections()
                .evictIdleConnections(MAX_IDLE)
                .build();
    }

    /**
     * One try: {@link StripeCalls} decides whether to try again, within the request's deadline. Each try is timed
     * ({@code stripe.calls}, by operation and outcome) and its Stripe request id logged with the request's own.
     */
    @Override
    public StripeResponse request(StripeRequest request) throws ApiConnectionException {
        HttpUriRequestBase httpRequest = toHttpRequest(request);
        long started = System.nanoTime();
        String operation = request.method().name() + " " + template(request.url().getPath());
        try {
            StripeResponse response = http.execute(httpRequest, PooledStripeHttpClient::toStripeResponse);
            String stripeRequestId = response.requestId();
            if (stripeRequestId != null) {
                MDC.put(STRIPE_REQUEST_ID, stripeRequestId);
            }
            log.debug("Stripe {} answered {} ({})", operation, response.code(), stripeRequestId);
            time(operation, outcome(response.code()), started);
            return response;
        } catch (IOException e) {
            time(operation, "unreachable", started);
            throw failure(request, e);
        }
    }

    private void time(String operation, String outcome, long started) {
        timers.computeIfAbsent(operation + " " + outcome, key -> Timer.builder("stripe.calls")
                        .description("Calls to Stripe, each try by itself")
                        .tag("operation", operation).tag("outcome", outcome).register(meters))
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private static String outcome(int status) {
        if (status < 300) {
            return "ok";
        }
        if (status == 429) {
            return "rate_limited";
        }
        return status < 500 ? "refused" : "failed";
    }

    /** The path with each object id as {id}: one operation, whichever object it names. */
    static String template(String path) {
        return OBJECT_ID.matcher(path).replaceAll("/{id}");
    }

    /** Closes every pooled connection and stops the idle-connection evictor. */
    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    private HttpUriRequestBase toHttpRequest(StripeRequest request) throws ApiConnectionException {
        URI uri;
        try {
            uri = request.url().toURI();
        } catch (URISyntaxException e) {
            throw new ApiConnectionException("invalid Stripe URL " + request.url(), e);
        }
        HttpUriRequestBase httpRequest = new HttpUriRequestBase(request.method().name(), uri);
        Integer readTimeout = request.options().getReadTimeout();
        if (readTimeout != null && readTimeout > 0) {
            Timeout timeout = Timeout.ofMilliseconds(readTimeout);
            // Waiting for a pooled connection draws on the same try as waiting for the answer.
            httpRequest.setConfig(RequestConfig.custom()
                    .setResponseTimeout(timeout)
                    .setConnectionRequestTimeout(timeout)
                    .build());
        }
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
            httpRequest.setHeader(header.getKey(), String.join(",", header.getValue()));
        }
        httpRequest.setHeader("User-Agent", buildUserAgentString(request));
        httpRequest.setHeader(CLIENT_USER_AGENT, clientUserAgent);
        if (request.content() != null) {
            httpRequest.setHeader("Content-Type", request.content().contentType());
            httpRequest.setEntity(new ByteArrayEntity(request.content().byteArrayContent(), null));
        }
        return httpRequest;
    }

    private static StripeResponse toStripeResponse(ClassicHttpResponse response) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        HttpEntity entity = response.getEntity();
        byte[] body = entity == null ? null : EntityUtils.toByteArray(entity);
        return new StripeResponse(response.getCode(), HttpHeaders.of(headers),
                body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    private static ApiConnectionException failure(StripeRequest request, IOException e) {
        return new ApiConnectionException("IOException during API request to Stripe (" + request.url().getHost()
                + "): " + e.getMessage(), e);
    }
}
