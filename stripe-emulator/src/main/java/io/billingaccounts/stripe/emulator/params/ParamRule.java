package io.billingaccounts.stripe.emulator.params;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What Stripe accepts for one parameter, as written in {@code stripe-params.json}: a {@code type}
 * (string, integer, number, boolean, object, map, array) or an {@code anyOf} of rules, with the
 * constraints Stripe's spec gives. {@code emptyable} marks a parameter that also takes "" to unset it.
 */
public record ParamRule(
        String type,
        Integer maxLength,
        List<String> allowedValues,
        boolean emptyable,
        Map<String, ParamRule> properties,
        List<String> required,
        ParamRule items,
        ParamRule values,
        List<ParamRule> anyOf) {

    static ParamRule fromJson(JsonNode json) {
        Map<String, ParamRule> properties = new LinkedHashMap<>();
        json.path("properties").properties().forEach(p -> properties.put(p.getKey(), fromJson(p.getValue())));
        List<ParamRule> anyOf = new ArrayList<>();
        json.path("anyOf").values().forEach(alternative -> anyOf.add(fromJson(alternative)));
        return new ParamRule(
                json.path("type").asString(null),
                json.has("maxLength") ? json.get("maxLength").asInt() : null,
                strings(json.path("enum")),
                json.path("emptyable").asBoolean(false),
                properties,
                strings(json.path("required")),
                json.has("items") ? fromJson(json.get("items")) : null,
                json.has("values") ? fromJson(json.get("values")) : null,
                anyOf);
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.values().forEach(value -> strings.add(value.asString()));
        return strings;
    }
}
