package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

/**
 * A write to a Stripe object that is under way or unfinished. {@code holder} names whoever works on it now: the
 * writer that made it, or the recovery that took it over; only the holder may settle it. A create names the object
 * whose limit it counts against in {@code scopeId} (a billing account's workspace, a subscription's account), and
 * keeps its Stripe request from the start ({@code stripeRequest}), with the {@code context} its resource needs
 * to take the object Stripe made into the mirror, and the caller's Idempotency-Key it was asked for with (both
 * null without one).
 */
public record PendingWriteRow(String id, String resource, String objectId, String kind, String scopeId,
                              boolean abandoned, String holder, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                              String stripeRequest, String context, String idempotencyCaller,
                              String idempotencyKey) {

    /** This write handed to recovery at {@code now}: it holds no place in any limit now. */
    public PendingWriteRow givenUpAt(OffsetDateTime now) {
        return new PendingWriteRow(id, resource, objectId, kind, scopeId, true, holder, createdAt, now, stripeRequest,
                context, idempotencyCaller, idempotencyKey);
    }

    public boolean isCreate() {
        return kind.equals("create");
    }
}
