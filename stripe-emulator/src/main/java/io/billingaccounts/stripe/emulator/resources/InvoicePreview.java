package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code POST /v1/invoices/create_preview} answers: the invoice Stripe would make next, made from the same
 * {@link Bill} lines as the real one, as a draft that is never kept ({@link InvoiceDocument#preview}).
 *
 * <ul>
 *   <li>Without {@code subscription}: the first invoice of a new subscription of {@code customer} with
 *       {@code subscription_details[items]}, one line an item over a whole period from now; with
 *       {@code subscription_details[trial_end]}, the trial's invoice, its lines free.</li>
 *   <li>With {@code subscription}, and any change {@code subscription_details} asks for (items, as an update takes
 *       them; {@code cancel_at_period_end}; {@code cancel_at}): the renewal at the period's end, at the new items,
 *       after what is pending and, by {@code proration_behavior}, the change's {@link Proration} lines at
 *       {@code proration_date} (else now): what the update and then the renewal will bill. With
 *       {@code always_invoice}, the invoice the update makes at once instead.</li>
 * </ul>
 * The renewal takes the items of the subscription's schedule's phase that starts by then. A subscription
 * canceled, paused or cancelling by its period's end (by itself, or by its schedule's {@code end_behavior: cancel})
 * has no next invoice: Stripe answers 404
 * {@code invoice_upcoming_none} ("No upcoming invoices for customer: ..."), with nothing charged at the period's end
 * (prorations pending then are left pending, as a cancellation without {@code invoice_now} leaves them).
 */
final class InvoicePreview {

    static final String BILLING_REASON = "upcoming";

    private static final Map<String, String> UNMODELLED_REFERENCES = UnmodelledReferences.joined(
            Map.of("customer_account", "account", "on_behalf_of", "account",
                    "subscription_details[default_tax_rates][]", "tax rate",
                    "subscription_details[items][][tax_rates][]", "tax rate"),
            UnmodelledReferences.discounts("discounts"),
            UnmodelledReferences.discounts("subscription_details[items][][discounts]"));

    /** What would change the invoice in ways the emulator does not model. */
    private static final List<String> UNMODELLED = List.of("schedule", "schedule_details", "invoice_items",
            "customer_details");
    private static final List<String> UNMODELLED_DETAILS = List.of("billing_cycle_anchor", "billing_schedules",
            "cancel_now", "resume_at", "start_date");
    private static final Set<String> WITHOUT_NEXT_INVOICE = Set.of("canceled", "incomplete_expired", "paused");

    private InvoicePreview() {
    }

    static ObjectNode of(ParamNode.Branch params, EmulatorState state, long now) {
        refuseUnmodelled(params);
        ParamNode.Branch details = params.has("subscription_details") ? params.branch("subscription_details")
                : new ParamNode.Branch();
        String subscription = params.string("subscription");
        ObjectNode invoice = subscription == null ? ofNewSubscription(params, details, state, now)
                : ofNext(params, details, state, now);
        return Expansions.of(params).object(invoice, state);
    }

    private static ObjectNode ofNewSubscription(ParamNode.Branch params, ParamNode.Branch details,
            EmulatorState state, long now) {
        List<ParamNode> items = Params.elements(details.get("items"));
        if (items.isEmpty()) {
            throw StripeError.invalidRequest("The Preview Invoice API only supports previewing the upcoming invoice"
                    + " for a specific subscription or subscription schedule, not for a customer as a whole. You need"
                    + " to explicitly pass one of `subscription`, `schedule`, `subscription_details.items`,"
                    + " `schedule_details.phases`, or `invoice_items`.", null);
        }
        String customerId = params.string("customer");
        if (customerId == null) {
            throw StripeError.missingParameter("customer");
        }
        ObjectNode customer = state.customer(customerId);
        if (customer == null) {
            throw StripeError.noSuch("customer", customerId, "customer");
        }
        ParamNode.Branch asCreated = new ParamNode.Branch();
        asCreated.children().put("customer", params.get("customer"));
        asCreated.children().put("items", details.get("items"));
        if (params.has("currency")) {
            asCreated.children().put("currency", params.get("currency"));
        }
        if (details.has("trial_end")) {
            asCreated.children().put("trial_end", details.get("trial_end"));
        }
        String currency = SubscriptionOperations.currency(asCreated, customer, state);
        List<ObjectNode> prices = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            prices.add(SubscriptionOperations.price((ParamNode.Branch) items.get(i),
                    "subscription_details[items][" + i + "]", currency, state, now));
        }
        ObjectNode subscription = SubscriptionDocument.create(asCreated, currency, prices, now);
        List<BilledLine> lines = SubscriptionBills.periodLines(subscription, SubscriptionBills.productNames(state));
        if (SubscriptionDocument.isTrialing(subscription)) {
            lines = lines.stream().map(line -> trial(line, state)).toList();
        }
        Bill bill = new Bill(BILLING_REASON, SubscriptionDocument.currentPeriodStart(subscription),
                SubscriptionDocument.currentPeriodEnd(subscription), lines);
        return InvoiceDocument.preview(null, subscription.get("metadata"), currency, customer, bill, now, null);
    }

    /** A trial's invoice bills each item at nothing, as Stripe writes it: "Trial period for Locations". */
    private static BilledLine trial(BilledLine line, EmulatorState state) {
        String product = SubscriptionBills.productNames(state).apply(line.price().product());
        return new BilledLine(line.price(), line.subscriptionItem(), line.quantity(), 0, "Trial period for " + product,
                line.periodStart(), line.periodEnd(), false, null);
    }

    private static ObjectNode ofNext(ParamNode.Branch params, ParamNode.Branch details, EmulatorState state,
            long now) {
        String id = params.string("subscription");
        ObjectNode current = state.subscription(id);
        if (current == null) {
            throw StripeError.noSuch("subscription", id, "subscription");
        }
        String customerId = current.get("customer").asString();
        if (params.has("customer") && !params.string("customer").equals(customerId)) {
            throw StripeError.invalidRequest("The subscription " + id + " does not belong to the customer "
                    + params.string("customer") + ".", "customer");
        }
        if (details.has("trial_end")) {
            throw unmodelled("subscription_details[trial_end]");
        }
        if (WITHOUT_NEXT_INVOICE.contains(current.get("status").asString())) {
            throw noUpcomingInvoice(customerId);
        }
        String currency = current.get("currency").asString();
        ObjectNode changed = details.has("items")
                ? SubscriptionDocument.withItems(current, details.get("items"), "subscription_details[items]",
                        (item, param) -> SubscriptionOperations.price(item, param, currency, state, now), now)
                : current;
        changed = SubscriptionDocument.withCancellation(changed, details);
        long at = ProratedChange.date(details.string("proration_date"), "subscription_details[proration_date]",
                current, now);
        String behavior = details.has("proration_behavior") ? details.string("proration_behavior")
                : ProratedChange.DEFAULT_BEHAVIOR;
        List<BilledLine> prorations = behavior.equals("none") ? List.of()
                : ProratedChange.prorations(current, changed, at, state);
        ObjectNode customer = state.customer(customerId);
        if (behavior.equals("always_invoice") && !prorations.isEmpty()) {
            Bill immediate = ProratedChange.invoiceNow(changed, prorations, at, state);
            Bill previewed = new Bill(BILLING_REASON, immediate.periodStart(), immediate.periodEnd(),
                    immediate.lines());
            return InvoiceDocument.preview(id, changed.get("metadata"), currency, customer, previewed, now, at);
        }
        if (SubscriptionDocument.cancelsByPeriodEnd(changed)) {
            throw noUpcomingInvoice(customerId);
        }
        ObjectNode next = ScheduleCycle.forNextPeriod(changed, SubscriptionDocument.isTrialing(changed)
                ? SubscriptionDocument.newPeriod(changed, SubscriptionDocument.currentPeriodEnd(changed))
                : SubscriptionDocument.nextPeriod(changed), state, now);
        if (next == null) {
            throw noUpcomingInvoice(customerId);
        }
        List<BilledLine> lines = new ArrayList<>(SubscriptionBills.pending(current, state));
        lines.addAll(prorations);
        lines.addAll(SubscriptionBills.periodLines(next, SubscriptionBills.productNames(state)));
        Bill bill = new Bill(BILLING_REASON, SubscriptionDocument.currentPeriodStart(next),
                SubscriptionDocument.currentPeriodEnd(next), lines);
        return InvoiceDocument.preview(id, changed.get("metadata"), currency, customer, bill,
                SubscriptionDocument.currentPeriodStart(next), prorations.isEmpty() ? null : at);
    }

    private static void refuseUnmodelled(ParamNode.Branch params) {
        UnmodelledReferences.refuse(params, UNMODELLED_REFERENCES);
        for (String param : UNMODELLED) {
            if (params.has(param) && !Params.isEmptyString(params.get(param))) {
                throw unmodelled(param);
            }
        }
        if ("recurring".equals(params.string("preview_mode"))) {
            throw unmodelled("preview_mode");
        }
        ParamNode.Branch details = params.branch("subscription_details");
        for (String param : UNMODELLED_DETAILS) {
            if (details != null && details.has(param)) {
                throw unmodelled("subscription_details[" + param + "]");
            }
        }
    }

    private static StripeError unmodelled(String param) {
        return StripeError.invalidRequest("stripe-emulator previews the next invoice of a subscription, or the first"
                + " of a new one, with its items, cancellation and prorations only; it does not take " + param, param);
    }

    /** Stripe's answer when a customer's subscription will make no further invoice. */
    private static StripeError noUpcomingInvoice(String customerId) {
        return new StripeError(404, StripeError.INVALID_REQUEST, "invoice_upcoming_none",
                "No upcoming invoices for customer: " + customerId, null);
    }
}
