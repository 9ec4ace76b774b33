package io.billingaccounts.stripe.emulator.params;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lays the constraints stripe-java does not carry (a string's {@code maxLength}, the {@code required} parameters,
 * from Stripe's API reference) from the hand-kept catalog onto rules derived from stripe-java, wherever both name
 * the same parameter, so that the two compare on everything else.
 */
final class ConstraintsCarriedOver {

    private ConstraintsCarriedOver() {
    }

    /** @return {@code derived}, with the constraints of {@code kept} */
    static ObjectNode from(JsonNode kept, ObjectNode derived) {
        if (kept.has("maxLength")) {
            derived.set("maxLength", kept.get("maxLength"));
        }
        for (String map : new String[] {"params", "properties"}) {
            if (derived.get(map) instanceof ObjectNode children) {
                children.properties().forEach(child -> from(kept.path(map).path(child.getKey()), (ObjectNode) child.getValue()));
                requiredAmong(kept, children, derived);
            }
        }
        for (String single : new String[] {"items", "values"}) {
            if (derived.get(single) instanceof ObjectNode child) {
                from(kept.path(single), child);
            }
        }
        for (JsonNode alternative : derived.path("anyOf").values()) {
            from(sameType(kept.path("anyOf"), alternative.get("type")), (ObjectNode) alternative);
        }
        return derived;
    }

    /** A required name stripe-java does not send is left behind, so that the comparison shows it. */
    private static void requiredAmong(JsonNode kept, ObjectNode children, ObjectNode derived) {
        ArrayNode required = derived.putArray("required");
        kept.path("required").values().stream().filter(name -> children.has(name.asString())).forEach(required::add);
        if (required.isEmpty() && !kept.has("required") && derived.has("properties")) {
            derived.remove("required");
        }
    }

    private static JsonNode sameType(JsonNode alternatives, JsonNode type) {
        return alternatives.valueStream().filter(kept -> kept.path("type").equals(type)).findFirst()
                .orElse(MissingNode.getInstance());
    }
}
