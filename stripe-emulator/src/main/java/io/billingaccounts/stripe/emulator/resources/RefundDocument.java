package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import tools.jackson.databind.node.ObjectNode;

/**
 * The refund object in the shape of the Stripe API version stripe-java pins: part or all of a payment intent's
 * amount given back to its card. It succeeds at once, as a test-mode card refund does. Charges and balance
 * transactions are not kept, so {@code charge} and {@code balance_transaction} are null.
 */
final class RefundDocument {

    static final String KIND = "refund";

    private RefundDocument() {
    }

    /**
     * @param reason {@code duplicate}, {@code fraudulent}, {@code requested_by_customer}, or null
     */
    static ObjectNode succeeded(ObjectNode paymentIntent, long amount, String reason, ObjectNode metadata, long now) {
        ObjectNode refund = Json.object();
        refund.put("id", StripeIds.refund());
        refund.put("object", KIND);
        refund.put("amount", amount);
        refund.putNull("balance_transaction");
        refund.putNull("charge");
        refund.put("created", now);
        refund.put("currency", paymentIntent.get("currency").asString());
        ObjectNode destination = refund.putObject("destination_details");
        destination.putObject("card").putNull("reference").put("reference_status", "pending").putNull("reference_type")
                .put("type", "refund");
        destination.put("type", "card");
        refund.set("metadata", metadata);
        refund.put("payment_intent", paymentIntent.get("id").asString());
        refund.put("reason", reason);
        refund.putNull("receipt_number");
        refund.putNull("source_transfer_reversal");
        refund.put("status", "succeeded");
        refund.putNull("transfer_reversal");
        return refund;
    }

    static boolean isOf(ObjectNode refund, String paymentIntentId) {
        return paymentIntentId.equals(refund.get("payment_intent").asString(null));
    }
}
