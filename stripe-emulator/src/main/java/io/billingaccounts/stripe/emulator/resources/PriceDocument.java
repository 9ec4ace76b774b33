package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.support.Json;
import tools.jackson.databind.node.ObjectNode;

/** The price object in the shape of the Stripe API version stripe-java pins: always a per-unit recurring one here. */
final class PriceDocument {

    static final String KIND = "price";

    private PriceDocument() {
    }

    /**
     * @param unitAmount in the currency's minor unit; null when unknown
     * @param lookupKey null for none
     */
    static ObjectNode recurring(String id, String product, String currency, Long unitAmount, String interval,
            long intervalCount, String taxBehavior, String lookupKey, long created) {
        ObjectNode price = Json.object();
        price.put("id", id);
        price.put("object", KIND);
        price.put("active", true);
        price.put("billing_scheme", "per_unit");
        price.put("created", created);
        price.put("currency", currency);
        price.putNull("custom_unit_amount");
        price.put("livemode", false);
        CustomerDocument.putOrClear(price, "lookup_key", lookupKey);
        price.putObject("metadata");
        price.putNull("nickname");
        price.put("product", product);
        ObjectNode recurring = price.putObject("recurring");
        recurring.put("interval", interval);
        recurring.put("interval_count", intervalCount);
        recurring.putNull("meter");
        recurring.putNull("trial_period_days");
        recurring.put("usage_type", "licensed");
        price.put("tax_behavior", taxBehavior);
        price.putNull("tiers_mode");
        price.putNull("transform_quantity");
        price.put("type", "recurring");
        if (unitAmount != null) {
            price.put("unit_amount", unitAmount);
            price.put("unit_amount_decimal", unitAmount.toString());
        } else {
            price.putNull("unit_amount");
            price.putNull("unit_amount_decimal");
        }
        return price;
    }

    /** The price's amount for one unit, 0 when unknown (a price the emulator does not keep). */
    static long unitAmount(ObjectNode price) {
        return price.path("unit_amount").asLong(0);
    }
}
