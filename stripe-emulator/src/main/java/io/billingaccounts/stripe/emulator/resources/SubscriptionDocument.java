package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeError;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The subscription object in the shape of the Stripe API version stripe-java pins: the current period is on
 * each item.
 *
 * <p>Each item carries its whole price: one the account keeps (see {@link ProductCatalog}), one made from
 * {@code price_data}, or, for an id the account does not keep, a monthly price of unknown amount (null, billed
 * as nothing) in the subscription's currency. Subscriptions start active, or trialing when a trial is asked
 * for; {@link SubscriptionOperations} settles the status with the first invoice. Every period and trial
 * computation is here, from the emulator's clock given as {@code now}.
 */
final class SubscriptionDocument {

    static final Map<String, String> UNMODELLED_REFERENCES = UnmodelledReferences.joined(
            UnmodelledReferences.discounts("discounts"),
            Map.of("customer_account", "account", "default_source", "source", "on_behalf_of", "account",
                    "transfer_data[destination]", "account", "default_tax_rates[]", "tax rate",
                    "items[][tax_rates][]", "tax rate"));

    /** Since API version 2025-03-31 a subscription's period is its items'; they all share one here. */
    static final String CURRENT_PERIOD_START = "/items/data/0/current_period_start";
    static final String CURRENT_PERIOD_END = "/items/data/0/current_period_end";

    private static final long DAY = 86_400;
    /** Stripe's limit on a subscription's items ("a list of up to 20 subscription items"). */
    static final int MAX_ITEMS = 20;

    private SubscriptionDocument() {
    }

    static boolean isCanceled(ObjectNode subscription) {
        return subscription.get("status").asString().equals("canceled");
    }

    static boolean isTrialing(ObjectNode subscription) {
        return subscription.get("status").asString().equals("trialing");
    }

    /** Whether it is canceled by the end of its current period ({@code cancel_at_period_end} sets that). */
    static boolean cancelsByPeriodEnd(ObjectNode subscription) {
        JsonNode cancelAt = subscription.get("cancel_at");
        return cancelAt.isNumber() && cancelAt.asLong() <= currentPeriodEnd(subscription);
    }

    /**
     * @param currency already settled between the parameters, the prices and the customer
     * @param prices the price of each item, in the order of {@code items}
     */
    static ObjectNode create(ParamNode.Branch params, String currency, List<ObjectNode> prices, long now) {
        String id = StripeIds.subscription();
        long start = params.has("backdate_start_date") ? Params.integer(params, "backdate_start_date") : now;
        long trialEnd = trialEnd(params, now);
        List<ParamNode> items = Params.elements(params.get("items"));
        long periodEnd = trialEnd > now ? trialEnd : periodEnd(start, prices.get(0));

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
        CustomerDocument.putOrClear(subscription, "default_payment_method", params.string("default_payment_method"));
        subscription.putNull("default_source");
        subscription.putArray("default_tax_rates");
        CustomerDocument.putOrClear(subscription, "description", params.string("description"));
        subscription.putArray("discounts");
        subscription.putNull("ended_at");
        ArrayNode itemData = Json.array();
        for (int i = 0; i < items.size(); i++) {
            itemData.add(item(id, (ParamNode.Branch) items.get(i), prices.get(i), now, start, periodEnd));
        }
        refuseRepeatedPrices(itemData, "items");
        refuseTooManyItems(itemData, "items");
        subscription.set("items", ListPage.list(itemData, false, "/v1/subscription_items?subscription=" + id));
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
        ParamNode.Branch trialSettings = params.branch("trial_settings");
        subscription.putObject("trial_settings").putObject("end_behavior").put("missing_payment_method",
                trialSettings == null ? "create_invoice"
                        : trialSettings.branch("end_behavior").string("missing_payment_method"));
        if (trialEnd > now) {
            subscription.put("trial_start", now);
        } else {
            subscription.putNull("trial_start");
        }
        return subscription;
    }

    /** The currency a new subscription's items ask for (their own or kept prices), or null when they leave it open. */
    static String requestedCurrency(ParamNode.Branch params, EmulatorState state) {
        if (params.has("currency")) {
            return params.string("currency").toLowerCase(Locale.ROOT);
        }
        for (ParamNode element : Params.elements(params.get("items"))) {
            ParamNode.Branch item = (ParamNode.Branch) element;
            ParamNode.Branch priceData = item.branch("price_data");
            if (priceData != null) {
                return priceData.string("currency").toLowerCase(Locale.ROOT);
            }
            ObjectNode kept = state.object(PriceDocument.KIND, item.has("price") ? item.string("price") : item.string("plan"));
            if (kept != null) {
                return kept.get("currency").asString();
            }
        }
        return null;
    }

    /**
     * Applies an update's parameters, but for {@code trial_end=now}, which bills (see
     * {@link #newPeriod}).
     *
     * @param prices the price an item parameter (at the parameter name given) asks for
     */
    static ObjectNode update(ObjectNode current, ParamNode.Branch params,
            BiFunction<ParamNode.Branch, String, ObjectNode> prices, long now) {
        ObjectNode subscription = current.deepCopy();
        if (params.has("items")) {
            updateItems(subscription, Params.elements(params.get("items")), "items", prices, now);
        }
        if (params.has("metadata")) {
            subscription.set("metadata", Metadata.merge(subscription.get("metadata"), params.get("metadata")));
        }
        for (String field : List.of("description", "default_payment_method")) {
            if (params.has(field)) {
                CustomerDocument.putOrClear(subscription, field, params.string(field));
            }
        }
        applyCancellation(subscription, params);
        if (params.has("pause_collection")) {
            ParamNode.Branch pause = params.branch("pause_collection");
            if (pause == null) {
                subscription.putNull("pause_collection");
            } else {
                ObjectNode collection = subscription.putObject("pause_collection");
                collection.put("behavior", pause.string("behavior"));
                putLongOrNull(collection, "resumes_at", pause, "resumes_at");
            }
        }
        if (params.has("trial_settings")) {
            subscription.putObject("trial_settings").putObject("end_behavior").put("missing_payment_method",
                    params.branch("trial_settings").branch("end_behavior").string("missing_payment_method"));
        }
        String trialEnd = params.string("trial_end");
        if (trialEnd != null && !trialEnd.equals("now")) {
            long end = trialEnd(params, now);
            subscription.put("trial_end", end);
            if (subscription.get("trial_start").isNull()) {
                subscription.put("trial_start", now);
            }
            subscription.put("status", "trialing");
            setPeriod(subscription, currentPeriodStart(subscription), end);
        }
        return subscription;
    }

    /** The subscription with {@code cancel_at_period_end} and {@code cancel_at} as the parameters set them. */
    static ObjectNode withCancellation(ObjectNode current, ParamNode.Branch params) {
        ObjectNode subscription = current.deepCopy();
        applyCancellation(subscription, params);
        return subscription;
    }

    private static void applyCancellation(ObjectNode subscription, ParamNode.Branch params) {
        if (params.has("cancel_at_period_end")) {
            boolean atPeriodEnd = Boolean.parseBoolean(params.string("cancel_at_period_end"));
            subscription.put("cancel_at_period_end", atPeriodEnd);
            putCancelAt(subscription, atPeriodEnd ? "max_period_end" : null, currentPeriodEnd(subscription));
        }
        if (params.has("cancel_at")) {
            String cancelAt = params.string("cancel_at");
            putCancelAt(subscription, cancelAt.isEmpty() ? null : cancelAt, currentPeriodEnd(subscription));
        }
    }

    static boolean endsTrialNow(ParamNode.Branch params) {
        return "now".equals(params.string("trial_end"));
    }

    /** A new period starts now, to be billed at once: a trial ends early, a paused subscription resumes. */
    static ObjectNode newPeriod(ObjectNode subscription, long now) {
        ObjectNode ended = subscription.deepCopy();
        ended.put("billing_cycle_anchor", now);
        JsonNode firstPrice = ended.get("items").get("data").get(0).get("price");
        setPeriod(ended, now, periodEnd(now, (ObjectNode) firstPrice));
        return ended;
    }

    /** The period after the current one, which starts where it ends: a renewal. */
    static ObjectNode nextPeriod(ObjectNode subscription) {
        ObjectNode renewed = subscription.deepCopy();
        long start = currentPeriodEnd(subscription);
        JsonNode firstPrice = renewed.get("items").get("data").get(0).get("price");
        setPeriod(renewed, start, periodEnd(start, (ObjectNode) firstPrice));
        return renewed;
    }

    static long currentPeriodStart(ObjectNode subscription) {
        return subscription.at(CURRENT_PERIOD_START).asLong();
    }

    static long currentPeriodEnd(ObjectNode subscription) {
        return subscription.at(CURRENT_PERIOD_END).asLong();
    }

    private static void setPeriod(ObjectNode subscription, long start, long end) {
        for (JsonNode item : subscription.get("items").get("data").values()) {
            ((ObjectNode) item).put("current_period_start", start).put("current_period_end", end);
        }
    }

    /**
     * The subscription with its items changed as an update's {@code items} would change them: a preview of the
     * change.
     *
     * @param param the name of the items parameter, for errors
     */
    static ObjectNode withItems(ObjectNode current, ParamNode items, String param,
            BiFunction<ParamNode.Branch, String, ObjectNode> prices, long now) {
        ObjectNode subscription = current.deepCopy();
        updateItems(subscription, Params.elements(items), param, prices, now);
        return subscription;
    }

    /** An item a schedule's phase asks for; its metadata goes on a new item. */
    record PhaseItem(ObjectNode price, long quantity, JsonNode metadata) {
    }

    /**
     * The subscription with the items of a schedule's phase, as Stripe moves a subscription into a phase: an item
     * whose price the phase keeps keeps its id (and metadata) and takes the phase's quantity, the other prices are
     * new items, the items of prices the phase leaves out are removed.
     */
    static ObjectNode withPhaseItems(ObjectNode current, List<PhaseItem> items, long now) {
        ObjectNode subscription = current.deepCopy();
        ArrayNode data = (ArrayNode) subscription.get("items").get("data");
        data.removeAll();
        String id = subscription.get("id").asString();
        for (PhaseItem wanted : items) {
            JsonNode kept = itemOfPrice(current, wanted.price().get("id").asString());
            data.add(kept != null ? ((ObjectNode) kept).deepCopy().put("quantity", wanted.quantity())
                    : item(id, wanted.price(), wanted.quantity(), wanted.metadata(), now, currentPeriodStart(current),
                            currentPeriodEnd(current)));
        }
        return subscription;
    }

    /** The subscription's item of the price, or null. */
    static JsonNode itemOfPrice(ObjectNode subscription, String priceId) {
        for (JsonNode item : subscription.get("items").get("data").values()) {
            if (item.get("price").get("id").asString().equals(priceId)) {
                return item;
            }
        }
        return null;
    }

    /**
     * {@code items[n][id]} with {@code deleted} removes that item, with other fields changes it; an item without
     * an id is added, for the current period.
     */
    private static void updateItems(ObjectNode subscription, List<ParamNode> updates, String itemsParam,
            BiFunction<ParamNode.Branch, String, ObjectNode> prices, long now) {
        ArrayNode data = (ArrayNode) subscription.get("items").get("data");
        long start = currentPeriodStart(subscription);
        long end = currentPeriodEnd(subscription);
        for (int i = 0; i < updates.size(); i++) {
            ParamNode.Branch update = (ParamNode.Branch) updates.get(i);
            String param = itemsParam + "[" + i + "]";
            String id = update.string("id");
            if (id == null || id.isEmpty()) {
                data.add(item(subscription.get("id").asString(), update, prices.apply(update, param), now, start, end));
                continue;
            }
            int at = indexOf(data, id);
            if (at < 0) {
                throw StripeError.invalidRequest("Invalid subscription_item id: " + id, param + "[id]");
            }
            if (Boolean.parseBoolean(update.string("deleted"))) {
                data.remove(at);
                continue;
            }
            ObjectNode item = (ObjectNode) data.get(at);
            if (update.has("quantity")) {
                item.put("quantity", Params.integer(update, "quantity"));
            }
            if (update.has("price") || update.has("plan") || update.has("price_data")) {
                item.set("price", prices.apply(update, param));
            }
            if (update.has("metadata")) {
                item.set("metadata", Metadata.merge(item.get("metadata"), update.get("metadata")));
            }
        }
        refuseRepeatedPrices(data, itemsParam);
        refuseTooManyItems(data, itemsParam);
        if (data.isEmpty()) {
            throw StripeError.invalidRequest("A subscription must have at least one active plan. To cancel a"
                    + " subscription, send a DELETE request to /v1/subscriptions/{id}.", itemsParam);
        }
    }

    /** Stripe keeps one item a price. */
    private static void refuseRepeatedPrices(ArrayNode items, String param) {
        Set<String> prices = new HashSet<>();
        for (JsonNode item : items.values()) {
            String price = item.get("price").get("id").asString();
            if (!prices.add(price)) {
                throw StripeError.invalidRequest("Cannot add multiple subscription items with the same price: "
                        + price + ".", param);
            }
        }
    }

    /** Up to {@value #MAX_ITEMS} items a subscription, as on Stripe. */
    private static void refuseTooManyItems(ArrayNode items, String param) {
        if (items.size() > MAX_ITEMS) {
            throw StripeError.invalidRequest("A subscription can have at most " + MAX_ITEMS + " items; this one would"
                    + " have " + items.size() + ".", param);
        }
    }

    private static int indexOf(ArrayNode items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).get("id").asString().equals(id)) {
                return i;
            }
        }
        return -1;
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

    private static ObjectNode item(String subscriptionId, ParamNode.Branch params, ObjectNode price, long now,
            long periodStart, long periodEnd) {
        return item(subscriptionId, price, params.has("quantity") ? Params.integer(params, "quantity") : 1,
                Metadata.merge(null, params.has("metadata") ? params.get("metadata") : new ParamNode.Branch()), now,
                periodStart, periodEnd);
    }

    private static ObjectNode item(String subscriptionId, ObjectNode price, long quantity, JsonNode metadata,
            long now, long periodStart, long periodEnd) {
        ObjectNode item = Json.object();
        item.put("id", StripeIds.subscriptionItem());
        item.put("object", "subscription_item");
        item.putNull("billing_thresholds");
        item.put("created", now);
        item.put("current_period_end", periodEnd);
        item.put("current_period_start", periodStart);
        item.putArray("discounts");
        item.set("metadata", metadata);
        item.set("price", price);
        item.put("quantity", quantity);
        item.put("subscription", subscriptionId);
        item.putArray("tax_rates");
        return item;
    }

    /**
     * The price an item asks for: the account's own, one of its {@code price_data}, or for an id the account
     * does not keep a monthly one of unknown amount.
     *
     * @param currency the subscription's, for a price of unknown amount
     */
    static ObjectNode price(ParamNode.Branch item, String param, String currency, EmulatorState state, long now) {
        ParamNode.Branch data = item.branch("price_data");
        // A plan id names a price as well (Stripe's older name for one).
        String id = item.has("price") ? item.string("price") : item.string("plan");
        if (data != null) {
            ParamNode.Branch recurring = data.branch("recurring");
            return PriceDocument.recurring(StripeIds.price(), data.string("product"),
                    data.string("currency").toLowerCase(Locale.ROOT),
                    data.has("unit_amount") ? Params.integer(data, "unit_amount") : null,
                    recurring.string("interval"),
                    recurring.has("interval_count") ? Params.integer(recurring, "interval_count") : 1,
                    data.has("tax_behavior") ? data.string("tax_behavior") : "unspecified", null, now);
        }
        if (id == null || id.isEmpty()) {
            throw StripeError.missingParameter(param + "[price]");
        }
        ObjectNode kept = state.object(PriceDocument.KIND, id);
        if (kept == null) {
            return PriceDocument.recurring(id, "prod_emulated", currency, null, "month", 1, "unspecified", null, now);
        }
        if (!kept.get("active").asBoolean()) {
            throw StripeError.invalidRequest("The price specified is inactive. This field only accepts active prices.",
                    param + "[price]");
        }
        if (!kept.get("type").asString().equals("recurring")) {
            throw StripeError.invalidRequest("The price specified is set to `type=one_time` but this field only"
                    + " accepts prices with `type=recurring`.", param + "[price]");
        }
        return kept;
    }

    /** The end of a period that starts at {@code start} and lasts one recurrence of the price. */
    static long periodEnd(long start, ObjectNode price) {
        JsonNode recurring = price.get("recurring");
        return after(start, recurring.get("interval").asString(), recurring.get("interval_count").asLong());
    }

    /** {@code count} intervals ({@code day}, {@code week}, {@code month}, {@code year}) after {@code start}, in UTC. */
    static long after(long start, String interval, long count) {
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
