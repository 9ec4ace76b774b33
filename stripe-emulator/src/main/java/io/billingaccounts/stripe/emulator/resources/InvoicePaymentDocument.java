package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import tools.jackson.databind.node.ObjectNode;

/**
 * The invoice payment object in the shape of the Stripe API version stripe-java pins: how an invoice names the
 * payment intent that paid it, listed by {@code GET /v1/invoice_payments?invoice=} or included in the invoice's
 * {@code payments} when expanded. Only paid ones are made here, one an invoice.
 */
final class InvoicePaymentDocument {

    static final String KIND = "invoice_payment";

    private InvoicePaymentDocument() {
    }

    static ObjectNode paid(ObjectNode invoice, ObjectNode paymentIntent, long now) {
        ObjectNode payment = Json.object();
        payment.put("id", StripeIds.invoicePayment());
        payment.put("object", KIND);
        payment.put("amount_paid", PaymentIntentDocument.amountReceived(paymentIntent));
        payment.put("amount_requested", invoice.get("amount_due").asLong());
        payment.put("created", now);
        payment.put("currency", invoice.get("currency").asString());
        payment.put("invoice", invoice.get("id").asString());
        payment.put("is_default", true);
        payment.put("livemode", false);
        payment.putObject("payment").put("payment_intent", paymentIntent.get("id").asString())
                .put("type", "payment_intent");
        payment.put("status", "paid");
        payment.putObject("status_transitions").putNull("canceled_at").put("paid_at", now);
        return payment;
    }

    static boolean isOf(ObjectNode payment, String invoiceId) {
        return payment.get("invoice").asString().equals(invoiceId);
    }
}
