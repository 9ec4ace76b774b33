package io.billingaccounts.stripe.emulator.support;

import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the emulator. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    /** Indented with {@code "key": value}, the way Stripe's answers look. */
    private static final ObjectWriter PRETTY = MAPPER.writer().with(new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER)));

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }

    public static JsonNode parse(byte[] bytes) {
        return MAPPER.readTree(bytes);
    }

    /** One line, for the write-ahead log and the idempotency records. */
    public static String compact(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    public static byte[] prettyBytes(JsonNode node) {
        return PRETTY.writeValueAsBytes(node);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
