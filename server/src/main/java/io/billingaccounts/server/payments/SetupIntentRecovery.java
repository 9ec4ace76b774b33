package io.billingaccounts.server.payments;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.store.PendingWriteRow;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.SetupIntentSnapshot;
import io.billingaccounts.server.stripe.StripePaymentMethods;
import io.billingaccounts.server.writes.WriteRecoverer;

/**
 * Unfinished creates of setup intents. The intent Stripe made is kept like any other (a retry with the same
 * Idempotency-Key gets its client secret from Stripe, and a list then looks at it). One too old to replay is left
 * in Stripe, and that is harmless: a setup intent is confirmed with its client secret (Stripe.js) or with the secret
 * API key, this service never confirms intents itself, and the caller can no longer learn the secret. So nobody can
 * attach a card through it; it holds no money, and Stripe keeps it as an inert {@code requires_payment_method}
 * intent, tagged with the write's id ({@code metadata.billing_create_intent}).
 */
@Component
class SetupIntentRecovery implements WriteRecoverer {

    private static final Logger log = LoggerFactory.getLogger(SetupIntentRecovery.class);

    private final StripePaymentMethods stripe;
    private final SetupIntentStore intents;
    private final Clock clock;

    SetupIntentRecovery(StripePaymentMethods stripe, SetupIntentStore intents, Clock clock) {
        this.stripe = stripe;
        this.intents = intents;
        this.clock = clock;
    }

    @Override
    public String resource() {
        return PaymentMethodService.SETUP_INTENT;
    }

    @Override
    public void adopt(PendingWriteRow write, String answer) {
        SetupIntentSnapshot intent = stripe.setupIntentFromAnswer(answer);
        intents.insert(intent.id(), write.scopeId(), Timestamps.now(clock));
    }

    @Override
    public void recover(PendingWriteRow write, String idempotencyKey, Deadline deadline) {
        log.info("Left the setup intent of unfinished create {} for billing account {}: its client secret was never"
                + " handed out, so nobody can confirm it", write.id(), write.scopeId());
    }
}
