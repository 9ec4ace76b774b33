package io.billingaccounts.stripe.emulator.requestlog;

import java.time.Instant;

/**
 * A /v1 request as the emulator received it.
 *
 * @param status the answer's status, or null while unanswered or when a fault dropped the connection
 * @param idempotencyKey the Idempotency-Key header, or null
 */
public record LoggedRequest(
        String requestId, String method, String path, Integer status, String idempotencyKey, Instant at) {
}
