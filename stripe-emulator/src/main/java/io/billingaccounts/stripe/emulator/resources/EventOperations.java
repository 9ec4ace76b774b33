package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.StripeError;
import tools.jackson.databind.node.ObjectNode;

/** /v1/events/{id}: the events the account's changes made, as their webhooks carried them. */
public final class EventOperations {

    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        ObjectNode event = state.event(request.id());
        if (event == null) {
            throw StripeError.noSuch("event", request.id(), null);
        }
        return Outcome.read(Expansions.of(request.params()).event(event));
    }
}
