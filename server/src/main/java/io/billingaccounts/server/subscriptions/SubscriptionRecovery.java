package io.billingaccounts.server.subscriptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.store.SubscriptionStore;
import io.billingaccounts.server.store.PendingWriteRow;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.StripeSubscriptions;
import io.billingaccounts.server.stripe.SubscriptionChanges;
import io.billingaccounts.server.stripe.SubscriptionSnapshot;
import io.billingaccounts.server.writes.WriteRecoverer;

/**
 * Unfinished writes of subscriptions. A create's caller was never told of success, so a subscription Stripe made
 * for it is canceled at once: none bills without the service knowing it. Any other write is brought back to what
 * the database holds, which is what callers were told; a subscription Stripe has ended meanwhile stays ended, and
 * the mirror takes that over (Stripe's cancellation is final).
 */
@Component
class SubscriptionRecovery implements WriteRecoverer {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionRecovery.class);

    private final SubscriptionStore subscriptions;
    private final StripeSubscriptions stripe;
    private final SubscriptionRows rows;

    SubscriptionRecovery(SubscriptionStore subscriptions, StripeSubscriptions stripe, SubscriptionRows rows) {
        this.subscriptions = subscriptions;
        this.stripe = stripe;
        this.rows = rows;
    }

    @Override
    public String resource() {
        return SubscriptionService.RESOURCE;
    }

    @Override
    public void recover(PendingWriteRow write, String idempotencyKey, Deadline deadline) {
        if (write.kind().equals("create")) {
            for (SubscriptionSnapshot made : stripe.findByMetadata(SubscriptionService.CREATE_METADATA, write.id(),
                    deadline)) {
                stripe.cancelNow(made.id(), deadline);
                log.info("Canceled Stripe subscription {} of an unfinished create for billing account {}", made.id(),
                        write.scopeId());
            }
            return;
        }
        Optional<Subscription> stored = subscriptions.findById(write.objectId()).map(rows::toSubscription);
        Optional<SubscriptionSnapshot> held = stripe.retrieve(write.objectId(), deadline);
        if (stored.isEmpty() || held.isEmpty()) {
            return;
        }
        Subscription told = stored.get();
        if (SubscriptionRows.fromSnapshot(held.get(), told.workspaceId(), told.createdAt(), told.updatedAt())
                .ended()) {
            subscriptions.update(rows.toRow(SubscriptionRows.fromSnapshot(held.get(), told.workspaceId(),
                    told.createdAt(), told.updatedAt())));
            return;
        }
        SubscriptionChanges back = backTo(told, held.get());
        if (back != null) {
            stripe.update(told.id(), back, idempotencyKey, deadline);
            log.info("Brought Stripe subscription {} back to what its callers were told", told.id());
        }
    }

    /** What brings Stripe's subscription back to {@code told}; null when they already agree. */
    private static SubscriptionChanges backTo(Subscription told, SubscriptionSnapshot held) {
        List<SubscriptionChanges.ItemChange> items = new ArrayList<>();
        Map<Product, SubscriptionSnapshot.ItemSnapshot> heldItems = new HashMap<>();
        for (SubscriptionSnapshot.ItemSnapshot item : held.items()) {
            Product.ofLookupKey(item.lookupKey()).ifPresent(product -> heldItems.put(product, item));
        }
        told.items().forEach((product, item) -> {
            SubscriptionSnapshot.ItemSnapshot now = heldItems.get(product);
            if (now == null) {
                items.add(new SubscriptionChanges.ItemChange(null, item.priceId(), item.quantity()));
            } else if (now.quantity() != item.quantity()) {
                items.add(new SubscriptionChanges.ItemChange(now.itemId(), null, item.quantity()));
            }
        });
        heldItems.forEach((product, item) -> {
            if (!told.items().containsKey(product)) {
                items.add(new SubscriptionChanges.ItemChange(item.itemId(), null, 0));
            }
        });
        Map<String, String> metadata = new HashMap<>();
        told.metadata().forEach((key, value) -> {
            if (!Objects.equals(held.metadata().get(key), value)) {
                metadata.put(key, value);
            }
        });
        held.metadata().keySet().stream()
                .filter(key -> !told.metadata().containsKey(key) && !SubscriptionService.SERVICE_METADATA.contains(key))
                .forEach(key -> metadata.put(key, null));
        Boolean paused = told.collectionPaused() != held.collectionPaused() ? told.collectionPaused() : null;
        Boolean cancel = told.cancelAtPeriodEnd() != held.cancelAtPeriodEnd() ? told.cancelAtPeriodEnd() : null;
        if (items.isEmpty() && metadata.isEmpty() && paused == null && cancel == null) {
            return null;
        }
        return new SubscriptionChanges(items.isEmpty() ? null : items, metadata.isEmpty() ? null : metadata, paused,
                cancel);
    }
}
