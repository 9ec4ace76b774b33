package io.billingaccounts.server.writes;

/**
 * A caller's Idempotency-Key for a create: every try of the request is the same write ({@link WriteIds}), and the
 * transaction that ends the write marks the key's record with it.
 */
public record RequestKey(String caller, String idempotencyKey) {

    /** Null when the caller sent no key. */
    public static RequestKey of(String caller, String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isEmpty() ? null : new RequestKey(caller, idempotencyKey);
    }
}
