package io.billingaccounts.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.billingaccounts.client.invoker.ApiClient;
import io.billingaccounts.client.invoker.ApiException;

/**
 * GETs of the operations that answer a file ({@code format: binary}), read into memory. For those the generated
 * native client writes the body to a temporary file, named by the service's Content-Disposition, and answers the
 * File; these take the generated calls' way otherwise: the same HttpClient (so retries), base URL, read timeout,
 * request interceptor (the token) and response interceptor (failures as {@link BillingAccountsException}).
 */
final class Downloads {

    private final ApiClient apiClient;

    Downloads(ApiClient apiClient) {
        this.apiClient = apiClient;
    }

    /** GETs {@code path}, relative to the base URL with its ids already encoded, accepting {@code mediaTypes}. */
    Download get(String path, String mediaTypes) throws ApiException {
        // application/json too, as the generated calls do, so that a refusal still arrives as an Error body.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiClient.getBaseUri() + path))
                .header("Accept", mediaTypes + ", application/json").GET();
        if (apiClient.getReadTimeout() != null) {
            request.timeout(apiClient.getReadTimeout());
        }
        if (apiClient.getRequestInterceptor() != null) {
            apiClient.getRequestInterceptor().accept(request);
        }
        try {
            HttpResponse<InputStream> response = apiClient.getHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (apiClient.getResponseInterceptor() != null) {
                apiClient.getResponseInterceptor().accept(response);
            }
            byte[] bytes;
            try (InputStream body = ApiClient.getResponseBody(response)) {
                bytes = body == null ? new byte[0] : body.readAllBytes();
            }
            if (response.statusCode() / 100 != 2) {
                // Only reached when the response interceptor was replaced by one that lets failures through.
                throw new ApiException(response.statusCode(), "GET " + path + " answered " + response.statusCode(),
                        response.headers(), new String(bytes, StandardCharsets.UTF_8));
            }
            return new Download(bytes, response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new ApiException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(e);
        }
    }
}
