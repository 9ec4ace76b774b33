package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bills a subscription at once, as Stripe does when a subscription starts without a trial, its trial ends or an
 * update invoices its prorations ({@code always_invoice}): an invoice of the {@link Bill} is made and finalized,
 * then what is due (the total less the customer's credit balance) is charged to the subscription's default payment
 * method or else the customer's default for invoices. A charge that succeeds is a payment intent, which the
 * invoice's payment (an {@code invoice_payment}) names; a card that declines fails the payment; an invoice the
 * credit covers is paid with no charge, and a negative total leaves the customer that credit. A bill with nothing
 * to charge (prices of unknown amount only) makes no invoice here. Renewals are billed so too, when the emulator's
 * clock reaches a period's end (see {@link SubscriptionCycle}).
 */
final class Invoicing {

    static final String NO_PAYMENT_METHOD = "This customer has no attached payment source or default payment"
            + " method. Please consider adding a default payment method. For more information, visit"
            + " https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.";

    /**
     * Where a bill's effects go.
     *
     * @param customer a copy of the customer, which billing may change (its invoice sequence and balance); the caller
     *     stores it
     */
    record Ledger(ObjectNode customer, List<Change> changes, List<EmulatorEvent> events, EmulatorState state,
            long now) {
    }

    private Invoicing() {
    }

    /**
     * @param paymentBehavior Stripe's {@code payment_behavior}: {@code default_incomplete} leaves the invoice to
     *     be paid later; {@code error_if_incomplete} refuses the whole request when the payment fails (402); the
     *     others keep the subscription with status {@code failedStatus}
     * @param refuseWithoutPaymentMethod whether a bill with no payment method to charge refuses the request
     *     (a new subscription), rather than failing its payment (a period of one that exists)
     * @return the subscription with its status and latest invoice after the bill
     */
    static ObjectNode bill(ObjectNode subscription, Bill bill, String paymentBehavior, String failedStatus,
            boolean refuseWithoutPaymentMethod, Ledger ledger) {
        if (bill.chargesNothing()) {
            return subscription;
        }
        InvoiceDocument.Made made = InvoiceDocument.finalized(subscription, ledger.customer(), bill, ledger.now());
        ObjectNode invoice = made.invoice();
        boolean due = invoice.get("amount_due").asLong() > 0;
        ObjectNode paymentMethod = paymentMethod(subscription, ledger.customer(), ledger.state());
        boolean waits = due && paymentBehavior.equals("default_incomplete");
        if (due && paymentMethod == null && refuseWithoutPaymentMethod && !waits) {
            throw StripeError.invalidRequest(NO_PAYMENT_METHOD, null);
        }
        boolean charged = due && !waits && paymentMethod != null && !PaymentMethodDocument.declines(paymentMethod);
        if (due && !charged && !waits && paymentBehavior.equals("error_if_incomplete")) {
            throw StripeError.cardDeclined();
        }
        ObjectNode billed = finalize(subscription, invoice, ledger);
        keep(made, bill, ledger);
        long now = ledger.now();
        ObjectNode settled = invoice;
        if (charged || !due) {
            // An invoice the customer's credit covers is paid as it is finalized, with no charge.
            settled = InvoiceDocument.paid(invoice, now);
            if (charged) {
                ObjectNode intent = PaymentIntentDocument.succeeded(invoice, paymentMethod.get("id").asString(), now);
                ledger.changes().add(new Change.PutObject(intent));
                ledger.changes().add(new Change.PutObject(InvoicePaymentDocument.paid(invoice, intent, now)));
            }
            billed.put("status", "active");
            ledger.events().add(new EmulatorEvent("invoice.paid", settled, null, now));
            ledger.events().add(new EmulatorEvent("invoice.payment_succeeded", settled, null, now));
        } else if (waits) {
            billed.put("status", failedStatus);
        } else {
            settled = InvoiceDocument.paymentFailed(invoice);
            billed.put("status", failedStatus);
            ledger.events().add(new EmulatorEvent("invoice.payment_failed", settled, null, now));
        }
        ledger.changes().add(new Change.PutObject(settled));
        return billed;
    }

    /**
     * Bills a period while the subscription's collection is paused: by {@code pause_collection.behavior} the
     * invoice stays a draft ({@code keep_as_draft}), is voided ({@code void}) or is marked uncollectible
     * ({@code mark_uncollectible}); nothing is charged and the status stays.
     */
    static ObjectNode billWithCollectionPaused(ObjectNode subscription, Bill bill, String behavior, Ledger ledger) {
        if (bill.chargesNothing()) {
            return subscription;
        }
        InvoiceDocument.Made made = InvoiceDocument.finalized(subscription, ledger.customer(), bill, ledger.now());
        ObjectNode invoice = made.invoice();
        keep(made, bill, ledger);
        long now = ledger.now();
        if (behavior.equals("keep_as_draft")) {
            ObjectNode draft = InvoiceDocument.draft(invoice);
            ledger.events().add(new EmulatorEvent("invoice.created", draft, null, now));
            ledger.changes().add(new Change.PutObject(draft));
            return subscription.deepCopy().put("latest_invoice", draft.get("id").asString());
        }
        ObjectNode billed = finalize(subscription, invoice, ledger);
        boolean uncollectible = behavior.equals("mark_uncollectible");
        ObjectNode settled = uncollectible ? InvoiceDocument.uncollectible(invoice, now) : InvoiceDocument.voided(invoice, now);
        ledger.events().add(new EmulatorEvent(uncollectible ? "invoice.marked_uncollectible" : "invoice.voided",
                settled, null, now));
        ledger.changes().add(new Change.PutObject(settled));
        return billed;
    }

    /** Whether the subscription has a payment method to charge: its own default, else the customer's. */
    static boolean hasPaymentMethod(ObjectNode subscription, ObjectNode customer, EmulatorState state) {
        return paymentMethod(subscription, customer, state) != null;
    }

    /**
     * Keeps the invoice's lines (each a {@code line_item} of its own, for its lines' URL), and marks the pending
     * invoice items it bills as taken by it, once the caller knows the invoice is kept.
     */
    private static void keep(InvoiceDocument.Made made, Bill bill, Ledger ledger) {
        made.lines().forEach(line -> ledger.changes().add(new Change.PutObject(line)));
        String invoiceId = made.invoice().get("id").asString();
        for (BilledLine line : bill.lines()) {
            if (line.invoiceItem() != null) {
                ObjectNode item = ledger.state().object(InvoiceItemDocument.KIND, line.invoiceItem());
                ledger.changes().add(new Change.PutObject(InvoiceItemDocument.invoiced(item, invoiceId)));
            }
        }
    }

    /**
     * Numbers the invoice (the customer's sequence moves on), leaves the customer the balance the invoice did not
     * use, and makes the invoice the subscription's latest.
     */
    private static ObjectNode finalize(ObjectNode subscription, ObjectNode invoice, Ledger ledger) {
        ObjectNode customer = ledger.customer();
        customer.put("next_invoice_sequence", customer.get("next_invoice_sequence").asLong() + 1);
        customer.put("balance", invoice.get("ending_balance").asLong());
        ObjectNode billed = subscription.deepCopy();
        billed.put("latest_invoice", invoice.get("id").asString());
        ledger.events().add(new EmulatorEvent("invoice.created", invoice, null, ledger.now()));
        ledger.events().add(new EmulatorEvent("invoice.finalized", invoice, null, ledger.now()));
        return billed;
    }

    /** The subscription's default payment method, else the customer's, if the customer still holds it; or null. */
    private static ObjectNode paymentMethod(ObjectNode subscription, ObjectNode customer, EmulatorState state) {
        String id = subscription.path("default_payment_method").asString(null);
        if (id == null) {
            id = CustomerDocument.defaultPaymentMethod(customer);
        }
        ObjectNode method = id == null ? null : state.object(PaymentMethodDocument.KIND, id);
        boolean held = PaymentMethodDocument.isAttachedTo(method, customer.get("id").asString());
        return held ? method : null;
    }
}
