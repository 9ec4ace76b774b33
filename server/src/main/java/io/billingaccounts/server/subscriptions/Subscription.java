package io.billingaccounts.server.subscriptions;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

import io.billingaccounts.server.catalog.Product;

/**
 * A subscription of a billing account, as mirrored from Stripe. {@code status} is Stripe's; {@code collectionPaused}
 * is Stripe's {@code pause_collection} being set, which this API shows as {@code paused}.
 */
public record Subscription(String id, String billingAccountId, String workspaceId, String status, String currency,
                           Map<Product, Item> items, Map<String, String> metadata,
                           OffsetDateTime currentPeriodStart, OffsetDateTime currentPeriodEnd,
                           OffsetDateTime trialEnd, boolean cancelAtPeriodEnd, boolean collectionPaused,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    private static final Set<String> ENDED = Set.of("canceled", "incomplete_expired");
    private static final Set<String> COLLECTING = Set.of("active", "trialing", "past_due");

    public record Item(String itemId, String priceId, long quantity, String interval) {
    }

    public String shownStatus() {
        return collectionPaused && COLLECTING.contains(status) ? "paused" : status;
    }

    public boolean ended() {
        return ENDED.contains(status);
    }
}
