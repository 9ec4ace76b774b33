package io.billingaccounts.stripe.emulator.api;

import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.events.StripeEventDocument;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.DataStore;
import io.billingaccounts.stripe.emulator.webhooks.WebhookDeliverer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Commits changes with the events they make, as Stripe {@code event} objects in the same log record, and queues
 * those events' webhooks: what an API request does, and what the emulator's clock does for what falls due.
 */
public final class EventingCommit {

    private final WebhookDeliverer webhooks;

    public EventingCommit(WebhookDeliverer webhooks) {
        this.webhooks = webhooks;
    }

    /**
     * Under the write lock, which keeps webhook deliveries in commit order.
     *
     * @param requestId the API request that made the change, or null for one the account made on its own
     * @param idempotencyKey that request's Idempotency-Key, or null
     */
    public void commit(DataStore.Transaction transaction, List<Change> changes, List<EmulatorEvent> events,
            String requestId, String idempotencyKey) {
        List<Change> all = new ArrayList<>(changes);
        List<ObjectNode> stripeEvents = new ArrayList<>();
        for (EmulatorEvent event : events) {
            ObjectNode stripeEvent = StripeEventDocument.of(event, StripeApiHandler.STRIPE_VERSION, requestId,
                    idempotencyKey, webhooks.endpointCount());
            stripeEvents.add(stripeEvent);
            all.add(new Change.PutEvent(stripeEvent));
        }
        transaction.commit(all);
        webhooks.send(stripeEvents);
    }
}
