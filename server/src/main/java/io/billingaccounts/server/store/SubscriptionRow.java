package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

/**
 * A subscription as mirrored from Stripe. {@code status} is Stripe's; {@code items} and {@code metadata} are JSON
 * objects (their shape is the subscriptions package's business).
 */
public record SubscriptionRow(String id, String billingAccountId, String workspaceId, String status, String currency,
                              String items, String metadata, OffsetDateTime currentPeriodStart,
                              OffsetDateTime currentPeriodEnd, OffsetDateTime trialEnd, boolean cancelAtPeriodEnd,
                              boolean collectionPaused, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
