package io.billingaccounts.stripe.emulator.resources;

import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/** List filters on one field's value; a filter not asked for (null) lets everything through. */
final class Filters {

    private Filters() {
    }

    /** A top-level field's value as text ({@code true} for a boolean true) equals {@code value}. */
    static Predicate<ObjectNode> equalTo(String field, String value) {
        return atEqualTo("/" + field, value);
    }

    /** The value a JSON pointer names, as text, equals {@code value}. */
    static Predicate<ObjectNode> atEqualTo(String pointer, String value) {
        return value == null ? object -> true : object -> value.equals(object.at(pointer).asString(null));
    }
}
