package io.billingaccounts.stripe.emulator.events;

import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's {@code event} object for a committed change, as the emulator's API version renders it: what
 * {@code GET /v1/events/{id}} answers and what a webhook delivers.
 *
 * <pre>{@code
 * {"id": "evt_...", "object": "event", "api_version": "2026-07-29.dahlia", "created": 1768471200,
 *  "data": {"object": {...}, "previous_attributes": {...}}, "livemode": false, "pending_webhooks": 1,
 *  "request": {"id": "req_...", "idempotency_key": null}, "type": "customer.updated"}
 * }</pre>
 */
public final class StripeEventDocument {

    private StripeEventDocument() {
    }

    /**
     * @param apiVersion the version the event's data is rendered in
     * @param requestId the API request that made the change
     * @param idempotencyKey that request's Idempotency-Key, or null
     * @param pendingWebhooks how many webhook endpoints the event is to be sent to
     */
    public static ObjectNode of(EmulatorEvent event, String apiVersion, String requestId, String idempotencyKey,
            int pendingWebhooks) {
        ObjectNode document = Json.object();
        document.put("id", StripeIds.event());
        document.put("object", "event");
        document.put("api_version", apiVersion);
        document.put("created", event.created());
        ObjectNode data = document.putObject("data");
        // Stored objects are never modified (a change stores a new copy), so the event may share them.
        data.set("object", event.object());
        if (event.previousAttributes() != null) {
            data.set("previous_attributes", event.previousAttributes());
        }
        document.put("livemode", false);
        document.put("pending_webhooks", pendingWebhooks);
        document.putObject("request").put("id", requestId).put("idempotency_key", idempotencyKey);
        document.put("type", event.type());
        return document;
    }
}
