package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

/**
 * A POST's Idempotency-Key; {@code responseStatus} is null while the first request is still running, and
 * {@code writeId} names the create that settled for it before it was answered (null otherwise).
 */
public record IdempotencyRecord(String caller, String idempotencyKey, String requestHash, Integer responseStatus,
                                String responseBody, String responseEtag, OffsetDateTime createdAt,
                                String writeId) {
}
