package io.billingaccounts.stripe.emulator.resources;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's proration of a change to a subscription's items within its current period: the one computation behind
 * an update's proration items, a schedule phase that starts mid-period and a preview's proration lines, so that a
 * preview and the invoice made later agree to the cent.
 *
 * <p>An item removed, or whose price or quantity changed, is credited "Unused time on 5 × Locations after 15 Jan
 * 2026" for what its old quantity paid from the proration date to the period's end; an item added or changed is
 * charged "Remaining time on 7 × Locations after 15 Jan 2026" for its new quantity over the same time. Each amount
 * is {@code quantity × unit amount × (period end − proration date) / (period end − period start)}, the times in
 * seconds, rounded to the nearest minor unit with halves away from zero, as Stripe rounds; the credit is then
 * negated. As on Stripe, a quantity of one is not written ("Unused time on SSO after ...").
 */
final class Proration {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Proration() {
    }

    /**
     * @param before the subscription before the change, whose current period the change falls in
     * @param after the subscription after it, in the same period
     * @param at the proration date; at or after the period's end nothing is prorated
     * @param productName the name of a product by id
     * @return for each item in order, its credit then its charge
     */
    static List<BilledLine> of(ObjectNode before, ObjectNode after, long at, UnaryOperator<String> productName) {
        long start = SubscriptionDocument.currentPeriodStart(before);
        long end = SubscriptionDocument.currentPeriodEnd(before);
        if (at >= end) {
            return List.of();
        }
        Map<String, JsonNode> old = new HashMap<>();
        before.get("items").get("data").values().forEach(item -> old.put(item.get("id").asString(), item));
        Map<String, JsonNode> changed = new HashMap<>();
        after.get("items").get("data").values().forEach(item -> changed.put(item.get("id").asString(), item));
        List<BilledLine> lines = new ArrayList<>();
        for (JsonNode item : before.get("items").get("data").values()) {
            JsonNode now = changed.get(item.get("id").asString());
            if (now == null || !sameBilling(item, now)) {
                lines.add(line("Unused time on ", item, -1, at, start, end, productName));
            }
        }
        for (JsonNode item : after.get("items").get("data").values()) {
            JsonNode was = old.get(item.get("id").asString());
            if (was == null || !sameBilling(was, item)) {
                lines.add(line("Remaining time on ", item, 1, at, start, end, productName));
            }
        }
        return lines;
    }

    /**
     * @param sign -1 for a credit of unused time, 1 for a charge of remaining time
     */
    private static BilledLine line(String what, JsonNode item, int sign, long at, long start, long end,
            UnaryOperator<String> productName) {
        BilledLine.Price price = BilledLine.Price.of((ObjectNode) item.get("price"));
        long quantity = item.get("quantity").asLong();
        long amount = BigDecimal.valueOf(quantity * price.unitAmount())
                .multiply(BigDecimal.valueOf(end - at))
                .divide(BigDecimal.valueOf(end - start), 0, RoundingMode.HALF_UP)
                .longValueExact();
        String name = productName.apply(price.product());
        String description = what + (quantity == 1 ? "" : quantity + " × ") + name + " after "
                + DATE.format(Instant.ofEpochSecond(at));
        return new BilledLine(price, item.get("id").asString(), quantity, sign * amount, description, at, end, true,
                null);
    }

    private static boolean sameBilling(JsonNode before, JsonNode after) {
        return before.get("quantity").equals(after.get("quantity"))
                && before.get("price").get("id").equals(after.get("price").get("id"));
    }
}
