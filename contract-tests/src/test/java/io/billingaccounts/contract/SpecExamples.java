package io.billingaccounts.contract;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** The examples api/openapi.yaml documents, as JSON, to compare with what a mock or a server answers. */
final class SpecExamples {

    private static final OpenAPI SPEC = new OpenAPIV3Parser().read(RepoPaths.spec().toString());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SpecExamples() {
    }

    static JsonNode schemaExample(String schema) {
        return normalized(rawSchemaExample(schema));
    }

    static JsonNode rawSchemaExample(String schema) {
        Object example = SPEC.getComponents().getSchemas().get(schema).getExample();
        return JSON.readTree(io.swagger.v3.core.util.Json.pretty(example));
    }

    /** Timestamps compared as instants: the same moment may be written with more or fewer fractional digits. */
    static JsonNode normalized(JsonNode node) {
        if (node.isString()) {
            try {
                return StringNode.valueOf(OffsetDateTime.parse(node.asString()).toInstant().toString());
            } catch (DateTimeParseException notATimestamp) {
                return node;
            }
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), normalized(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(normalized(element)));
            return copy;
        }
        return node;
    }

    static JsonNode toJson(Object model, tools.jackson.databind.ObjectMapper mapper) {
        return normalized(JSON.readTree(mapper.writeValueAsString(model)));
    }
}
