package io.billingaccounts.server.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import tools.jackson.databind.JsonNode;

/**
 * A verified Stripe event: its type, the object it is about, as raw JSON (events of another API version may not
 * deserialize into stripe-java's types), and the Idempotency-Key of the API request that caused it (null when none
 * did, such as a renewal). Events may arrive twice or out of order: listeners look the object up again rather than
 * trust the copy.
 */
public final class StripeEvent {

    private final String type;
    private final String objectId;
    private final JsonNode object;
    private final String requestKey;
    // The object as stripe-java's Gson reads it: made on first use, then kept for every listener that asks.
    private JsonElement stripeObject;

    public StripeEvent(String type, String objectId, JsonNode object, String requestKey) {
        this.type = type;
        this.objectId = objectId;
        this.object = object;
        this.requestKey = requestKey;
    }

    public String type() {
        return type;
    }

    public String objectId() {
        return objectId;
    }

    /** The object, for what the service reads of it by field (its customer, the subscription it names). */
    public JsonNode object() {
        return object;
    }

    public String requestKey() {
        return requestKey;
    }

    /**
     * The object as stripe-java's model: the one way an adapter takes an event's object. The event itself was read
     * with the service's JSON library, which every listener shares; stripe-java's models are read only by its own
     * Gson ({@link StripeCalls#model}), so the object is parsed for Gson once per event, however many listeners and
     * comparisons ask for it.
     */
    <T> T objectAs(Class<T> model) {
        if (stripeObject == null) {
            stripeObject = JsonParser.parseString(object.toString());
        }
        return StripeCalls.model(stripeObject, model);
    }
}
