package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.params.ParamValidator;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Stripe's metadata update rules: keys merge in, {@code metadata[k]=} removes k, {@code metadata=} removes all. */
final class Metadata {

    private Metadata() {
    }

    static ObjectNode merge(JsonNode current, ParamNode update) {
        if (Params.isEmptyString(update)) {
            return Json.object();
        }
        ObjectNode merged = current == null || current.isNull() ? Json.object() : (ObjectNode) current.deepCopy();
        for (Map.Entry<String, ParamNode> entry : ((ParamNode.Branch) update).children().entrySet()) {
            String value = ((ParamNode.Leaf) entry.getValue()).value();
            if (value.isEmpty()) {
                merged.remove(entry.getKey());
            } else {
                merged.put(entry.getKey(), value);
            }
        }
        if (merged.size() > ParamValidator.METADATA_MAX_KEYS) {
            throw StripeError.invalidRequest("Invalid metadata: an object can have at most "
                    + ParamValidator.METADATA_MAX_KEYS + " metadata keys; this update would leave "
                    + merged.size(), "metadata");
        }
        return merged;
    }
}
