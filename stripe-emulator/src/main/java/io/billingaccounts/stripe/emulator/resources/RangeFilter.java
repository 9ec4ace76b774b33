package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's list filters on timestamps: {@code created=N}, or {@code created[gt|gte|lt|lte]=N}, on the field a JSON
 * pointer names (a subscription's period is on its items).
 */
final class RangeFilter {

    private RangeFilter() {
    }

    static Predicate<ObjectNode> on(String pointer, ParamNode filter) {
        return on(object -> object.at(pointer).asLong(), filter);
    }

    /** The same on a timestamp read some other way (an event's, kept apart from its JSON). */
    static <T> Predicate<T> on(ToLongFunction<T> timestamp, ParamNode filter) {
        if (filter == null) {
            return object -> true;
        }
        if (filter instanceof ParamNode.Leaf exactly) {
            long value = Long.parseLong(exactly.value());
            return object -> timestamp.applyAsLong(object) == value;
        }
        ParamNode.Branch bounds = (ParamNode.Branch) filter;
        Predicate<T> all = object -> true;
        if (bounds.has("gt")) {
            long bound = Params.integer(bounds, "gt");
            all = all.and(object -> timestamp.applyAsLong(object) > bound);
        }
        if (bounds.has("gte")) {
            long bound = Params.integer(bounds, "gte");
            all = all.and(object -> timestamp.applyAsLong(object) >= bound);
        }
        if (bounds.has("lt")) {
            long bound = Params.integer(bounds, "lt");
            all = all.and(object -> timestamp.applyAsLong(object) < bound);
        }
        if (bounds.has("lte")) {
            long bound = Params.integer(bounds, "lte");
            all = all.and(object -> timestamp.applyAsLong(object) <= bound);
        }
        return all;
    }
}
