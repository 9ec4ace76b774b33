package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * /v1/payment_methods (list, retrieve, detach) and /v1/customers/{customer}/payment_methods. Payment methods
 * are made by confirming a setup intent (see {@link SetupIntentOperations}).
 */
public final class PaymentMethodOperations {

    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        return KeptObjects.retrieve(request, state, PaymentMethodDocument.KIND, "PaymentMethod");
    }

    /** Filters by {@code customer} and {@code type}. */
    public Outcome list(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        UnmodelledReferences.refuse(params, Map.of("customer_account", "account"));
        String customer = params.string("customer");
        if (customer != null && state.customer(customer) == null) {
            throw StripeError.noSuch("customer", customer, "customer");
        }
        return Outcome.read(page(params, Filters.equalTo("customer", customer), "/v1/payment_methods", state));
    }

    /** A customer's payment methods, by {@code type} and {@code allow_redisplay}. */
    public Outcome listForCustomer(ResourceRequest request, EmulatorState state) {
        if (state.customer(request.id()) == null) {
            throw StripeError.noSuch("customer", request.id(), null);
        }
        ParamNode.Branch params = request.params();
        Predicate<ObjectNode> filter = Filters.equalTo("customer", request.id())
                .and(Filters.equalTo("allow_redisplay", params.string("allow_redisplay")));
        return Outcome.read(page(params, filter, "/v1/customers/" + request.id() + "/payment_methods", state));
    }

    /**
     * Detaches it from its customer for good; when it was the customer's default payment method for invoices,
     * the customer has none after, as on Stripe.
     */
    public Outcome detach(ResourceRequest request, EmulatorState state) {
        ObjectNode method = existing(request.id(), state, null);
        String customerId = method.path("customer").asString(null);
        if (customerId == null) {
            throw StripeError.invalidRequest("The payment method you provided is not attached to a customer so"
                    + " detachment is impossible.", null);
        }
        long now = request.now();
        ObjectNode detached = PaymentMethodDocument.detach(method);
        List<Change> changes = new ArrayList<>(List.of(new Change.PutObject(detached)));
        List<EmulatorEvent> events = new ArrayList<>(List.of(new EmulatorEvent("payment_method.detached", detached,
                PreviousAttributes.between(method, detached), now)));
        ObjectNode customer = state.customer(customerId);
        if (customer != null && request.id().equals(CustomerDocument.defaultPaymentMethod(customer))) {
            ObjectNode withoutDefault = customer.deepCopy();
            ((ObjectNode) withoutDefault.get("invoice_settings")).putNull("default_payment_method");
            changes.add(new Change.PutCustomer(withoutDefault));
            events.add(new EmulatorEvent("customer.updated", withoutDefault,
                    PreviousAttributes.between(customer, withoutDefault), now));
        }
        return Outcome.committed(Expansions.of(request.params()).object(detached, state, changes), changes, events);
    }

    /**
     * @param param the parameter that named it, or null for the URL path
     */
    static ObjectNode existing(String id, EmulatorState state, String param) {
        return KeptObjects.existing(state, PaymentMethodDocument.KIND, "PaymentMethod", id, param);
    }

    /**
     * A payment method of the customer's, for a parameter that names one to charge.
     */
    static ObjectNode attachedTo(String customerId, String id, EmulatorState state, String param) {
        ObjectNode method = existing(id, state, param);
        if (!PaymentMethodDocument.isAttachedTo(method, customerId)) {
            throw StripeError.invalidRequest("The customer does not have a payment method with the ID " + id
                    + ". The payment method must be attached to the customer.", param);
        }
        return method;
    }

    private static ObjectNode page(ParamNode.Branch params, Predicate<ObjectNode> filter, String url,
            EmulatorState state) {
        Predicate<ObjectNode> all = filter.and(Filters.equalTo("type", params.string("type")));
        Expansions items = Expansions.of(params).ofListItems(Set.of());
        return ListPage.of(state.objectsNewestFirst(PaymentMethodDocument.KIND), all, params, url, "payment_method",
                method -> items.object(method, state));
    }
}
