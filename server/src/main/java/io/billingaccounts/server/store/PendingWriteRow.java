package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

/**
 * A write to a Stripe object that is under way or unfinished. {@code holder} names whoever works on it now: the
 * writer that made it, or the recovery that took it over; only the holder may settle it.
 */
public record PendingWriteRow(String id, String resource, String objectId, String kind, String workspaceId,
                              boolean abandoned, String holder, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
}
