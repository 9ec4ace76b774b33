package io.billingaccounts.server.subscriptions;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.store.PendingWriteRow;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.StripeInvoices;
import io.billingaccounts.server.stripe.StripeSubscriptions;
import io.billingaccounts.server.stripe.SubscriptionSnapshot;
import io.billingaccounts.server.writes.WriteRecoverer;

/**
 * Unfinished writes of subscriptions. Stripe bills what it holds, so the mirror takes over what Stripe holds: the
 * subscription a create made (Stripe's answer to its replayed request, with the invoice it charged), or the state an
 * update, cancel or resume left, whether Stripe applied it or not; its caller was told the outcome was not known
 * yet. A create too old to replay, whose caller can no longer learn of it, is found by its tag, canceled and
 * refunded.
 */
@Component
class SubscriptionRecovery implements WriteRecoverer {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionRecovery.class);

    private final SubscriptionStore subscriptions;
    private final StripeSubscriptions stripe;
    private final CreatedSubscriptions created;
    private final StripeInvoices invoices;
    private final Clock clock;

    SubscriptionRecovery(SubscriptionStore subscriptions, StripeSubscriptions stripe, CreatedSubscriptions created,
                         StripeInvoices invoices, Clock clock) {
        this.subscriptions = subscriptions;
        this.stripe = stripe;
        this.created = created;
        this.invoices = invoices;
        this.clock = clock;
    }

    @Override
    public String resource() {
        return SubscriptionService.RESOURCE;
    }

    @Override
    public void adopt(PendingWriteRow write, String answer) {
        Subscription subscription = created.store(stripe.fromAnswer(answer), write.id(), Timestamps.now(clock));
        log.info("Took in Stripe subscription {} ({}) of unfinished create {} for billing account {}",
                subscription.id(), subscription.status(), write.id(), write.scopeId());
    }

    @Override
    public void recover(PendingWriteRow write, String idempotencyKey, Deadline deadline) {
        if (write.isCreate()) {
            for (SubscriptionSnapshot made : stripe.findByMetadata(SubscriptionService.CREATE_METADATA, write.id(),
                    deadline)) {
                stripe.cancelNow(made.id(), deadline);
                long refunded = invoices.refundAll(made.id(), idempotencyKey, deadline);
                log.warn("Canceled Stripe subscription {} of create {} for billing account {}, unfinished for longer"
                        + " than Stripe keeps its Idempotency-Key, and refunded {} (smallest currency unit)",
                        made.id(), write.id(), write.scopeId(), refunded);
            }
            return;
        }
        Optional<Subscription> stored = subscriptions.findById(write.objectId());
        Optional<SubscriptionSnapshot> held = stripe.retrieve(write.objectId(), deadline);
        if (stored.isEmpty() || held.isEmpty()) {
            return;
        }
        Subscription told = stored.get();
        Subscription holds = SubscriptionSnapshots.shown(held.get(), told.workspaceId(), told.createdAt(),
                told.updatedAt());
        if (!holds.equals(told)) {
            subscriptions.update(holds.changedAt(Timestamps.now(clock)));
            log.info("Took in the state Stripe holds of subscription {} after an unfinished {}", told.id(),
                    write.kind());
        }
    }
}
