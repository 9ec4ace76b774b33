package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeError;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The subscription object in the shape of the Stripe API version stripe-java pins: the current period is on
 * each item.
 *
 * <p>The emulator keeps no prices: any price id is taken as an existing monthly price (amount
 * unknown, so null) in the subscription's currency; {@code price_data} gives a price of its own.
 * Subscriptions start active, or trialing when a trial is asked for.
 */
final class SubscriptionDocument {

    static final Map<String, String> UNMODELLED_REFERENCES = Map.ofEntries(
            Map.entry("discounts[][coupon]", "coupon"),
            Map.entry("discounts[][promotion_code]", "promotion code"),
            Map.entry("discounts[][discount]", "discount"),
            Map.entry("customer_account", "account"),
            Map.entry("default_payment_method", "PaymentMethod"),
            Map.entry("default_source", "source"),
            Map.entry("on_behalf_of", "account"),
            Map.entry("transfer_data[destination]", "account"),
            Map.entry("default_tax_rates[]", "tax rate"),
            Map.entry("items[][tax_rates][]", "tax rate"));

    /** Since API version 2025-03-31 a subscription's period is its items'; they all share one here. */
    static final String CURRENT_PERIOD_START = "/items/data/0/current_period_start";
    static final String CURRENT_PERIOD_END = "/items/data/0/current_period_end";

    private static final long DAY = 86_400;

    private SubscriptionDocument() {
    }

    static boolean isCanceled(ObjectNode subscription) {
        return subscription.get("status").asString().equals("canceled");
    }

    /** @param currency already settled between the parameters and the customer */
    static ObjectNode create(ParamNode.Branch params, String currency, long now) {
        String id = StripeIds.subscription();
        long start = params.has("backdate_start_date") ? Params.integer(params, "backdate_start_date") : now;
        long trialEnd = trialEnd(params, now);
        List<ParamNode> items = Params.elements(params.get("items"));
        long periodEnd = trialEnd > now ? trialEnd : periodEnd(start, firstRecurring(items));

        ObjectNode subscription = Json.object();
        subscription.put("id", id);
        subscription.put("object", "subscription");
        subscription.putNull("application");
        if (params.has("application_fee_percent")) {
            subscription.put("application_fee_percent", Double.parseDouble(params.string("application_fee_percent")));
        } else {
            subscription.putNull("application_fee_percent");
        }
        ParamNode.Branch automaticTax = params.branch("automatic_tax");
        subscription.putObject("automatic_tax")
                .put("enabled", automaticTax != null && Boolean.parseBoolean(automaticTax.string("enabled")));
        subscription.put("billing_cycle_anchor",
                params.has("billing_cycle_anchor") ? Params.integer(params, "billing_cycle_anchor") : start);
        subscription.putNull("billing_thresholds");
        putCancelAt(subscription, params.string("cancel_at"), periodEnd);
        subscription.put("cancel_at_period_end", Boolean.parseBoolean(params.string("cancel_at_period_end")));
        subscription.putNull("canceled_at");
        subscription.putObject("cancellation_details").putNull("comment").putNull("feedback").putNull("reason");
        subscription.put("collection_method",
                params.has("collection_method") ? params.string("collection_method") : "charge_automatically");
        subscription.put("created", now);
        subscription.put("currency", currency);
        subscription.put("customer", params.string("customer"));
        putLongOrNull(subscription, "days_until_due", params, "days_until_due");
        subscription.putNull("default_payment_method");
        subscription.putNull("default_source");
        subscription.putArray("default_tax_rates");
        CustomerDocument.putOrClear(subscription, "description", params.string("description"));
        subscription.putArray("discounts");
        subscription.putNull("ended_at");
        ArrayNode itemData = Json.array();
        for (int i = 0; i < items.size(); i++) {
            itemData.add(item(id, i, (ParamNode.Branch) items.get(i), currency, now, start, periodEnd));
        }
        subscription.set("items", Expansions.list(itemData, "/v1/subscription_items?subscription=" + id));
        subscription.putNull("latest_invoice");
        subscription.put("livemode", false);
        subscription.set("metadata", Metadata.merge(null, params.has("metadata") ? params.get("metadata") : new ParamNode.Branch()));
        subscription.putNull("next_pending_invoice_item_invoice");
        subscription.putNull("on_behalf_of");
        subscription.putNull("pause_collection");
        subscription.putObject("payment_settings")
                .putNull("payment_method_options").putNull("payment_method_types")
                .put("save_default_payment_method", "off");
        subscription.putNull("pending_invoice_item_interval");
        subscription.putNull("pending_setup_intent");
        subscription.putNull("pending_update");
        subscription.putNull("schedule");
        subscription.put("start_date", start);
        subscription.put("status", trialEnd > now ? "trialing" : "active");
        subscription.putNull("test_clock");
        subscription.putNull("transfer_data");
        if (trialEnd > now) {
            subscription.put("trial_end", trialEnd);
        } else {
            subscription.putNull("trial_end");
        }
        subscription.putObject("trial_settings").putObject("end_behavior")
                .put("missing_payment_method", "create_invoice");
        if (trialEnd > now) {
            subscription.put("trial_start", now);
        } else {
            subscription.putNull("trial_start");
        }
        return subscription;
    }

    /** The currency a new subscription's items ask for, or null when they leave it open. */
    static String requestedCurrency(ParamNode.Branch params) {
        if (params.has("currency")) {
            return params.string("currency").toLowerCase(Locale.ROOT);
        }
        for (ParamNode item : Params.elements(params.get("items"))) {
            ParamNode.Branch priceData = ((ParamNode.Branch) item).branch("price_data");
            if (priceData != null) {
                return priceData.string("currency").toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /**
     * @param details the {@code cancellation_details} parameter, or null
     */
    static ObjectNode cancel(ObjectNode subscription, long now, ParamNode.Branch details) {
        ObjectNode canceled = subscription.deepCopy();
        canceled.put("status", "canceled");
        canceled.put("canceled_at", now);
        canceled.put("ended_at", now);
        ObjectNode cancellation = canceled.putObject("cancellation_details");
        CustomerDocument.putOrClear(cancellation, "comment", details == null ? null : details.string("comment"));
        CustomerDocument.putOrClear(cancellation, "feedback", details == null ? null : details.string("feedback"));
        cancellation.put("reason", "cancellation_requested");
        return canceled;
    }

    static boolean hasPrice(ObjectNode subscription, String priceId) {
        for (JsonNode item : subscription.get("items").get("data").values()) {
            if (item.path("price").path("id").asString("").equals(priceId)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode item(String subscriptionId, int index, ParamNode.Branch params, String currency,
            long now, long periodStart, long periodEnd) {
        ObjectNode item = Json.object();
        item.put("id", StripeIds.subscriptionItem());
        item.put("object", "subscription_item");
        item.putNull("billing_thresholds");
        item.put("created", now);
        item.put("current_period_end", periodEnd);
        item.put("current_period_start", periodStart);
        item.set("metadata", Metadata.merge(null, params.has("metadata") ? params.get("metadata") : new ParamNode.Branch()));
        item.set("price", price(params, index, currency, now));
        item.put("quantity", params.has("quantity") ? Params.integer(params, "quantity") : 1);
        item.put("subscription", subscriptionId);
        item.putArray("tax_rates");
        return item;
    }

    private static ObjectNode price(ParamNode.Branch item, int index, String currency, long now) {
        ParamNode.Branch data = item.branch("price_data");
        // A plan id names a price as well (Stripe's older name for one).
        String id = item.has("price") ? item.string("price") : item.string("plan");
        if (data == null && id == null) {
            throw StripeError.missingParameter("items[" + index + "][price]");
        }
        ObjectNode price = Json.object();
        price.put("id", data == null ? id : StripeIds.price());
        price.put("object", "price");
        price.put("active", true);
        price.put("billing_scheme", "per_unit");
        price.put("created", now);
        price.put("currency", currency);
        price.put("livemode", false);
        price.putNull("lookup_key");
        price.putObject("metadata");
        price.putNull("nickname");
        price.put("product", data == null ? "prod_emulated" : data.string("product"));
        ObjectNode recurring = price.putObject("recurring");
        ParamNode.Branch interval = data == null ? null : data.branch("recurring");
        recurring.put("interval", interval == null ? "month" : interval.string("interval"));
        recurring.put("interval_count", interval == null || !interval.has("interval_count")
                ? 1 : Params.integer(interval, "interval_count"));
        recurring.putNull("trial_period_days");
        recurring.put("usage_type", "licensed");
        price.put("tax_behavior", data != null && data.has("tax_behavior") ? data.string("tax_behavior") : "unspecified");
        price.putNull("tiers_mode");
        price.putNull("transform_quantity");
        price.put("type", "recurring");
        if (data != null && data.has("unit_amount")) {
            price.put("unit_amount", Params.integer(data, "unit_amount"));
            price.put("unit_amount_decimal", data.string("unit_amount"));
        } else {
            price.putNull("unit_amount");
            price.putNull("unit_amount_decimal");
        }
        return price;
    }

    private static ParamNode.Branch firstRecurring(List<ParamNode> items) {
        for (ParamNode item : items) {
            ParamNode.Branch data = ((ParamNode.Branch) item).branch("price_data");
            if (data != null) {
                return data.branch("recurring");
            }
        }
        return null;
    }

    private static long periodEnd(long start, ParamNode.Branch recurring) {
        String interval = recurring == null ? "month" : recurring.string("interval");
        long count = recurring == null || !recurring.has("interval_count") ? 1 : Params.integer(recurring, "interval_count");
        ZonedDateTime from = Instant.ofEpochSecond(start).atZone(ZoneOffset.UTC);
        ZonedDateTime to = switch (interval) {
            case "day" -> from.plusDays(count);
            case "week" -> from.plusWeeks(count);
            case "year" -> from.plusYears(count);
            default -> from.plusMonths(count);
        };
        return to.toEpochSecond();
    }

    /** When the trial asked for ends, or 0 when there is none ({@code trial_end=now} ends it at once). */
    private static long trialEnd(ParamNode.Branch params, long now) {
        if (params.has("trial_end")) {
            String trialEnd = params.string("trial_end");
            if (trialEnd.equals("now")) {
                return 0;
            }
            long end = Long.parseLong(trialEnd);
            if (end <= now) {
                throw StripeError.invalidRequest(
                        "Invalid timestamp: must be an integer Unix timestamp in the future.", "trial_end");
            }
            return end;
        }
        if (params.has("trial_period_days")) {
            return now + Params.integer(params, "trial_period_days") * DAY;
        }
        return 0;
    }

    /**
     * {@code cancel_at} is a timestamp or names a period end: with one period shared by all items and no billing
     * schedules, each of those is the current period's end.
     */
    private static void putCancelAt(ObjectNode subscription, String cancelAt, long periodEnd) {
        if (cancelAt == null) {
            subscription.putNull("cancel_at");
        } else {
            subscription.put("cancel_at", cancelAt.matches("-?\\d+") ? Long.parseLong(cancelAt) : periodEnd);
        }
    }

    private static void putLongOrNull(ObjectNode object, String field, ParamNode.Branch params, String param) {
        if (params.has(param)) {
            object.put(field, Params.integer(params, param));
        } else {
            object.putNull(field);
        }
    }
}
