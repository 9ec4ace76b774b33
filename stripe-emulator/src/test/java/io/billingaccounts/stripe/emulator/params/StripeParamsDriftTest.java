package io.billingaccounts.stripe.emulator.params;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingaccounts.stripe.emulator.StripeSpecExtract;
import io.billingaccounts.stripe.emulator.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * stripe-params.json must say exactly what Stripe's spec extract says each served endpoint accepts.
 * On drift the rules derived from the extract are written to target/stripe-params.derived.json, to
 * compare with (and, once reviewed, copy over) the resource.
 */
class StripeParamsDriftTest {

    @Test
    void theParameterRulesMatchStripesSpecExtract() throws IOException {
        JsonNode derived = derive(StripeSpecExtract.load());
        JsonNode shipped;
        try (InputStream in = ParamCatalog.class.getResourceAsStream(ParamCatalog.RESOURCE)) {
            shipped = Json.parse(in.readAllBytes());
        }

        if (!derived.equals(shipped)) {
            Path written = Path.of("target/stripe-params.derived.json");
            Files.writeString(written, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(derived));
            assertThat(shipped).as("stripe-params.json has drifted from Stripe's spec extract; see " + written.toAbsolutePath())
                    .isEqualTo(derived);
        }
    }

    @Test
    void everyOperationOfTheExtractIsServed() throws IOException {
        List<String> served = new ArrayList<>();
        try (InputStream in = ParamCatalog.class.getResourceAsStream(ParamCatalog.RESOURCE)) {
            served.addAll(Json.parse(in.readAllBytes()).propertyNames());
        }
        assertThat(served).containsExactlyInAnyOrderElementsOf(StripeSpecExtract.operations(StripeSpecExtract.load()));
    }

    private static JsonNode derive(JsonNode spec) {
        ObjectNode endpoints = Json.object();
        spec.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            endpoints.set(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), endpoint(operation.getValue()));
        }));
        return endpoints;
    }

    /** Query parameters and form-body properties alike, by name; path parameters are not parameters here. */
    private static ObjectNode endpoint(JsonNode operation) {
        Map<String, JsonNode> params = new TreeMap<>();
        List<String> required = new ArrayList<>();
        for (JsonNode param : operation.path("parameters").values()) {
            if (param.get("in").asString().equals("query")) {
                params.put(param.get("name").asString(), rule(param.get("schema")));
                if (param.path("required").asBoolean(false)) {
                    required.add(param.get("name").asString());
                }
            }
        }
        JsonNode form = operation.path("requestBody").path("content").path("application/x-www-form-urlencoded").path("schema");
        form.path("properties").properties().forEach(property -> params.put(property.getKey(), rule(property.getValue())));
        form.path("required").values().forEach(name -> required.add(name.asString()));
        ObjectNode endpoint = Json.object();
        ArrayNode requiredArray = endpoint.putArray("required");
        required.stream().sorted().forEach(requiredArray::add);
        ObjectNode paramsNode = endpoint.putObject("params");
        params.forEach(paramsNode::set);
        return endpoint;
    }

    /** The same reading of a schema as ParamRule's: "" alternatives become "emptyable". */
    private static ObjectNode rule(JsonNode schema) {
        if (schema.has("anyOf")) {
            List<JsonNode> alternatives = new ArrayList<>();
            for (JsonNode alternative : schema.get("anyOf").values()) {
                if (!isEmptyStringAlternative(alternative)) {
                    alternatives.add(alternative);
                }
            }
            ObjectNode rule;
            if (alternatives.size() == 1) {
                rule = rule(alternatives.get(0));
            } else {
                rule = Json.object();
                ArrayNode anyOf = rule.putArray("anyOf");
                alternatives.forEach(alternative -> anyOf.add(rule(alternative)));
            }
            if (alternatives.size() < schema.get("anyOf").size()) {
                rule.put("emptyable", true);
            }
            return rule;
        }
        String type = schema.get("type").asString();
        ObjectNode rule = Json.object();
        if (type.equals("object") && schema.path("additionalProperties").isObject()) {
            rule.put("type", "map");
            rule.set("values", rule(schema.get("additionalProperties")));
        } else if (type.equals("object")) {
            rule.put("type", "object");
            ObjectNode properties = rule.putObject("properties");
            sorted(schema.path("properties")).forEach((name, property) -> properties.set(name, rule(property)));
            if (schema.has("required")) {
                ArrayNode required = rule.putArray("required");
                schema.get("required").values().stream().map(JsonNode::asString).sorted().forEach(required::add);
            }
        } else if (type.equals("array")) {
            rule.put("type", "array");
            rule.set("items", rule(schema.get("items")));
        } else {
            rule.put("type", type);
            if (schema.has("maxLength")) {
                rule.put("maxLength", schema.get("maxLength").asInt());
            }
            if (schema.has("enum") && !schema.path("x-stripeBypassValidation").asBoolean(false)) {
                rule.set("enum", schema.get("enum"));
            }
        }
        return rule;
    }

    private static boolean isEmptyStringAlternative(JsonNode alternative) {
        return alternative.path("type").asString("").equals("string")
                && alternative.path("enum").size() == 1 && alternative.path("enum").get(0).asString().isEmpty();
    }

    private static Map<String, JsonNode> sorted(JsonNode object) {
        Map<String, JsonNode> map = new TreeMap<>();
        object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }
}
