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

/** /v1/customers: create, retrieve, update, delete (which cancels the subscriptions), list; search is apart. */
public final class CustomerOperations {

    public Outcome create(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        UnmodelledReferences.refuse(params, CustomerDocument.UNMODELLED_REFERENCES);
        ObjectNode customer = CustomerDocument.create(request.now(), params);
        checkDefaultPaymentMethod(customer.get("id").asString(), params, state);
        return Outcome.committed(
                Expansions.of(params).customer(customer, state),
                List.of(new Change.PutCustomer(customer)),
                List.of(new EmulatorEvent("customer.created", customer, null, request.now())));
    }

    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        ObjectNode customer = state.customer(request.id());
        if (customer == null) {
            if (state.isDeletedCustomer(request.id())) {
                return Outcome.read(CustomerDocument.deleted(request.id()));
            }
            throw StripeError.noSuch("customer", request.id(), null);
        }
        return Outcome.read(Expansions.of(request.params()).customer(customer, state));
    }

    public Outcome update(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        ObjectNode current = liveCustomer(request.id(), state);
        UnmodelledReferences.refuse(params, CustomerDocument.UNMODELLED_REFERENCES);
        checkDefaultPaymentMethod(request.id(), params, state);
        ObjectNode updated = CustomerDocument.update(current, params);
        ObjectNode previous = PreviousAttributes.between(current, updated);
        return Outcome.committed(
                Expansions.of(params).customer(updated, state),
                List.of(new Change.PutCustomer(updated)),
                previous.isEmpty() ? List.of()
                        : List.of(new EmulatorEvent("customer.updated", updated, previous, request.now())));
    }

    public Outcome delete(ResourceRequest request, EmulatorState state) {
        ObjectNode customer = liveCustomer(request.id(), state);
        List<Change> changes = new ArrayList<>();
        List<EmulatorEvent> events = new ArrayList<>();
        changes.add(new Change.DeleteCustomer(request.id()));
        events.add(new EmulatorEvent("customer.deleted", customer, null, request.now()));
        for (ObjectNode subscription : state.subscriptionsNewestFirst()) {
            if (subscription.get("customer").asString().equals(request.id())
                    && !SubscriptionDocument.isCanceled(subscription)) {
                ObjectNode canceled = SubscriptionDocument.cancel(subscription, request.now(), null);
                changes.add(new Change.PutSubscription(canceled));
                events.add(new EmulatorEvent("customer.subscription.deleted", canceled, null, request.now()));
                ScheduleCycle.cancelWith(subscription, state, request.now(), changes, events);
            }
        }
        return Outcome.committed(CustomerDocument.deleted(request.id()), changes, events);
    }

    public Outcome list(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        UnmodelledReferences.refuse(params, Map.of("test_clock", "test clock"));
        Predicate<ObjectNode> filter = RangeFilter.on("/created", params.get("created"));
        String email = params.string("email");
        if (email != null) {
            filter = filter.and(customer -> email.equals(customer.path("email").asString(null)));
        }
        Expansions items = Expansions.of(params).ofListItems(Set.of());
        return Outcome.read(ListPage.of(state.customersNewestFirst(), filter, params, "/v1/customers", "customer",
                customer -> items.customer(customer, state)));
    }

    /** The default payment method for invoices must be one of the customer's own. */
    private static void checkDefaultPaymentMethod(String customerId, ParamNode.Branch params, EmulatorState state) {
        ParamNode.Branch settings = params.branch("invoice_settings");
        String method = settings == null ? null : settings.string("default_payment_method");
        if (method != null && !method.isEmpty()) {
            PaymentMethodOperations.attachedTo(customerId, method, state, "invoice_settings[default_payment_method]");
        }
    }

    private static ObjectNode liveCustomer(String id, EmulatorState state) {
        ObjectNode customer = state.customer(id);
        if (customer == null) {
            throw StripeError.noSuch("customer", id, null);
        }
        return customer;
    }
}
