package io.billingaccounts.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP to the running server, for what a generated client would never send (broken JSON, wrong types,
 * stale ETags). Every answer of an API path is held to the contract before a test sees it.
 */
final class RawApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    RawApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A development token for {@code user}, asked once from the server's embedded issuer. */
    String token(String user) {
        return tokens.computeIfAbsent(user, sub -> {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/dev/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sub\": \"" + sub + "\"}")).build());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("No development token: " + response.body());
            }
            return JSON.readTree(response.body()).path("token").asString();
        });
    }

    Reply get(String user, String path) {
        return call("GET", path, user, null);
    }

    Reply delete(String user, String path, String... headers) {
        return call("DELETE", path, user, null, headers);
    }

    Reply post(String user, String path, String json, String... headers) {
        return call("POST", path, user, json, headers);
    }

    Reply patch(String user, String path, String json, String... headers) {
        return call("PATCH", path, user, json, headers);
    }

    /** {@code user} null sends no token; headers are name, value pairs and may set Content-Type. */
    Reply call(String method, String path, String user, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        boolean contentType = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            contentType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !contentType) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + token(user));
        }
        HttpResponse<String> response = send(request.build());
        ContractValidator.assertConforms(method, path, response);
        Coverage.record(method, path, response.statusCode());
        return new Reply(response.statusCode(), response);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
