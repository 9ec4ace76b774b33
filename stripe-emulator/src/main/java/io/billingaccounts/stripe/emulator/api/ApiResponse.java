package io.billingaccounts.stripe.emulator.api;

import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** A /v1 answer before it is written: status, JSON body and the headers particular to it. */
record ApiResponse(int status, ObjectNode body, Map<String, String> headers) {

    static ApiResponse of(int status, ObjectNode body) {
        return new ApiResponse(status, body, Map.of());
    }

    static ApiResponse error(StripeError error) {
        return new ApiResponse(error.status(), error.toJson(),
                error.shouldRetry() ? Map.of("Stripe-Should-Retry", "true") : Map.of());
    }
}
