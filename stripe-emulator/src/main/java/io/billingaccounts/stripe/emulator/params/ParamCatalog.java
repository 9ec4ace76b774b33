package io.billingaccounts.stripe.emulator.params;

import io.billingaccounts.stripe.emulator.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The parameters each served endpoint accepts, read from the classpath resource
 * {@code stripe-params.json}: Stripe's spec cut down to names and constraints, kept in step with
 * Stripe's spec extract by a test.
 */
public final class ParamCatalog {

    public static final String RESOURCE = "/io/billingaccounts/stripe/emulator/stripe-params.json";

    /** The accepted parameters of one endpoint and the top-level ones it requires. */
    public record Endpoint(Map<String, ParamRule> params, List<String> required) {
    }

    private final Map<String, Endpoint> endpoints;

    private ParamCatalog(Map<String, Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    public static ParamCatalog load() {
        try (InputStream in = ParamCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            Map<String, Endpoint> endpoints = new LinkedHashMap<>();
            Json.parse(in.readAllBytes()).properties().forEach(entry -> endpoints.put(entry.getKey(), endpoint(entry.getValue())));
            return new ParamCatalog(endpoints);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param operation "METHOD /path/{template}", as in Stripe's spec */
    public Endpoint endpoint(String operation) {
        Endpoint endpoint = endpoints.get(operation);
        if (endpoint == null) {
            throw new IllegalArgumentException("no parameter rules for " + operation);
        }
        return endpoint;
    }

    private static Endpoint endpoint(JsonNode json) {
        Map<String, ParamRule> params = new LinkedHashMap<>();
        json.path("params").properties().forEach(p -> params.put(p.getKey(), ParamRule.fromJson(p.getValue())));
        List<String> required = json.path("required").valueStream().map(JsonNode::asString).toList();
        return new Endpoint(params, required);
    }
}
