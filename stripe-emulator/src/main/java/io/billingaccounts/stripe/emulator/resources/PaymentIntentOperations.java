package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.store.EmulatorState;

/** /v1/payment_intents: retrieve those that paid invoices. */
public final class PaymentIntentOperations {

    /** {@code client_secret} is taken and not checked: a secret key may read any payment intent. */
    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        return KeptObjects.retrieve(request, state, PaymentIntentDocument.KIND, "payment_intent");
    }
}
