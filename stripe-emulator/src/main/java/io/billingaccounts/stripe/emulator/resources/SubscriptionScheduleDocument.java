package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The subscription schedule object in the shape of the Stripe API version stripe-java pins: phases of items (a price
 * and a quantity each) one after the other, the current one in {@code current_phase}, and what happens after the
 * last ({@code end_behavior}). Here a schedule is always made from a subscription, so it starts {@code active};
 * it ends {@code released} (the subscription goes on alone), {@code completed} (its subscription canceled at the
 * end) or {@code canceled}.
 */
final class SubscriptionScheduleDocument {

    static final String KIND = "subscription_schedule";

    /** The statuses in which a schedule still runs its phases, and may be changed, released or canceled. */
    private static final Set<String> LIVE = Set.of("not_started", "active");

    private SubscriptionScheduleDocument() {
    }

    /**
     * As {@code from_subscription} makes it: one phase, the subscription's items over its current period, and
     * {@code end_behavior: release}.
     */
    static ObjectNode fromSubscription(ObjectNode subscription, JsonNode metadata, long now) {
        long start = SubscriptionDocument.currentPeriodStart(subscription);
        long end = SubscriptionDocument.currentPeriodEnd(subscription);
        ArrayNode items = Json.array();
        for (JsonNode item : subscription.get("items").get("data").values()) {
            items.add(phaseItem(item.get("price").get("id").asString(), item.get("quantity").asLong(),
                    item.get("metadata")));
        }
        ObjectNode phase = phase(start, end, items, ProratedChange.DEFAULT_BEHAVIOR,
                subscription.get("currency").asString(), Json.object());
        if (SubscriptionDocument.isTrialing(subscription)) {
            phase.set("trial_end", subscription.get("trial_end"));
        }
        ObjectNode schedule = Json.object();
        schedule.put("id", StripeIds.subscriptionSchedule());
        schedule.put("object", KIND);
        schedule.putNull("application");
        schedule.putObject("billing_mode").putNull("flexible").put("type", "classic").putNull("updated_at");
        schedule.putNull("canceled_at");
        schedule.putNull("completed_at");
        schedule.put("created", now);
        schedule.putObject("current_phase").put("end_date", end).put("start_date", start);
        schedule.put("customer", subscription.get("customer").asString());
        schedule.putNull("customer_account");
        ObjectNode defaults = schedule.putObject("default_settings");
        defaults.putNull("application_fee_percent");
        defaults.putObject("automatic_tax").putNull("disabled_reason").put("enabled", false).putNull("liability");
        defaults.put("billing_cycle_anchor", "automatic");
        defaults.putNull("billing_thresholds");
        defaults.set("collection_method", subscription.get("collection_method"));
        defaults.set("default_payment_method", subscription.get("default_payment_method"));
        defaults.set("description", subscription.get("description"));
        defaults.putObject("invoice_settings").putNull("account_tax_ids").putNull("custom_fields")
                .putNull("days_until_due").putNull("description").putNull("footer")
                .putObject("issuer").put("type", "self");
        defaults.putNull("on_behalf_of");
        defaults.putNull("transfer_data");
        schedule.put("end_behavior", "release");
        schedule.put("livemode", false);
        schedule.set("metadata", metadata);
        schedule.putArray("phases").add(phase);
        schedule.putNull("released_at");
        schedule.putNull("released_subscription");
        schedule.put("status", "active");
        schedule.put("subscription", subscription.get("id").asString());
        schedule.putNull("test_clock");
        return schedule;
    }

    /**
     * @param items {@link #phaseItem}s
     * @param prorationBehavior how the change into the phase is prorated, when it falls within a period
     */
    static ObjectNode phase(long start, long end, ArrayNode items, String prorationBehavior, String currency,
            JsonNode metadata) {
        ObjectNode phase = Json.object();
        phase.putArray("add_invoice_items");
        phase.putNull("application_fee_percent");
        phase.putObject("automatic_tax").putNull("disabled_reason").put("enabled", false).putNull("liability");
        phase.putNull("billing_cycle_anchor");
        phase.putNull("billing_thresholds");
        phase.putNull("collection_method");
        phase.put("currency", currency);
        phase.putNull("default_payment_method");
        phase.putArray("default_tax_rates");
        phase.putNull("description");
        phase.putArray("discounts");
        phase.put("end_date", end);
        phase.putNull("invoice_settings");
        phase.set("items", items);
        phase.set("metadata", metadata);
        phase.putNull("on_behalf_of");
        phase.put("proration_behavior", prorationBehavior);
        phase.put("start_date", start);
        phase.putNull("transfer_data");
        phase.put("trial", false);
        phase.putNull("trial_end");
        return phase;
    }

    /** Stripe names a phase item's price twice: {@code price}, and {@code plan}, its older name. */
    static ObjectNode phaseItem(String price, long quantity, JsonNode metadata) {
        // Not a subscription item less its period: Stripe's phase item is an object of its own, with fields apart.
        ObjectNode item = Json.object();
        item.putNull("billing_thresholds");
        item.putArray("discounts");
        item.set("metadata", metadata);
        item.put("plan", price);
        item.put("price", price);
        item.put("quantity", quantity);
        item.putArray("tax_rates");
        return item;
    }

    static boolean isLive(ObjectNode schedule) {
        return LIVE.contains(schedule.get("status").asString());
    }

    /** The index in {@code phases} of the current phase; -1 when none is. */
    static int currentPhaseIndex(ObjectNode schedule) {
        JsonNode current = schedule.get("current_phase");
        ArrayNode phases = (ArrayNode) schedule.get("phases");
        for (int i = 0; current.isObject() && i < phases.size(); i++) {
            if (phases.get(i).get("start_date").equals(current.get("start_date"))) {
                return i;
            }
        }
        return -1;
    }

    /** The schedule with the phase at {@code index} current. */
    static ObjectNode entering(ObjectNode schedule, int index) {
        ObjectNode entered = schedule.deepCopy();
        JsonNode phase = schedule.get("phases").get(index);
        entered.putObject("current_phase").put("end_date", phase.get("end_date").asLong())
                .put("start_date", phase.get("start_date").asLong());
        return entered;
    }

    /** Its phases stop; the subscription, no longer {@code subscription}, is its {@code released_subscription}. */
    static ObjectNode released(ObjectNode schedule, long now) {
        ObjectNode released = ended(schedule, "released");
        released.put("released_at", now);
        released.set("released_subscription", schedule.get("subscription"));
        released.putNull("subscription");
        return released;
    }

    static ObjectNode canceled(ObjectNode schedule, long now) {
        return ended(schedule, "canceled").put("canceled_at", now);
    }

    /** Its last phase ended with {@code end_behavior: cancel}. */
    static ObjectNode completed(ObjectNode schedule, long now) {
        return ended(schedule, "completed").put("completed_at", now);
    }

    private static ObjectNode ended(ObjectNode schedule, String status) {
        ObjectNode ended = schedule.deepCopy();
        ended.putNull("current_phase");
        ended.put("status", status);
        return ended;
    }
}
