package io.billingaccounts.server.payments;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.store.PendingWriteRow;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.writes.WriteRecoverer;

/**
 * Unfinished creates of setup intents, whose callers were told they failed. Nothing is undone in Stripe, and that
 * is harmless: a setup intent is confirmed with its client secret (Stripe.js) or with the secret API key, and an
 * unfinished create never handed its client secret to anyone, while this service never confirms intents itself.
 * So nobody can attach a card through it; it holds no money and no place in the account's limit, and Stripe keeps
 * it as an inert {@code requires_payment_method} intent, tagged with the write's id
 * ({@code metadata.billing_create_intent}). (Stripe's emulator serves neither the cancel nor the list of setup
 * intents that finding and canceling it would take.) The database holds nothing of it either: the intent is
 * stored only when the create settles.
 */
@Component
class SetupIntentRecovery implements WriteRecoverer {

    private static final Logger log = LoggerFactory.getLogger(SetupIntentRecovery.class);

    @Override
    public String resource() {
        return PaymentMethodService.SETUP_INTENT;
    }

    @Override
    public void recover(PendingWriteRow write, String idempotencyKey, Deadline deadline) {
        log.info("Left the setup intent of unfinished create {} for billing account {}: its client secret was never"
                + " handed out, so nobody can confirm it", write.id(), write.scopeId());
    }
}
