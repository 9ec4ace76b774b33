package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/** /v1/subscriptions: create, retrieve, list, cancel; enough to give customers subscriptions. */
public final class SubscriptionOperations {

    /** Stripe's default status filter: everything not canceled. */
    private static final Predicate<ObjectNode> NOT_CANCELED = subscription -> !SubscriptionDocument.isCanceled(subscription);

    private final Clock clock;

    public SubscriptionOperations(Clock clock) {
        this.clock = clock;
    }

    /**
     * A customer's currency is set by its first subscription; later ones must use the same, as on
     * Stripe.
     */
    public Outcome create(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        UnmodelledReferences.refuse(params, SubscriptionDocument.UNMODELLED_REFERENCES);
        if (Params.elements(params.get("items")).isEmpty()) {
            throw StripeError.missingParameter("items");
        }
        String customerId = params.string("customer");
        ObjectNode customer = state.customer(customerId);
        if (customer == null) {
            throw StripeError.noSuch("customer", customerId, "customer");
        }
        String customerCurrency = customer.path("currency").asString(null);
        String requested = SubscriptionDocument.requestedCurrency(params);
        String currency = requested != null ? requested : customerCurrency != null ? customerCurrency : "usd";
        if (customerCurrency != null && !customerCurrency.equals(currency)) {
            throw StripeError.invalidRequest("You cannot combine currencies on a single customer. This customer has"
                    + " an active subscription, subscription schedule, discount, quote, or invoice item with currency "
                    + customerCurrency + ".", "currency");
        }
        long now = now();
        ObjectNode subscription = SubscriptionDocument.create(params, currency, now);
        List<Change> changes = new ArrayList<>();
        List<EmulatorEvent> events = new ArrayList<>();
        changes.add(new Change.PutSubscription(subscription));
        events.add(new EmulatorEvent("customer.subscription.created", subscription, null, now));
        if (customerCurrency == null) {
            ObjectNode withCurrency = customer.deepCopy().put("currency", currency);
            changes.add(new Change.PutCustomer(withCurrency));
            events.add(new EmulatorEvent("customer.updated", withCurrency,
                    PreviousAttributes.between(customer, withCurrency), now));
        }
        return Outcome.committed(Expansions.of(params).subscription(subscription, state), changes, events);
    }

    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        return Outcome.read(Expansions.of(request.params()).subscription(existing(request.id(), state), state));
    }

    /**
     * Filters by customer (a deleted customer's subscriptions stay listed), status ({@code all},
     * {@code ended} = canceled or incomplete_expired, a status, or by default all but canceled), price,
     * collection method, automatic tax, and creation and period timestamps.
     */
    public Outcome list(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        UnmodelledReferences.refuse(params, Map.of("test_clock", "test clock", "customer_account", "account"));
        Predicate<ObjectNode> filter = statusFilter(params.string("status"))
                .and(RangeFilter.on("/created", params.get("created")))
                .and(RangeFilter.on(SubscriptionDocument.CURRENT_PERIOD_START, params.get("current_period_start")))
                .and(RangeFilter.on(SubscriptionDocument.CURRENT_PERIOD_END, params.get("current_period_end")));
        filter = filter.and(equalTo("customer", params.string("customer")));
        filter = filter.and(equalTo("collection_method", params.string("collection_method")));
        for (String price : new String[] {params.string("price"), params.string("plan")}) {
            if (price != null) {
                filter = filter.and(subscription -> SubscriptionDocument.hasPrice(subscription, price));
            }
        }
        ParamNode.Branch automaticTax = params.branch("automatic_tax");
        if (automaticTax != null) {
            boolean enabled = Boolean.parseBoolean(automaticTax.string("enabled"));
            filter = filter.and(subscription -> subscription.get("automatic_tax").get("enabled").asBoolean() == enabled);
        }
        Expansions items = Expansions.of(params).ofListItems(Set.of());
        return Outcome.read(ListPage.of(state.subscriptionsNewestFirst(), filter, params, "/v1/subscriptions",
                "subscription", subscription -> items.subscription(subscription, state)));
    }

    /** Cancels at once; a subscription canceled already is no longer there to cancel. */
    public Outcome cancel(ResourceRequest request, EmulatorState state) {
        ObjectNode subscription = existing(request.id(), state);
        if (SubscriptionDocument.isCanceled(subscription)) {
            throw StripeError.noSuch("subscription", request.id(), null);
        }
        ObjectNode canceled = SubscriptionDocument.cancel(subscription, now(),
                request.params().branch("cancellation_details"));
        return Outcome.committed(
                Expansions.of(request.params()).subscription(canceled, state),
                List.of(new Change.PutSubscription(canceled)),
                List.of(new EmulatorEvent("customer.subscription.deleted", canceled, null, now())));
    }

    private static Predicate<ObjectNode> statusFilter(String status) {
        if (status == null) {
            return NOT_CANCELED;
        }
        return switch (status) {
            case "all" -> subscription -> true;
            case "ended" -> subscription -> Set.of("canceled", "incomplete_expired")
                    .contains(subscription.get("status").asString());
            default -> subscription -> subscription.get("status").asString().equals(status);
        };
    }

    private static Predicate<ObjectNode> equalTo(String field, String value) {
        return value == null ? subscription -> true : subscription -> value.equals(subscription.get(field).asString());
    }

    private static ObjectNode existing(String id, EmulatorState state) {
        ObjectNode subscription = state.subscription(id);
        if (subscription == null) {
            throw StripeError.noSuch("subscription", id, null);
        }
        return subscription;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
