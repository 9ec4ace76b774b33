package io.billingaccounts.server.subscriptions;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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
        Map<String, Subscription.Item> items = new LinkedHashMap<>();
        s.items().forEach((product, item) -> items.put(product.wireName(), item));
        return new SubscriptionRow(s.id(), s.billingAccountId(), s.workspaceId(), s.status(), s.currency(),
                json.writeValueAsString(items), json.writeValueAsString(new TreeMap<>(s.metadata())),
                s.currentPeriodStart(), s.currentPeriodEnd(), s.trialEnd(), s.cancelAtPeriodEnd(),
                s.collectionPaused(), s.createdAt(), s.updatedAt());
    }

    Subscription toSubscription(SubscriptionRow row) {
        Map<Product, Subscription.Item> items = new EnumMap<>(Product.class);
        json.readValue(row.items(), ITEMS).forEach((name, item) -> items.put(Product.fromWire(name), item));
        return new Subscription(row.id(), row.billingAccountId(), row.workspaceId(), row.status(), row.currency(),
                items, json.readValue(row.metadata(), METADATA), row.currentPeriodStart(), row.currentPeriodEnd(),
                row.trialEnd(), row.cancelAtPeriodEnd(), row.collectionPaused(), row.createdAt(), row.updatedAt());
    }

    /**
     * What Stripe holds, as this service shows it: items of prices outside the catalog are not shown, nor the
     * metadata the service keeps for itself.
     */
    static Subscription fromSnapshot(SubscriptionSnapshot snapshot, String workspaceId, OffsetDateTime createdAt,
                                     OffsetDateTime updatedAt) {
        Map<Product, Subscription.Item> items = new EnumMap<>(Product.class);
        for (SubscriptionSnapshot.ItemSnapshot item : snapshot.items()) {
            Product.ofLookupKey(item.lookupKey()).ifPresent(product -> items.put(product,
                    new Subscription.Item(item.itemId(), item.priceId(), item.quantity(), item.interval())));
        }
        Map<String, String> metadata = new TreeMap<>(snapshot.metadata());
        SubscriptionService.SERVICE_METADATA.forEach(metadata::remove);
        return new Subscription(snapshot.id(), snapshot.customerId(), workspaceId, snapshot.status(),
                snapshot.currency(), items, metadata, time(snapshot.currentPeriodStart()),
                time(snapshot.currentPeriodEnd()), time(snapshot.trialEnd()), snapshot.cancelAtPeriodEnd(),
                snapshot.collectionPaused(), createdAt, updatedAt);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
