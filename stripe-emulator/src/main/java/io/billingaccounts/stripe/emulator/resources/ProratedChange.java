package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a change of a subscription's items within its current period bills, by Stripe's {@code proration_behavior}:
 * {@code create_prorations} (the default) keeps the {@link Proration} lines as pending invoice items, which the next
 * invoice bills; {@code always_invoice} bills them (and anything pending) at once; {@code none} bills nothing. A
 * subscription update, a schedule's phase and a preview of either all bill a change here.
 */
final class ProratedChange {

    static final String DEFAULT_BEHAVIOR = "create_prorations";

    /** A trial, a pause or an unpaid first period has no paid time to prorate. */
    private static final Set<String> PRORATED = Set.of("active", "past_due");

    private ProratedChange() {
    }

    /**
     * @param before the subscription before the change
     * @param after the subscription after it, in the same period
     * @param at the proration date
     * @param paymentBehavior how an {@code always_invoice} charge that fails is taken (see {@link Invoicing#bill})
     * @return {@code after}, as billing leaves it
     */
    static ObjectNode bill(ObjectNode before, ObjectNode after, String behavior, long at, String paymentBehavior,
            Invoicing.Ledger ledger) {
        List<BilledLine> prorations = prorations(before, after, at, ledger.state());
        if (prorations.isEmpty() || behavior.equals("none")) {
            return after;
        }
        if (behavior.equals("always_invoice")) {
            return Invoicing.bill(after, invoiceNow(after, prorations, at, ledger.state()), paymentBehavior,
                    "past_due", false, ledger);
        }
        for (BilledLine line : prorations) {
            ObjectNode item = InvoiceItemDocument.pending(line, after, ledger.now());
            ledger.changes().add(new Change.PutObject(item));
            ledger.events().add(new EmulatorEvent("invoiceitem.created", item, null, ledger.now()));
        }
        return after;
    }

    /** What the change prorates: nothing while the subscription has no paid time. */
    static List<BilledLine> prorations(ObjectNode before, ObjectNode after, long at, EmulatorState state) {
        if (!PRORATED.contains(before.get("status").asString())) {
            return List.of();
        }
        return Proration.of(before, after, at, SubscriptionBills.productNames(state));
    }

    /** The invoice {@code always_invoice} makes at once: what is pending, then the change's prorations. */
    static Bill invoiceNow(ObjectNode subscription, List<BilledLine> prorations, long at, EmulatorState state) {
        List<BilledLine> lines = new ArrayList<>(SubscriptionBills.pending(subscription, state));
        lines.addAll(prorations);
        return new Bill("subscription_update", at, SubscriptionDocument.currentPeriodEnd(subscription), lines);
    }

    /**
     * The proration date a request asks for, else now. Stripe takes one within the subscription's current period
     * only.
     *
     * @param asked the parameter's value, or null
     * @param param its name, for the error
     */
    static long date(String asked, String param, ObjectNode subscription, long now) {
        if (asked == null) {
            return now;
        }
        long date = Long.parseLong(asked);
        long start = SubscriptionDocument.currentPeriodStart(subscription);
        long end = SubscriptionDocument.currentPeriodEnd(subscription);
        if (date < start || date > end) {
            throw StripeError.invalidRequest("The proration date must be within the subscription's current period ("
                    + start + " to " + end + "), but it is " + date + ".", param);
        }
        return date;
    }
}
