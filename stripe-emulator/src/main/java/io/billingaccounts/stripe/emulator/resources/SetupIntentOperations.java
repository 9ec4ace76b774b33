package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * /v1/setup_intents: create, retrieve, confirm. Confirming with one of Stripe's test payment methods
 * ({@code pm_card_visa}, {@code pm_card_mastercard}, {@code pm_card_chargeCustomerFail}) makes a new card
 * payment method, attaches it to the intent's customer and succeeds; a payment method the account keeps and no
 * other customer holds may be confirmed too.
 */
public final class SetupIntentOperations {

    private static final Map<String, String> UNMODELLED_REFERENCES = Map.of(
            "customer_account", "account",
            "on_behalf_of", "account",
            "payment_method_configuration", "payment method configuration",
            "confirmation_token", "ConfirmationToken");

    public Outcome create(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        UnmodelledReferences.refuse(params, UNMODELLED_REFERENCES);
        String customer = params.string("customer");
        if (customer != null && !customer.isEmpty() && state.customer(customer) == null) {
            throw StripeError.noSuch("customer", customer, "customer");
        }
        long now = request.now();
        ObjectNode intent = SetupIntentDocument.create(params, now);
        List<Change> changes = new ArrayList<>(List.of(new Change.PutObject(intent)));
        List<EmulatorEvent> events = new ArrayList<>(List.of(new EmulatorEvent("setup_intent.created", intent, null, now)));
        if (Boolean.parseBoolean(params.string("confirm"))) {
            intent = confirm(intent, params.string("payment_method"), state, changes, events, now);
        }
        return Outcome.committed(Expansions.of(params).object(intent, state, changes), changes, events);
    }

    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        return KeptObjects.retrieve(request, state, SetupIntentDocument.KIND, "setup_intent");
    }

    public Outcome confirm(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        UnmodelledReferences.refuse(params, UNMODELLED_REFERENCES);
        List<Change> changes = new ArrayList<>();
        List<EmulatorEvent> events = new ArrayList<>();
        ObjectNode intent = KeptObjects.existing(state, SetupIntentDocument.KIND, "setup_intent", request.id(), null);
        ObjectNode confirmed = confirm(intent, params.string("payment_method"), state, changes, events, request.now());
        return Outcome.committed(Expansions.of(params).object(confirmed, state, changes), changes, events);
    }

    /**
     * Adds to {@code changes} and {@code events} what confirming makes: the payment method (attached to the
     * intent's customer) and the succeeded intent.
     *
     * @param paymentMethod the one sent with the confirmation, or null for the intent's own
     */
    private static ObjectNode confirm(ObjectNode intent, String paymentMethod, EmulatorState state,
            List<Change> changes, List<EmulatorEvent> events, long now) {
        if (SetupIntentDocument.hasSucceeded(intent)) {
            throw new StripeError(400, StripeError.INVALID_REQUEST, "setup_intent_unexpected_state",
                    "You cannot confirm this SetupIntent because it has already succeeded after being previously"
                            + " confirmed.", null);
        }
        String chosen = paymentMethod != null ? paymentMethod : intent.path("payment_method").asString(null);
        if (chosen == null || chosen.isEmpty()) {
            throw new StripeError(400, StripeError.INVALID_REQUEST, "setup_intent_unexpected_state",
                    "You cannot confirm this SetupIntent because it's missing a payment method. Update the"
                            + " SetupIntent with a payment method and then confirm it again.", "payment_method");
        }
        ObjectNode method = PaymentMethodDocument.TestCard.byToken(chosen)
                .map(card -> PaymentMethodDocument.create(card, now))
                .orElseGet(() -> PaymentMethodOperations.existing(chosen, state, "payment_method"));
        String customer = intent.path("customer").asString(null);
        String holder = method.path("customer").asString(null);
        if (holder != null && !holder.equals(customer)) {
            throw StripeError.invalidRequest("The provided PaymentMethod was previously used with a PaymentIntent"
                    + " without Customer attachment, shared with a connected account without Customer attachment,"
                    + " or was detached from a Customer. It may not be used again.", "payment_method");
        }
        if (customer != null && holder == null) {
            method = PaymentMethodDocument.attach(method, customer);
            changes.add(new Change.PutObject(method));
            events.add(new EmulatorEvent("payment_method.attached", method, null, now));
        } else if (holder == null) {
            changes.add(new Change.PutObject(method));
        }
        ObjectNode succeeded = SetupIntentDocument.succeeded(intent, method.get("id").asString());
        changes.add(new Change.PutObject(succeeded));
        events.add(new EmulatorEvent("setup_intent.succeeded", succeeded, null, now));
        return succeeded;
    }
}
