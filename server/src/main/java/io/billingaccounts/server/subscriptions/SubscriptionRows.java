package io.billingaccounts.server.subscriptions;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.store.SubscriptionRow;
import io.billingaccounts.server.stripe.SubscriptionSnapshot;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Between the domain's subscriptions, the store's rows and Stripe's snapshots. */
@Component
class SubscriptionRows {

    private static final TypeReference<Map<String, Subscription.Item>> ITEMS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() { };

    private final JsonMapper json;

    SubscriptionRows(JsonMapper json) {
        this.json = json;
    }

    SubscriptionRow toRow(Subscription s) {
        return new SubscriptionRow(s.id(), s.billingAccountId(), s.workspaceId(), s.status(), s.currency(),
                itemsJson(s.items()), json.writeValueAsString(new TreeMap<>(s.metadata())),
                s.currentPeriodStart(), s.currentPeriodEnd(), s.trialEnd(), s.cancelAtPeriodEnd(),
                s.collectionPaused(), s.scheduleId(), s.pending() == null ? null : itemsJson(s.pending().items()),
                s.pending() == null ? null : s.pending().effectiveAt(), s.createdAt(), s.updatedAt());
    }

    Subscription toSubscription(SubscriptionRow row) {
        Subscription.Pending pending = row.pendingItems() == null ? null
                : new Subscription.Pending(items(row.pendingItems()), row.pendingEffectiveAt());
        return new Subscription(row.id(), row.billingAccountId(), row.workspaceId(), row.status(), row.currency(),
                items(row.items()), json.readValue(row.metadata(), METADATA), row.currentPeriodStart(),
                row.currentPeriodEnd(), row.trialEnd(), row.cancelAtPeriodEnd(), row.collectionPaused(),
                row.scheduleId(), pending, row.createdAt(), row.updatedAt());
    }

    private String itemsJson(Map<Product, Subscription.Item> byProduct) {
        Map<String, Subscription.Item> items = new LinkedHashMap<>();
        byProduct.forEach((product, item) -> items.put(product.wireName(), item));
        return json.writeValueAsString(items);
    }

    private Map<Product, Subscription.Item> items(String itemsJson) {
        Map<Product, Subscription.Item> items = new EnumMap<>(Product.class);
        json.readValue(itemsJson, ITEMS).forEach((name, item) -> items.put(Product.fromWire(name), item));
        return items;
    }

    /**
     * What Stripe holds, as this service shows it: items of prices outside the catalog are not shown, nor the
     * metadata the service keeps for itself.
     */
    static Subscription fromSnapshot(SubscriptionSnapshot snapshot, String workspaceId, OffsetDateTime createdAt,
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
