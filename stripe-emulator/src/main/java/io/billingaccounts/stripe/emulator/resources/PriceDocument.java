package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import java.math.BigDecimal;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/** The price object in the shape of the Stripe API version stripe-java pins: always a per-unit one here. */
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

    /**
     * A price as {@code POST /v1/prices} makes it from checked parameters: recurring when {@code recurring} is given,
     * else one-time; the amount from {@code unit_amount}, else {@code unit_amount_decimal}.
     *
     * @param product the product's id, {@code product} or the one made of {@code product_data}
     */
    static ObjectNode create(ParamNode.Branch params, String product, long now) {
        ParamNode.Branch recurring = params.branch("recurring");
        ObjectNode price = recurring(StripeIds.price(), product, params.string("currency").toLowerCase(Locale.ROOT),
                params.has("unit_amount") ? Long.valueOf(Params.integer(params, "unit_amount")) : null,
                recurring == null ? "month" : recurring.string("interval"),
                recurring != null && recurring.has("interval_count") ? Params.integer(recurring, "interval_count") : 1,
                params.has("tax_behavior") ? params.string("tax_behavior") : "unspecified", null, now);
        if (!params.has("unit_amount")) {
            BigDecimal decimal = new BigDecimal(params.string("unit_amount_decimal"));
            price.put("unit_amount_decimal", decimal.toPlainString());
            // Stripe fills in the whole amount when the decimal has one.
            if (decimal.stripTrailingZeros().scale() <= 0) {
                price.put("unit_amount", decimal.longValueExact());
            }
        }
        if (recurring == null) {
            price.putNull("recurring");
            price.put("type", "one_time");
        } else if (recurring.has("trial_period_days")) {
            ((ObjectNode) price.get("recurring")).put("trial_period_days", Params.integer(recurring, "trial_period_days"));
        }
        return update(price, params);
    }

    /** Sets what {@code POST /v1/prices/{id}} changes, but for the lookup key (see {@link PriceOperations}). */
    static ObjectNode update(ObjectNode current, ParamNode.Branch params) {
        ObjectNode price = current.deepCopy();
        if (params.has("active")) {
            price.put("active", Boolean.parseBoolean(params.string("active")));
        }
        if (params.has("metadata")) {
            price.set("metadata", Metadata.merge(price.get("metadata"), params.get("metadata")));
        }
        if (params.has("nickname")) {
            CustomerDocument.putOrClear(price, "nickname", params.string("nickname"));
        }
        if (params.has("tax_behavior")) {
            price.put("tax_behavior", params.string("tax_behavior"));
        }
        return price;
    }

    static ObjectNode withLookupKey(ObjectNode current, String lookupKey) {
        ObjectNode price = current.deepCopy();
        CustomerDocument.putOrClear(price, "lookup_key", lookupKey);
        return price;
    }

    /** The price's amount for one unit, 0 when unknown (a price the emulator does not keep). */
    static long unitAmount(ObjectNode price) {
        return price.path("unit_amount").asLong(0);
    }
}
