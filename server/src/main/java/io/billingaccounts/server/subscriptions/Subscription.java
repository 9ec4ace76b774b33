package io.billingaccounts.server.subscriptions;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

import io.billingaccounts.server.catalog.Product;

/**
 * A subscription of a billing account, as mirrored from Stripe. {@code status} is Stripe's; {@code collectionPaused}
 * is Stripe's {@code pause_collection} being set, which this API shows as {@code paused}. {@code pending} is the
 * decrease its Stripe schedule {@code scheduleId} makes at the period's end, or null.
 */
public record Subscription(String id, String billingAccountId, String workspaceId, String status, String currency,
                           Map<Product, Item> items, Map<String, String> metadata,
                           OffsetDateTime currentPeriodStart, OffsetDateTime currentPeriodEnd,
                           OffsetDateTime trialEnd, boolean cancelAtPeriodEnd, boolean collectionPaused,
                           String scheduleId, Pending pending, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    private static final Set<String> ENDED = Set.of("canceled", "incomplete_expired");
    private static final Set<String> COLLECTING = Set.of("active", "trialing", "past_due");

    public record Item(String itemId, String priceId, long quantity, String interval) {
    }

    /** The items that take over at {@code effectiveAt}: the start of the next period. */
    public record Pending(Map<Product, Item> items, OffsetDateTime effectiveAt) {
    }

    /** This subscription as it is with another schedule, or none, and what it makes pending. */
    Subscription withSchedule(String schedule, Pending next, OffsetDateTime at) {
        return new Subscription(id, billingAccountId, workspaceId, status, currency, items, metadata,
                currentPeriodStart, currentPeriodEnd, trialEnd, cancelAtPeriodEnd, collectionPaused, schedule, next,
                createdAt, at);
    }

    /** This subscription, last changed at {@code at}. */
    Subscription changedAt(OffsetDateTime at) {
        return withSchedule(scheduleId, pending, at);
    }

    public String shownStatus() {
        return collectionPaused && COLLECTING.contains(status) ? "paused" : status;
    }

    public boolean ended() {
        return ENDED.contains(status);
    }
}
