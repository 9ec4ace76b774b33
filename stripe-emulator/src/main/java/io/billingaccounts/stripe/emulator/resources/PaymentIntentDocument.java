package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payment intent object in the shape of the Stripe API version stripe-java pins: what charging an invoice
 * makes (since API version 2025-03-31 an invoice no longer names it; its {@code payments} do). Only a charge that
 * succeeds is made one here. Charges are not kept, so {@code latest_charge} is null. Refunds do not change it: as on
 * Stripe, what was refunded is the sum of its refunds.
 */
final class PaymentIntentDocument {

    static final String KIND = "payment_intent";

    private PaymentIntentDocument() {
    }

    /** The payment intent of an invoice charged in full to the payment method. */
    static ObjectNode succeeded(ObjectNode invoice, String paymentMethodId, long now) {
        String id = StripeIds.paymentIntent();
        long amount = invoice.get("amount_due").asLong();
        ObjectNode intent = Json.object();
        intent.put("id", id);
        intent.put("object", KIND);
        intent.put("amount", amount);
        intent.put("amount_capturable", 0);
        intent.putObject("amount_details").putObject("tip");
        intent.put("amount_received", amount);
        intent.putNull("application");
        intent.putNull("application_fee_amount");
        intent.putNull("automatic_payment_methods");
        intent.putNull("canceled_at");
        intent.putNull("cancellation_reason");
        intent.put("capture_method", "automatic");
        intent.put("client_secret", StripeIds.clientSecret(id));
        intent.put("confirmation_method", "automatic");
        intent.put("created", now);
        intent.put("currency", invoice.get("currency").asString());
        intent.put("customer", invoice.get("customer").asString());
        intent.putNull("customer_account");
        // What Stripe writes on the payment intents of subscription invoices.
        intent.put("description", invoice.get("billing_reason").asString().equals("subscription_create")
                ? "Subscription creation" : "Subscription update");
        intent.putNull("excluded_payment_method_types");
        intent.putNull("last_payment_error");
        intent.putNull("latest_charge");
        intent.put("livemode", false);
        intent.putObject("metadata");
        intent.putNull("next_action");
        intent.putNull("on_behalf_of");
        intent.put("payment_method", paymentMethodId);
        intent.putNull("payment_method_configuration_details");
        intent.putObject("payment_method_options").putObject("card").putNull("installments").putNull("mandate_options")
                .putNull("network").put("request_three_d_secure", "automatic");
        intent.putArray("payment_method_types").add("card");
        intent.putNull("processing");
        intent.putNull("receipt_email");
        intent.putNull("review");
        intent.putNull("setup_future_usage");
        intent.putNull("shipping");
        intent.putNull("source");
        intent.putNull("statement_descriptor");
        intent.putNull("statement_descriptor_suffix");
        intent.put("status", "succeeded");
        intent.putNull("transfer_data");
        intent.putNull("transfer_group");
        return intent;
    }

    static long amountReceived(ObjectNode intent) {
        return intent.get("amount_received").asLong();
    }
}
