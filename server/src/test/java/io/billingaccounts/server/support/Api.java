package io.billingaccounts.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way the server's tests talk HTTP: to the service over a real socket, as a caller with a development token
 * sees it, or to Stripe's API (the emulator) with the secret key.
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    /** Stripe's secret key, which every request carries; null for the service, whose callers carry tokens. */
    private final String secretKey;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private Api(String base, String secretKey) {
        this.base = base;
        this.secretKey = secretKey;
    }

    /** The service at {@code base}: a caller (a token's {@code sub}) gets a development token; null sends none. */
    static Api service(String base) {
        return new Api(base, null);
    }

    /** Stripe's API at {@code base}, whoever the caller. */
    public static Api stripe(String base, String secretKey) {
        return new Api(base, secretKey);
    }

    /** An answer: status, headers and the body as JSON (null when there is none). */
    public record Reply(int status, HttpResponse<String> raw) {

        public JsonNode json() {
            return raw.body().isEmpty() ? null : JSON.readTree(raw.body());
        }

        public String text(String field) {
            return json().path(field).asString();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The fields an error names, in its order. */
        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
            return fields;
        }
    }

    /** A workspace of {@code owner}'s in the given billing mode. */
    public String workspace(String owner, String billingMode) {
        Reply created = send(owner, "POST", "/workspaces",
                "{\"name\": \"Workspace\", \"billing_mode\": \"" + billingMode + "\"}", Map.of());
        if (created.status() != 201) {
            throw new IllegalStateException("workspace not created: " + created.raw().body());
        }
        return created.text("id");
    }

    /** A billing account in {@code workspace}, created by {@code caller}; its id. */
    public String account(String caller, String workspace) {
        Reply created = send(caller, "POST", "/workspaces/" + workspace + "/billing-accounts", """
                {"name": "ACME", "email": "billing@example.com",
                 "address": {"country": "ZA", "line1": "1 Long Street", "city": "Cape Town"}}""", Map.of());
        if (created.status() != 201) {
            throw new IllegalStateException("account not created: " + created.raw().body());
        }
        return created.text("id");
    }

    public Reply send(String caller, String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (secretKey != null || caller != null) {
            request.header("Authorization", "Bearer " + (secretKey != null ? secretKey : token(caller)));
        }
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return exchange(request.build());
    }

    public Reply get(String caller, String path) {
        return send(caller, "GET", path, null, Map.of());
    }

    public Reply patch(String caller, String path, String body) {
        return send(caller, "PATCH", path, body, Map.of());
    }

    private String token(String caller) {
        return tokens.computeIfAbsent(caller, sub -> exchange(HttpRequest.newBuilder(URI.create(base + "/dev/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\": \"" + sub + "\"}")).build()).text("token"));
    }

    private static Reply exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
