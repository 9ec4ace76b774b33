package io.billingaccounts.server.subscriptions;

import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.billing.BillingAccount;
import io.billingaccounts.server.billing.BillingAccountStore;
import io.billingaccounts.server.stripe.StripeEvent;
import io.billingaccounts.server.stripe.StripeEventListener;
import io.billingaccounts.server.stripe.StripeSubscriptions;
import io.billingaccounts.server.stripe.SubscriptionSnapshot;
import io.billingaccounts.server.writes.StripeWrites;
import io.billingaccounts.server.writes.Turn;
import tools.jackson.databind.JsonNode;

import java.time.Clock;

/**
 * Keeps the mirror in line with what Stripe's own lifecycle does to subscriptions (trials ending, renewals,
 * cancellations, changes made directly in Stripe), through {@link StripeWrites#refresh}: an event that shows what
 * the mirror already holds (the echo of this service's own write) costs nothing; otherwise the subscription is read
 * afresh, holding its turn.
 */
@Component
class SubscriptionEvents implements StripeEventListener {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionEvents.class);
    private static final String SCHEDULE_EVENTS = "subscription_schedule.";

    private final SubscriptionStore subscriptions;
    private final BillingAccountStore accounts;
    private final StripeSubscriptions stripe;
    private final StripeWrites writes;
    private final Clock clock;

    SubscriptionEvents(SubscriptionStore subscriptions, BillingAccountStore accounts, StripeSubscriptions stripe,
                       StripeWrites writes, Clock clock) {
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.stripe = stripe;
        this.writes = writes;
        this.clock = clock;
    }

    @Override
    public boolean wants(String type) {
        return type.startsWith("customer.subscription.") || type.startsWith(SCHEDULE_EVENTS);
    }

    @Override
    public void on(StripeEvent event) {
        if (event.type().startsWith(SCHEDULE_EVENTS)) {
            // A schedule's change (a phase begun, a release) shows in its subscription, which is read afresh.
            String subscriptionId = scheduledSubscription(event);
            if (subscriptionId != null && subscriptions.findById(subscriptionId).isPresent()) {
                writes.refresh(event, SubscriptionService.RESOURCE, subscriptionId, () -> false,
                        turn -> readAfresh(subscriptionId, turn));
            }
            return;
        }
        // The event's subscription is read only past the echoes of this service's own writes.
        writes.refresh(event, SubscriptionService.RESOURCE, event.objectId(),
                () -> nothingToTake(stripe.fromEvent(event)), turn -> readAfresh(event.objectId(), turn));
    }

    /** The subscription a schedule manages, or let go of when it was released. */
    private static String scheduledSubscription(StripeEvent event) {
        String managed = text(event.object().get("subscription"));
        return managed != null ? managed : text(event.object().get("released_subscription"));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    /**
     * The mirror holds what the event shows; or it holds nothing of a subscription that this service's create (or
     * its recovery) stores, or that is not a billing account's.
     */
    private boolean nothingToTake(SubscriptionSnapshot told) {
        Optional<Subscription> stored = subscriptions.findById(told.id());
        if (stored.isPresent()) {
            return sameState(stored.get(), told);
        }
        return told.metadata().containsKey(SubscriptionService.CREATE_METADATA)
                || accounts.findById(told.customerId()).isEmpty();
    }

    private void readAfresh(String subscriptionId, Turn turn) {
        Optional<SubscriptionSnapshot> fresh = stripe.retrieve(subscriptionId, turn.deadline());
        if (fresh.isEmpty()) {
            return;
        }
        var now = Timestamps.now(clock);
        Optional<Subscription> current = subscriptions.findById(subscriptionId);
        if (current.isPresent()) {
            if (sameState(current.get(), fresh.get())) {
                return; // an event older than what the mirror holds: nothing changed since
            }
            Subscription next = SubscriptionSnapshots.shown(fresh.get(), current.get().workspaceId(),
                    current.get().createdAt(), now);
            turn.settle(() -> subscriptions.update(next));
            return;
        }
        Optional<BillingAccount> account = accounts.findById(fresh.get().customerId());
        if (account.isEmpty()) {
            return;
        }
        Subscription adopted = SubscriptionSnapshots.shown(fresh.get(), account.get().workspaceId(), now, now);
        turn.settle(() -> subscriptions.insert(adopted, null));
        log.info("Took over subscription {} made directly in Stripe", subscriptionId);
    }

    /**
     * Whether the mirror holds what Stripe told. An event names a subscription's schedule without showing it: the
     * same schedule is taken to keep the same decrease pending (a schedule's own changes have events of their own).
     */
    private static boolean sameState(Subscription stored, SubscriptionSnapshot told) {
        Subscription shown = SubscriptionSnapshots.shown(told, stored.workspaceId(), stored.createdAt(),
                stored.updatedAt());
        if (!told.scheduleRead() && Objects.equals(told.scheduleId(), stored.scheduleId())) {
            shown = shown.withSchedule(stored.scheduleId(), stored.pending(), stored.updatedAt());
        }
        return shown.equals(stored);
    }
}
