package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.StripeError;
import tools.jackson.databind.node.ObjectNode;

/** Reads of the objects {@link EmulatorState} keeps by kind (prices, payment methods, invoices ...). */
final class KeptObjects {

    private KeptObjects() {
    }

    /**
     * @param label the kind's name in Stripe's "No such ..." message
     * @param param the parameter that named it, or null for the URL path (then a 404)
     */
    static ObjectNode existing(EmulatorState state, String kind, String label, String id, String param) {
        ObjectNode object = state.object(kind, id);
        if (object == null) {
            throw StripeError.noSuch(label, id, param);
        }
        return object;
    }

    /** The object the URL path names, expanded as asked. */
    static Outcome retrieve(ResourceRequest request, EmulatorState state, String kind, String label) {
        ObjectNode object = existing(state, kind, label, request.id(), null);
        return Outcome.read(Expansions.of(request.params()).object(object, state));
    }
}
