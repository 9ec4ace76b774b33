package io.billingaccounts.stripe.emulator;

import io.billingaccounts.stripe.emulator.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Plain HTTP to the emulator, for what stripe-java hides: headers, Basic authentication, the
 * control endpoints and hand-made form bodies.
 */
public final class RawHttp {

    public static final String TEST_KEY = "sk_test_emulator";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public RawHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public HttpResponse<String> send(String method, String path, String formBody, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, formBody == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(formBody));
        if (formBody != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A /v1 call with a valid Bearer key. */
    public HttpResponse<String> stripe(String method, String path, String formBody, String... headers) {
        String[] withAuth = new String[headers.length + 2];
        withAuth[0] = "Authorization";
        withAuth[1] = "Bearer " + TEST_KEY;
        System.arraycopy(headers, 0, withAuth, 2, headers.length);
        return send(method, path, formBody, withAuth);
    }

    /** A control call whose body is JSON. */
    public HttpResponse<String> control(String method, String path, String jsonBody) {
        return jsonBody == null
                ? send(method, path, null)
                : send(method, path, jsonBody, "Content-Type", "application/json");
    }

    public static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body());
    }
}
