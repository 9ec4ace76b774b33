package io.billingaccounts.server.stripe;

import tools.jackson.databind.JsonNode;

/**
 * A verified Stripe event: its type, the object it is about, as raw JSON (events of another API version may not
 * deserialize into stripe-java's types), and the Idempotency-Key of the API request that caused it (null when none
 * did, such as a renewal). Events may arrive twice or out of order: listeners look the object up again rather than
 * trust the copy.
 */
public record StripeEvent(String type, String objectId, JsonNode object, String requestKey) {
}
