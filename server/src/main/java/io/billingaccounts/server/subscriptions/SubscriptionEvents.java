package io.billingaccounts.server.subscriptions;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.store.BillingAccountRow;
import io.billingaccounts.server.store.BillingAccountStore;
import io.billingaccounts.server.store.SubscriptionStore;
import io.billingaccounts.server.stripe.StripeEvent;
import io.billingaccounts.server.stripe.StripeEventListener;
import io.billingaccounts.server.stripe.StripeSubscriptions;
import io.billingaccounts.server.stripe.SubscriptionSnapshot;
import io.billingaccounts.server.workspace.Timestamps;
import io.billingaccounts.server.writes.StripeWrites;

import java.time.Clock;

/**
 * Keeps the mirror in line with what Stripe's own lifecycle does to subscriptions (trials ending, renewals,
 * cancellations, changes made directly in Stripe). An event that shows what the mirror already holds (the echo of
 * this service's own write) costs nothing; otherwise the subscription is read afresh, holding its turn, so
 * repeated or reordered events lead to the same result.
 */
@Component
class SubscriptionEvents implements StripeEventListener {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionEvents.class);

    private final SubscriptionStore subscriptions;
    private final BillingAccountStore accounts;
    private final StripeSubscriptions stripe;
    private final StripeWrites writes;
    private final SubscriptionRows rows;
    private final Clock clock;

    SubscriptionEvents(SubscriptionStore subscriptions, BillingAccountStore accounts, StripeSubscriptions stripe,
                       StripeWrites writes, SubscriptionRows rows, Clock clock) {
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.stripe = stripe;
        this.writes = writes;
        this.rows = rows;
        this.clock = clock;
    }

    @Override
    public boolean wants(String type) {
        return type.startsWith("customer.subscription.");
    }

    @Override
    public void on(StripeEvent event) {
        SubscriptionSnapshot told = stripe.fromEvent(event);
        Optional<Subscription> stored = subscriptions.findById(told.id()).map(rows::toSubscription);
        if (stored.isPresent() && sameState(stored.get(), told)) {
            return;
        }
        if (stored.isEmpty() && (told.metadata().containsKey(SubscriptionService.CREATE_METADATA)
                || accounts.findById(told.customerId()).isEmpty())) {
            // This service's create (or its recovery) stores it; or it is not a billing account's.
            return;
        }
        writes.write(SubscriptionService.RESOURCE, told.id(), "refresh", turn -> {
            Optional<Subscription> settled = subscriptions.findById(told.id()).map(rows::toSubscription);
            if (settled.isPresent() && sameState(settled.get(), told)) {
                return null; // the write this event echoes settled while the event waited for its turn
            }
            Optional<SubscriptionSnapshot> fresh = stripe.retrieve(told.id(), turn.deadline());
            if (fresh.isEmpty()) {
                return null;
            }
            var now = Timestamps.now(clock);
            Optional<Subscription> current = subscriptions.findById(told.id()).map(rows::toSubscription);
            if (current.isPresent()) {
                if (sameState(current.get(), fresh.get())) {
                    return null; // an event older than what the mirror holds: nothing changed since
                }
                Subscription next = SubscriptionRows.fromSnapshot(fresh.get(), current.get().workspaceId(),
                        current.get().createdAt(), now);
                turn.settle(() -> subscriptions.update(rows.toRow(next)));
            } else {
                Optional<BillingAccountRow> account = accounts.findById(fresh.get().customerId());
                if (account.isEmpty()) {
                    return null;
                }
                Subscription adopted = SubscriptionRows.fromSnapshot(fresh.get(), account.get().workspaceId(), now,
                        now);
                turn.settle(() -> subscriptions.insert(rows.toRow(adopted)));
                log.info("Took over subscription {} made directly in Stripe", told.id());
            }
            return null;
        });
    }

    private static boolean sameState(Subscription stored, SubscriptionSnapshot told) {
        Subscription shown = SubscriptionRows.fromSnapshot(told, stored.workspaceId(), stored.createdAt(),
                stored.updatedAt());
        return shown.equals(stored);
    }
}
