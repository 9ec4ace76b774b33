package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.support.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** An update event's {@code previous_attributes}: the old values of the top-level fields that changed. */
final class PreviousAttributes {

    private PreviousAttributes() {
    }

    static ObjectNode between(ObjectNode before, ObjectNode after) {
        ObjectNode previous = Json.object();
        for (Map.Entry<String, JsonNode> field : before.properties()) {
            if (!field.getValue().equals(after.get(field.getKey()))) {
                previous.set(field.getKey(), field.getValue());
            }
        }
        return previous;
    }
}
