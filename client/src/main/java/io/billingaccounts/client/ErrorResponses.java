package io.billingaccounts.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.billingaccounts.client.model.Error;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/** Turns every non-2xx answer into a {@link BillingAccountsException} before the generated code sees it. */
final class ErrorResponses implements Consumer<HttpResponse<InputStream>> {

    private final ObjectMapper json;

    ErrorResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void accept(HttpResponse<InputStream> response) {
        if (response.statusCode() / 100 == 2) {
            return;
        }
        String body;
        try (InputStream in = response.body()) {
            body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Error error = parse(body);
        String requestId = response.headers().firstValue("Request-Id").orElse(null);
        if (response.statusCode() == PaymentRequiredException.STATUS) {
            throw new PaymentRequiredException(error, requestId, body);
        }
        throw new BillingAccountsException(response.statusCode(), error, requestId, body);
    }

    private Error parse(String body) {
        try {
            Error error = json.readValue(body, Error.class);
            return error.getCode() == null ? null : error;
        } catch (JacksonException notAnError) {
            return null;
        }
    }
}
