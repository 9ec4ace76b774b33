package io.billingaccounts.stripe.emulator.store;

import io.billingaccounts.stripe.emulator.support.Json;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored first answer to a POST carrying an Idempotency-Key, replayed for later requests with
 * that key. The body is kept as compact JSON text: every stripe-java POST carries a key, so these
 * are many.
 */
public record IdempotencyRecord(
        String key,
        String method,
        String path,
        String fingerprint,
        int status,
        String body,
        String requestId,
        long createdAtMillis) {

    /** Stripe forgets an idempotency key 24 hours after its first use. */
    public static final Duration LIFETIME = Duration.ofHours(24);

    public boolean isExpiredAt(long epochMillis) {
        return epochMillis - createdAtMillis >= LIFETIME.toMillis();
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("key", key);
        json.put("method", method);
        json.put("path", path);
        json.put("fingerprint", fingerprint);
        json.put("status", status);
        json.put("body", body);
        json.put("request_id", requestId);
        json.put("created_at_millis", createdAtMillis);
        return json;
    }

    static IdempotencyRecord fromJson(JsonNode json) {
        return new IdempotencyRecord(
                json.get("key").asString(),
                json.get("method").asString(),
                json.get("path").asString(),
                json.get("fingerprint").asString(),
                json.get("status").asInt(),
                json.get("body").asString(),
                json.get("request_id").asString(),
                json.get("created_at_millis").asLong());
    }
}
