package io.billingaccounts.server.payments;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.store.PendingWriteRow;
import io.billingaccounts.server.stripe.CardSnapshot;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.StripePaymentMethods;
import io.billingaccounts.server.writes.WriteRecoverer;

/**
 * Unfinished writes of payment methods. A detach cannot be undone in Stripe (a detached card cannot be attached
 * again), so it is completed: detached if Stripe still has it attached, then forgotten here with the default it
 * was. Any other write only brought the mirror in line with Stripe, and does so again.
 */
@Component
class PaymentMethodRecovery implements WriteRecoverer {

    private static final Logger log = LoggerFactory.getLogger(PaymentMethodRecovery.class);

    private final StripePaymentMethods stripe;
    private final DetachedCards detached;

    PaymentMethodRecovery(StripePaymentMethods stripe, DetachedCards detached) {
        this.stripe = stripe;
        this.detached = detached;
    }

    @Override
    public String resource() {
        return PaymentMethodService.RESOURCE;
    }

    @Override
    public void recover(PendingWriteRow write, String idempotencyKey, Deadline deadline) {
        String paymentMethodId = write.objectId();
        Optional<CardSnapshot> card = stripe.retrieve(paymentMethodId, deadline);
        boolean attached = card.isPresent() && card.get().customerId() != null;
        if (attached && write.kind().equals("detach")) {
            stripe.detach(paymentMethodId, idempotencyKey, deadline);
            attached = false;
            log.info("Completed the detach of payment method {}", paymentMethodId);
        }
        if (!attached) {
            detached.forget(paymentMethodId);
        }
    }
}
