package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payment method object in the shape of the Stripe API version stripe-java pins, made from Stripe's test
 * payment methods: each use of {@code pm_card_visa} and the like makes a new card payment method.
 */
final class PaymentMethodDocument {

    static final String KIND = "payment_method";

    /** Stripe's test payment methods the emulator knows, their cards, and whether a charge on them is declined. */
    enum TestCard {
        VISA("pm_card_visa", "visa", "4242", "Xt5EWLLDS7FJjR1c", false),
        MASTERCARD("pm_card_mastercard", "mastercard", "4444", "ETsTvD6lKXPhqHt0", false),
        /** Attaches fine; every charge on it is declined. */
        CHARGE_CUSTOMER_FAIL("pm_card_chargeCustomerFail", "visa", "0341", "QK2oSGpB3yKfYXyD", true);

        final String token;
        final String brand;
        final String last4;
        final String fingerprint;
        final boolean declines;

        TestCard(String token, String brand, String last4, String fingerprint, boolean declines) {
            this.token = token;
            this.brand = brand;
            this.last4 = last4;
            this.fingerprint = fingerprint;
            this.declines = declines;
        }

        static Optional<TestCard> byToken(String token) {
            return Arrays.stream(values()).filter(card -> card.token.equals(token)).findFirst();
        }
    }

    private PaymentMethodDocument() {
    }

    /** A new card payment method of the test card, attached to no customer; it expires a year from now. */
    static ObjectNode create(TestCard card, long now) {
        ZonedDateTime today = Instant.ofEpochSecond(now).atZone(ZoneOffset.UTC);
        ObjectNode method = Json.object();
        method.put("id", StripeIds.paymentMethod());
        method.put("object", KIND);
        method.put("allow_redisplay", "unspecified");
        ObjectNode billing = method.putObject("billing_details");
        billing.putObject("address").putNull("city").putNull("country").putNull("line1").putNull("line2")
                .putNull("postal_code").putNull("state");
        billing.putNull("email").putNull("name").putNull("phone").putNull("tax_id");
        ObjectNode details = method.putObject("card");
        details.put("brand", card.brand);
        details.putObject("checks").putNull("address_line1_check").putNull("address_postal_code_check")
                .putNull("cvc_check");
        details.put("country", "US");
        details.put("display_brand", card.brand);
        details.put("exp_month", today.getMonthValue());
        details.put("exp_year", today.getYear() + 1);
        details.put("fingerprint", card.fingerprint);
        details.put("funding", "credit");
        details.putNull("generated_from");
        details.put("last4", card.last4);
        ObjectNode networks = details.putObject("networks");
        networks.putArray("available").add(card.brand);
        networks.putNull("preferred");
        details.put("regulated_status", "unregulated");
        details.putObject("three_d_secure_usage").put("supported", true);
        details.putNull("wallet");
        method.put("created", now);
        method.putNull("customer");
        method.putNull("customer_account");
        method.put("livemode", false);
        method.putObject("metadata");
        method.put("type", "card");
        return method;
    }

    static ObjectNode attach(ObjectNode method, String customerId) {
        return method.deepCopy().put("customer", customerId);
    }

    static ObjectNode detach(ObjectNode method) {
        ObjectNode detached = method.deepCopy();
        detached.putNull("customer");
        return detached;
    }

    static boolean isAttachedTo(ObjectNode method, String customerId) {
        return method != null && customerId.equals(method.path("customer").asString(null));
    }

    /** Whether charges on it are declined: it was made from a declining test card. */
    static boolean declines(ObjectNode method) {
        String fingerprint = method.path("card").path("fingerprint").asString("");
        return Arrays.stream(TestCard.values()).anyMatch(card -> card.declines && card.fingerprint.equals(fingerprint));
    }
}
