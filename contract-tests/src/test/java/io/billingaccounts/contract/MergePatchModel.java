package io.billingaccounts.contract;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reference model of the contract's merge-patch rules, written from contract.md and independent of the server:
 * it predicts the account a valid patch gives, or the fields that make a patch invalid.
 */
final class MergePatchModel {

    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Map<String, Integer> MAX = Map.of("name", 100, "email", 150, "phone", 50,
            "description", 200, "line1", 200, "line2", 200, "city", 100, "state", 100, "postal_code", 20);
    private static final Set<String> NULLABLE = Set.of("phone", "description");
    private static final Set<String> NULLABLE_ADDRESS = Set.of("line2", "state", "postal_code");
    private static final Set<String> FIELDS = Set.of("name", "email", "phone", "description", "address");
    private static final Set<String> ADDRESS_FIELDS = Set.of("country", "line1", "line2", "city", "state",
            "postal_code");

    private MergePatchModel() {
    }

    /** The fields a patch breaks, dotted when nested; empty when it is valid. */
    static Set<String> violations(JsonNode patch) {
        Set<String> invalid = new TreeSet<>();
        patch.properties().forEach(e -> {
            String field = e.getKey();
            JsonNode value = e.getValue();
            if (!FIELDS.contains(field)) {
                invalid.add(field);
            } else if (field.equals("address")) {
                if (value.isNull()) {
                    invalid.add("address");
                } else {
                    value.properties().forEach(a -> checkValue("address.", a.getKey(), a.getValue(),
                            NULLABLE_ADDRESS, invalid));
                }
            } else {
                checkValue("", field, value, NULLABLE, invalid);
            }
        });
        return invalid;
    }

    private static void checkValue(String prefix, String field, JsonNode value, Set<String> nullable,
                                   Set<String> invalid) {
        if (prefix.equals("address.") && !ADDRESS_FIELDS.contains(field)) {
            invalid.add(prefix + field);
            return;
        }
        if (value.isNull()) {
            if (!nullable.contains(field)) {
                invalid.add(prefix + field);
            }
            return;
        }
        String text = value.asString();
        boolean ok = text.length() <= MAX.getOrDefault(field, Integer.MAX_VALUE);
        switch (field) {
            case "name" -> ok &= !text.isBlank();
            case "phone" -> ok &= text.length() <= 20;
            case "email" -> ok &= text.matches("[a-z0-9.]+@[a-z0-9]+\\.(com|org|io)");
            case "country" -> ok &= COUNTRIES.contains(text);
            case "line1", "city" -> ok &= !text.isBlank();
            default -> { }
        }
        if (!ok) {
            invalid.add(prefix + field);
        }
    }

    /** The account after a valid patch: absent stays, null clears, a value replaces; the address merges. */
    static ObjectNode apply(JsonNode account, JsonNode patch) {
        ObjectNode result = (ObjectNode) account.deepCopy();
        patch.properties().forEach(e -> {
            if (e.getKey().equals("address") && e.getValue().isObject()) {
                ObjectNode address = (ObjectNode) result.get("address");
                e.getValue().properties().forEach(a -> address.set(a.getKey(), a.getValue()));
            } else {
                result.set(e.getKey(), e.getValue());
            }
        });
        return result;
    }
}
