package io.billingaccounts.bench.ceiling;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;

/**
 * The service's stripe-java transport (its PooledStripeHttpClient) without its meters and logging: Apache HttpClient
 * 5 classic, the I/O on the caller's thread over a pool of kept-alive connections, the client-description header
 * built once. The cheapest way stripe-java has to make its call, so that the write ceiling's call costs what the
 * service's essential one does.
 */
final class StripeTransport extends HttpClient {

    private static final int MAX_CONNECTIONS = 512;

    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(MAX_CONNECTIONS)
                    .setMaxConnPerRoute(MAX_CONNECTIONS)
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                    .build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
            .evictExpiredConnections()
            .evictIdleConnections(TimeValue.ofSeconds(20))
            .build();
    private final String clientUserAgent = buildXStripeClientUserAgentString();

    @Override
    public StripeResponse request(StripeRequest request) throws ApiConnectionException {
        URI uri;
        try {
            uri = request.url().toURI();
        } catch (URISyntaxException e) {
            throw new ApiConnectionException("invalid Stripe URL " + request.url(), e);
        }
        HttpUriRequestBase httpRequest = new HttpUriRequestBase(request.method().name(), uri);
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
            httpRequest.setHeader(header.getKey(), String.join(",", header.getValue()));
        }
        httpRequest.setHeader("User-Agent", buildUserAgentString(request));
        httpRequest.setHeader("X-Stripe-Client-User-Agent", clientUserAgent);
        if (request.content() != null) {
            httpRequest.setHeader("Content-Type", request.content().contentType());
            httpRequest.setEntity(new ByteArrayEntity(request.content().byteArrayContent(), null));
        }
        try {
            return http.execute(httpRequest, StripeTransport::toStripeResponse);
        } catch (IOException e) {
            throw new ApiConnectionException("IOException during API request to Stripe: " + e.getMessage(), e);
        }
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
}
