package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A schedule's phases as an update's {@code phases} sets them, and the items a phase gives its subscription.
 *
 * <p>The phases asked for start with the current one (phases that ended stay as they were): its
 * {@code start_date}, if sent, must be the current phase's, as Stripe keeps the start of a phase under way. Each
 * later phase starts where the one before ends. A phase ends at its {@code end_date}, else after its
 * {@code duration}; the last may leave both out and lasts one interval of its first price. Items take a
 * {@code price} (or {@code plan}) and a {@code quantity} (1 by default), checked as a subscription's are.
 */
final class SchedulePhases {

    /** What a phase may ask for that would change billing in ways the emulator does not model. */
    private static final List<String> UNMODELLED = List.of("add_invoice_items", "application_fee_percent",
            "automatic_tax", "billing_cycle_anchor", "billing_thresholds", "collection_method",
            "default_payment_method", "description", "invoice_settings", "on_behalf_of", "transfer_data", "trial",
            "trial_end");
    private static final List<String> UNMODELLED_ITEM = List.of("price_data", "billing_thresholds");

    private SchedulePhases() {
    }

    static ArrayNode of(ObjectNode schedule, ObjectNode subscription, List<ParamNode> asked, EmulatorState state,
            long now) {
        if (asked.isEmpty()) {
            throw StripeError.invalidRequest("A subscription schedule must have at least one phase.", "phases");
        }
        int current = SubscriptionScheduleDocument.currentPhaseIndex(schedule);
        ArrayNode phases = Json.array();
        for (int i = 0; i < current; i++) {
            phases.add(schedule.get("phases").get(i));
        }
        long start = schedule.get("phases").get(current).get("start_date").asLong();
        for (int i = 0; i < asked.size(); i++) {
            ParamNode.Branch phase = (ParamNode.Branch) asked.get(i);
            String param = "phases[" + i + "]";
            refuseUnmodelled(phase, param);
            if (phase.has("start_date") && !phase.string("start_date").equals(Long.toString(start))) {
                throw StripeError.invalidRequest(i == 0 ? "You can not modify the start date of the current phase."
                        : "A phase must start when the phase before it ends (" + start + ").", param + "[start_date]");
            }
            ArrayNode items = items(phase, param, subscription, state, now);
            long end = end(phase, param, start, i == asked.size() - 1, items, subscription, state, now);
            if (end <= start || i == 0 && end <= now) {
                throw StripeError.invalidRequest("The end date of a phase must be after its start date and, for the"
                        + " current phase, in the future.", param + "[end_date]");
            }
            String currency = subscription.get("currency").asString();
            if (phase.has("currency") && !phase.string("currency").equalsIgnoreCase(currency)) {
                throw StripeError.invalidRequest("The phase's currency must be its subscription's (" + currency + ").",
                        param + "[currency]");
            }
            String prorationBehavior = phase.has("proration_behavior") ? phase.string("proration_behavior")
                    : ProratedChange.DEFAULT_BEHAVIOR;
            JsonNode metadata = Metadata.merge(null, phase.has("metadata") ? phase.get("metadata")
                    : new ParamNode.Branch());
            phases.add(SubscriptionScheduleDocument.phase(start, end, items, prorationBehavior, currency, metadata));
            start = end;
        }
        return phases;
    }

    /** The items a phase gives its subscription, with their whole prices. */
    static List<SubscriptionDocument.PhaseItem> subscriptionItems(JsonNode phase, ObjectNode subscription,
            EmulatorState state, long now) {
        List<SubscriptionDocument.PhaseItem> items = new ArrayList<>();
        for (JsonNode item : phase.get("items").values()) {
            items.add(new SubscriptionDocument.PhaseItem(price(item.get("price").asString(), subscription, state, now),
                    item.get("quantity").asLong(), item.get("metadata")));
        }
        return items;
    }

    /**
     * The account's price of that id, else the subscription's own (one made from {@code price_data}), else, as for
     * a subscription's item, a monthly price of unknown amount.
     */
    private static ObjectNode price(String id, ObjectNode subscription, EmulatorState state, long now) {
        ObjectNode kept = state.object(PriceDocument.KIND, id);
        if (kept != null) {
            return kept;
        }
        JsonNode item = SubscriptionDocument.itemOfPrice(subscription, id);
        if (item != null) {
            return (ObjectNode) item.get("price");
        }
        return PriceDocument.recurring(id, "prod_emulated", subscription.get("currency").asString(), null, "month", 1,
                "unspecified", null, now);
    }

    private static ArrayNode items(ParamNode.Branch phase, String param, ObjectNode subscription,
            EmulatorState state, long now) {
        List<ParamNode> asked = Params.elements(phase.get("items"));
        if (asked.isEmpty()) {
            throw StripeError.missingParameter(param + "[items]");
        }
        ArrayNode items = Json.array();
        String currency = subscription.get("currency").asString();
        for (int j = 0; j < asked.size(); j++) {
            ParamNode.Branch item = (ParamNode.Branch) asked.get(j);
            String itemParam = param + "[items][" + j + "]";
            for (String unmodelled : UNMODELLED_ITEM) {
                if (item.has(unmodelled)) {
                    throw unmodelled(itemParam + "[" + unmodelled + "]");
                }
            }
            String price = SubscriptionOperations.price(item, itemParam, currency, state, now).get("id").asString();
            items.add(SubscriptionScheduleDocument.phaseItem(price,
                    item.has("quantity") ? Params.integer(item, "quantity") : 1,
                    Metadata.merge(null, item.has("metadata") ? item.get("metadata") : new ParamNode.Branch())));
        }
        return items;
    }

    private static long end(ParamNode.Branch phase, String param, long start, boolean last, ArrayNode items,
            ObjectNode subscription, EmulatorState state, long now) {
        String endDate = phase.string("end_date");
        if (endDate != null) {
            if (endDate.equals("now")) {
                throw unmodelled(param + "[end_date]");
            }
            return Long.parseLong(endDate);
        }
        ParamNode.Branch duration = phase.branch("duration");
        if (duration != null) {
            long count = duration.has("interval_count") ? Params.integer(duration, "interval_count") : 1;
            return SubscriptionDocument.after(start, duration.string("interval"), count);
        }
        if (!last) {
            throw StripeError.missingParameter(param + "[end_date]");
        }
        ObjectNode price = price(items.get(0).get("price").asString(), subscription, state, now);
        return SubscriptionDocument.periodEnd(start, price);
    }

    private static void refuseUnmodelled(ParamNode.Branch phase, String param) {
        for (String unmodelled : UNMODELLED) {
            if (phase.has(unmodelled)) {
                throw unmodelled(param + "[" + unmodelled + "]");
            }
        }
    }

    static StripeError unmodelled(String param) {
        return StripeError.invalidRequest("stripe-emulator models a schedule's phases as items (price and quantity),"
                + " dates and proration only; it does not take " + param, param);
    }
}
