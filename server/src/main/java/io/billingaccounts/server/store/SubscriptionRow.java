package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

/**
 * A subscription as mirrored from Stripe. {@code status} is Stripe's; {@code items}, {@code pendingItems} and
 * {@code metadata} are JSON objects (their shape is the subscriptions package's business); {@code scheduleId} and
 * the pending items are null while no change waits for the period's end.
 */
public record SubscriptionRow(String id, String billingAccountId, String workspaceId, String status, String currency,
                              String items, String metadata, OffsetDateTime currentPeriodStart,
                              OffsetDateTime currentPeriodEnd, OffsetDateTime trialEnd, boolean cancelAtPeriodEnd,
                              boolean collectionPaused, String scheduleId, String pendingItems,
                              OffsetDateTime pendingEffectiveAt, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
