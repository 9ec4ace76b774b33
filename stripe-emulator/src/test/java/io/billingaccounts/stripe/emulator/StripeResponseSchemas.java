package io.billingaccounts.stripe.emulator;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.billingaccounts.stripe.emulator.support.Json;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's spec extract made a whole OpenAPI document, to validate the emulator's answers against
 * the operation and status they answer. The extract's $refs to schemas it leaves out become "any
 * object". The validator also treats every schema with properties as closed (no other properties),
 * so a field the emulator makes up fails too.
 */
final class StripeResponseSchemas {

    private static final Pattern REF = Pattern.compile("\"#/components/schemas/([^\"]+)\"");

    private final OpenApiInteractionValidator validator;

    StripeResponseSchemas() {
        JsonNode extract = StripeSpecExtract.load();
        ObjectNode document = Json.object();
        document.put("openapi", "3.0.0");
        document.putObject("info").put("title", "Stripe API extract").put("version", "2023-08-16");
        document.set("paths", allowNullInNullableAnyOf(extract.get("paths").deepCopy()));
        ObjectNode schemas = document.putObject("components").putObject("schemas");
        extract.get("schemas").properties().forEach(schema -> schemas.set(schema.getKey(),
                allowNullInNullableAnyOf(schema.getValue().deepCopy())));
        for (String missing : missingSchemas(extract)) {
            schemas.putObject(missing).put("type", "object");
        }
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(Json.compact(document)).build();
    }

    /** @return the validation problems, empty when the answer fits the operation's response schema */
    ValidationReport validate(String method, String path, int status, String body) {
        return validator.validateResponse(path, Request.Method.valueOf(method),
                SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body).build());
    }

    /**
     * The validator honours {@code nullable} beside {@code type} but not beside {@code anyOf}, which
     * Stripe's spec uses for every nullable reference ({@code address}, {@code default_source} ...):
     * there null gets an alternative of its own.
     */
    private static JsonNode allowNullInNullableAnyOf(JsonNode node) {
        if (node.isObject() && node.path("nullable").asBoolean(false) && node.has("anyOf")) {
            ((ArrayNode) node.get("anyOf")).addObject().put("type", "string").put("nullable", true)
                    .putArray("enum").addNull();
        }
        node.values().forEach(StripeResponseSchemas::allowNullInNullableAnyOf);
        return node;
    }

    private static Set<String> missingSchemas(JsonNode extract) {
        Set<String> missing = new HashSet<>();
        Matcher refs = REF.matcher(Json.compact(extract));
        while (refs.find()) {
            if (!extract.get("schemas").has(refs.group(1))) {
                missing.add(refs.group(1));
            }
        }
        return missing;
    }
}
