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
import java.util.function.BiFunction;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * /v1/subscriptions: create (billing the first period at once unless there is a trial), retrieve, update,
 * resume, list, cancel; search is apart ({@link SearchOperations}).
 */
public final class SubscriptionOperations {

    /** Stripe's default status filter: everything not canceled. */
    private static final Predicate<ObjectNode> NOT_CANCELED = subscription -> !SubscriptionDocument.isCanceled(subscription);

    /**
     * The currency is settled by {@link #currency}. Without a trial the first invoice is charged at once (see
     * {@link Invoicing}); a declined card with {@code payment_behavior=error_if_incomplete} refuses the request
     * (402) and leaves nothing behind.
     */
    public Outcome create(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        UnmodelledReferences.refuse(params, SubscriptionDocument.UNMODELLED_REFERENCES);
        List<ParamNode> items = Params.elements(params.get("items"));
        if (items.isEmpty()) {
            throw StripeError.missingParameter("items");
        }
        String customerId = params.string("customer");
        ObjectNode customer = state.customer(customerId);
        if (customer == null) {
            throw StripeError.noSuch("customer", customerId, "customer");
        }
        String customerCurrency = customer.path("currency").asString(null);
        String currency = currency(params, customer, state);
        long now = request.now();
        List<ObjectNode> prices = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            prices.add(price((ParamNode.Branch) items.get(i), "items[" + i + "]", currency, state, now));
        }
        checkPaymentMethod(customerId, params, state);
        ObjectNode subscription = SubscriptionDocument.create(params, currency, prices, now);
        ObjectNode billedCustomer = customer.deepCopy();
        if (customerCurrency == null) {
            billedCustomer.put("currency", currency);
        }
        List<Change> changes = new ArrayList<>();
        List<EmulatorEvent> billing = new ArrayList<>();
        if (!SubscriptionDocument.isTrialing(subscription)) {
            subscription = Invoicing.bill(subscription, SubscriptionBills.period("subscription_create", subscription,
                    state), paymentBehavior(params), "incomplete", true,
                    new Invoicing.Ledger(billedCustomer, changes, billing, state, now));
        }
        changes.add(0, new Change.PutSubscription(subscription));
        List<EmulatorEvent> events = new ArrayList<>();
        events.add(new EmulatorEvent("customer.subscription.created", subscription, null, now));
        putCustomer(customer, billedCustomer, customerCurrency == null, changes, events, now);
        events.addAll(billing);
        return Outcome.committed(Expansions.of(params).object(subscription, state, changes), changes, events);
    }

    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        return Outcome.read(Expansions.of(request.params()).subscription(existing(request.id(), state), state));
    }

    /**
     * A new subscription's currency: the one its parameters or items ask for, else the customer's, else usd. A
     * customer's currency is set by its first subscription; later ones must use the same, as on Stripe.
     */
    static String currency(ParamNode.Branch params, ObjectNode customer, EmulatorState state) {
        String customerCurrency = customer.path("currency").asString(null);
        String requested = SubscriptionDocument.requestedCurrency(params, state);
        String currency = requested != null ? requested : customerCurrency != null ? customerCurrency : "usd";
        if (customerCurrency != null && !customerCurrency.equals(currency)) {
            throw StripeError.invalidRequest("You cannot combine currencies on a single customer. This customer has"
                    + " an active subscription, subscription schedule, discount, quote, or invoice item with currency "
                    + customerCurrency + ".", "currency");
        }
        return currency;
    }

    /**
     * Changes only what is sent: items (by {@code items[n][id]}: quantity, price, {@code deleted}; without an id,
     * a new item), metadata (merged), {@code pause_collection} ({@code ""} clears it; the status stays),
     * {@code cancel_at_period_end}, {@code cancel_at}, {@code default_payment_method}, {@code trial_end} (a
     * later end, or {@code now}, which bills the period that starts). A change of items is prorated at
     * {@code proration_date} (else now) as {@code proration_behavior} says (see {@link ProratedChange}).
     */
    public Outcome update(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        ObjectNode current = existing(request.id(), state);
        if (SubscriptionDocument.isCanceled(current)) {
            throw StripeError.invalidRequest("A canceled subscription can only update its cancellation_details and"
                    + " metadata.", null);
        }
        UnmodelledReferences.refuse(params, SubscriptionDocument.UNMODELLED_REFERENCES);
        String customerId = current.get("customer").asString();
        checkPaymentMethod(customerId, params, state);
        String currency = current.get("currency").asString();
        long now = request.now();
        long prorationDate = ProratedChange.date(params.string("proration_date"), "proration_date", current, now);
        ObjectNode updated = SubscriptionDocument.update(current, params,
                (item, param) -> price(item, param, currency, state, now), now);
        String paymentBehavior = paymentBehavior(params);
        if (SubscriptionDocument.endsTrialNow(params) && SubscriptionDocument.isTrialing(current)
                && state.customer(customerId) != null) {
            updated = SubscriptionDocument.newPeriod(updated, now).put("trial_end", now).put("status", "active");
            return billed(current, updated, (subscription, ledger) -> Invoicing.bill(subscription,
                    SubscriptionBills.period("subscription_update", subscription, ledger.state()), paymentBehavior,
                    "past_due", false, ledger), params, state, now);
        }
        String prorationBehavior = params.has("proration_behavior") ? params.string("proration_behavior")
                : ProratedChange.DEFAULT_BEHAVIOR;
        return billed(current, updated, (subscription, ledger) -> ProratedChange.bill(current, subscription,
                prorationBehavior, prorationDate, paymentBehavior, ledger), params, state, now);
    }

    /**
     * Resumes a paused subscription (one whose trial ended without a payment method): the billing cycle anchor is
     * now and a new period starts, billed at once to the default payment method. As Stripe documents for resume:
     * a paid invoice makes it {@code active}, a failed payment (a declined card, or none) {@code past_due} with the
     * invoice open; resume takes no {@code payment_behavior}.
     */
    public Outcome resume(ResourceRequest request, EmulatorState state) {
        ObjectNode current = existing(request.id(), state);
        if (!current.get("status").asString().equals("paused")) {
            throw StripeError.invalidRequest("Only subscriptions with a `status` of `paused` can be resumed.", null);
        }
        long now = request.now();
        ObjectNode resumed = SubscriptionDocument.newPeriod(current, now).put("status", "active");
        return billed(current, resumed, SubscriptionOperations::billCycle, request.params(), state, now);
    }

    /**
     * Bills a period, with the prorations pending for it, as Stripe bills each cycle: a failed payment leaves the
     * subscription past due.
     */
    static ObjectNode billCycle(ObjectNode subscription, Invoicing.Ledger ledger) {
        return Invoicing.bill(subscription, SubscriptionBills.period("subscription_cycle", subscription,
                ledger.state()), "allow_incomplete", "past_due", false, ledger);
    }

    /**
     * The outcome of a change to a subscription that bills its (new) current period, when its customer is still
     * there: see {@link #changed}.
     *
     * @param bill bills the subscription into the ledger, answering it as billing leaves it
     */
    static Outcome billed(ObjectNode current, ObjectNode updated,
            BiFunction<ObjectNode, Invoicing.Ledger, ObjectNode> bill, ParamNode.Branch params, EmulatorState state,
            long now) {
        List<Change> changes = new ArrayList<>();
        List<EmulatorEvent> billing = new ArrayList<>();
        ObjectNode customer = state.customer(current.get("customer").asString());
        ObjectNode billed = updated;
        if (customer != null) {
            ObjectNode billedCustomer = customer.deepCopy();
            billed = bill.apply(updated, new Invoicing.Ledger(billedCustomer, changes, billing, state, now));
            putCustomer(customer, billedCustomer, false, changes, billing, now);
        }
        return changed(current, billed, changes, billing, params, state, now);
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
        filter = filter.and(Filters.equalTo("customer", params.string("customer")));
        filter = filter.and(Filters.equalTo("collection_method", params.string("collection_method")));
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

    /**
     * Cancels at once, and its schedule with it; a subscription canceled already is no longer there to cancel.
     */
    public Outcome cancel(ResourceRequest request, EmulatorState state) {
        ObjectNode subscription = existing(request.id(), state);
        if (SubscriptionDocument.isCanceled(subscription)) {
            throw StripeError.noSuch("subscription", request.id(), null);
        }
        long now = request.now();
        ObjectNode canceled = SubscriptionDocument.cancel(subscription, now,
                request.params().branch("cancellation_details"));
        List<Change> changes = new ArrayList<>(List.of(new Change.PutSubscription(canceled)));
        List<EmulatorEvent> events = new ArrayList<>(List.of(
                new EmulatorEvent("customer.subscription.deleted", canceled, null, now)));
        ScheduleCycle.cancelWith(subscription, state, now, changes, events);
        return Outcome.committed(Expansions.of(request.params()).subscription(canceled, state), changes, events);
    }

    /**
     * The outcome of a change to a subscription: {@code customer.subscription.updated} when anything changed,
     * {@code customer.subscription.paused} or {@code resumed} when its status went to or from {@code paused},
     * then the events of its billing.
     */
    static Outcome changed(ObjectNode current, ObjectNode updated, List<Change> changes,
            List<EmulatorEvent> billing, ParamNode.Branch params, EmulatorState state, long now) {
        changes.add(0, new Change.PutSubscription(updated));
        List<EmulatorEvent> events = new ArrayList<>();
        ObjectNode previous = PreviousAttributes.between(current, updated);
        if (!previous.isEmpty()) {
            boolean wasPaused = current.get("status").asString().equals("paused");
            boolean isPaused = updated.get("status").asString().equals("paused");
            if (wasPaused != isPaused) {
                events.add(new EmulatorEvent(isPaused ? "customer.subscription.paused" : "customer.subscription.resumed",
                        updated, null, now));
            }
            events.add(new EmulatorEvent("customer.subscription.updated", updated, previous, now));
        }
        events.addAll(billing);
        return Outcome.committed(Expansions.of(params).object(updated, state, changes), changes, events);
    }

    /**
     * Stores the customer as billing left it; {@code customer.updated} tells of it when it took the
     * subscription's currency.
     */
    private static void putCustomer(ObjectNode before, ObjectNode after, boolean tookCurrency, List<Change> changes,
            List<EmulatorEvent> events, long now) {
        if (!after.equals(before)) {
            changes.add(new Change.PutCustomer(after));
            if (tookCurrency) {
                events.add(new EmulatorEvent("customer.updated", after, PreviousAttributes.between(before, after), now));
            }
        }
    }

    /** An item's price, which must be in the subscription's currency. */
    static ObjectNode price(ParamNode.Branch item, String param, String currency, EmulatorState state,
            long now) {
        ObjectNode price = SubscriptionDocument.price(item, param, currency, state, now);
        if (!price.get("currency").asString().equals(currency)) {
            throw StripeError.invalidRequest("The price specified (" + price.get("id").asString() + ") is in "
                    + price.get("currency").asString() + ", which does not match the subscription's currency "
                    + currency + ".", param + "[price]");
        }
        return price;
    }

    /** A {@code default_payment_method} must be one of the customer's. */
    private static void checkPaymentMethod(String customerId, ParamNode.Branch params, EmulatorState state) {
        String method = params.string("default_payment_method");
        if (method != null && !method.isEmpty()) {
            PaymentMethodOperations.attachedTo(customerId, method, state, "default_payment_method");
        }
    }

    /** Stripe's default for new subscriptions and updates alike is {@code allow_incomplete}. */
    private static String paymentBehavior(ParamNode.Branch params) {
        return params.has("payment_behavior") ? params.string("payment_behavior") : "allow_incomplete";
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

    private static ObjectNode existing(String id, EmulatorState state) {
        ObjectNode subscription = state.subscription(id);
        if (subscription == null) {
            throw StripeError.noSuch("subscription", id, null);
        }
        return subscription;
    }
}
