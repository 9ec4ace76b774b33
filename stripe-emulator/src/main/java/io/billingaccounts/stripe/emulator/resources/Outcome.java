package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** An operation's answer, with the changes to commit and the events they make. */
public record Outcome(int status, ObjectNode body, List<Change> changes, List<EmulatorEvent> events) {

    static Outcome read(ObjectNode body) {
        return new Outcome(200, body, List.of(), List.of());
    }

    static Outcome committed(ObjectNode body, List<Change> changes, List<EmulatorEvent> events) {
        return new Outcome(200, body, changes, events);
    }

    public static Outcome error(StripeError error) {
        return new Outcome(error.status(), error.toJson(), List.of(), List.of());
    }
}
