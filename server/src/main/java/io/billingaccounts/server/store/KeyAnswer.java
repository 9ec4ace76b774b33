package io.billingaccounts.server.store;

/** The answer kept for an Idempotency-Key and replayed to its retries: status, body and ETag (null for none). */
public record KeyAnswer(int status, String body, String etag) {
}
