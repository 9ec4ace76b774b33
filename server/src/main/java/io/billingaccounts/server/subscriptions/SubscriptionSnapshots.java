package io.billingaccounts.server.subscriptions;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.stripe.SubscriptionSnapshot;

/** Stripe's snapshots of subscriptions, as this service shows them. */
final class SubscriptionSnapshots {

    private SubscriptionSnapshots() {
    }

    /**
     * What Stripe holds, as this service shows it: items of prices outside the catalog are not shown, nor the
     * metadata the service keeps for itself.
     */
    static Subscription shown(SubscriptionSnapshot snapshot, String workspaceId, OffsetDateTime createdAt,
                               OffsetDateTime updatedAt) {
        Map<String, String> metadata = new TreeMap<>(snapshot.metadata());
        SubscriptionService.SERVICE_METADATA.forEach(metadata::remove);
        Subscription.Pending pending = pendingOf(snapshot.pending());
        return new Subscription(snapshot.id(), snapshot.customerId(), workspaceId, snapshot.status(),
                snapshot.currency(), shownItems(snapshot.items()), metadata, time(snapshot.currentPeriodStart()),
                time(snapshot.currentPeriodEnd()), time(snapshot.trialEnd()), snapshot.cancelAtPeriodEnd(),
                snapshot.collectionPaused(), snapshot.scheduleId(), pending, createdAt, updatedAt);
    }

    /** What a schedule makes pending, as this service shows it; null for nothing. */
    static Subscription.Pending pendingOf(SubscriptionSnapshot.Pending pending) {
        return pending == null ? null : new Subscription.Pending(shownItems(pending.items()),
                time(pending.effectiveAt()));
    }

    private static Map<Product, Subscription.Item> shownItems(List<SubscriptionSnapshot.ItemSnapshot> snapshot) {
        Map<Product, Subscription.Item> items = new EnumMap<>(Product.class);
        for (SubscriptionSnapshot.ItemSnapshot item : snapshot) {
            Product.ofLookupKey(item.lookupKey()).ifPresent(product -> items.put(product,
                    new Subscription.Item(item.itemId(), item.priceId(), item.quantity(), item.interval())));
        }
        return items;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
