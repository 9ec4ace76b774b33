package io.billingaccounts.stripe.emulator.store;

import io.billingaccounts.stripe.emulator.support.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One effect of a committed request. Changes carry whole new object states, never deltas, so that
 * replaying the log over a snapshot that already holds some of them gives the same state.
 */
public sealed interface Change {

    record PutCustomer(ObjectNode customer) implements Change {
    }

    /** Stripe keeps answering for a deleted customer (with a stub), so the id is remembered. */
    record DeleteCustomer(String id) implements Change {
    }

    record PutSubscription(ObjectNode subscription) implements Change {
    }

    /**
     * Any other kept object (price, product, setup intent, payment method, invoice, invoice payment, payment
     * intent, refund), filed under its {@code object} field.
     */
    record PutObject(ObjectNode object) implements Change {
    }

    record PutIdempotencyRecord(IdempotencyRecord record) implements Change {
    }

    /** An event (Stripe's {@code event} object), logged with the change it tells of. */
    record PutEvent(ObjectNode event) implements Change {
    }

    /**
     * How far the account's time is ahead of the base clock, after the emulator's clock was advanced: the whole
     * offset, not the step, so that replaying it again is harmless.
     */
    record SetClockOffset(long millis) implements Change {
    }

    /** Forgets everything, and sets the account's time back to the base clock. */
    record WipeAll() implements Change {
    }

    static ObjectNode toJson(Change change) {
        ObjectNode json = Json.object();
        if (change instanceof PutCustomer put) {
            json.put("op", "put_customer").set("object", put.customer());
        } else if (change instanceof DeleteCustomer delete) {
            json.put("op", "delete_customer").put("id", delete.id());
        } else if (change instanceof PutSubscription put) {
            json.put("op", "put_subscription").set("object", put.subscription());
        } else if (change instanceof PutObject put) {
            json.put("op", "put_object").set("object", put.object());
        } else if (change instanceof PutIdempotencyRecord put) {
            json.put("op", "put_idempotency").set("record", put.record().toJson());
        } else if (change instanceof PutEvent put) {
            json.put("op", "put_event").set("object", put.event());
        } else if (change instanceof SetClockOffset offset) {
            json.put("op", "clock_offset").put("millis", offset.millis());
        } else {
            json.put("op", "wipe");
        }
        return json;
    }

    static Change fromJson(JsonNode json) {
        return switch (json.get("op").asString()) {
            case "put_customer" -> new PutCustomer((ObjectNode) json.get("object"));
            case "delete_customer" -> new DeleteCustomer(json.get("id").asString());
            case "put_subscription" -> new PutSubscription((ObjectNode) json.get("object"));
            case "put_object" -> new PutObject((ObjectNode) json.get("object"));
            case "put_idempotency" -> new PutIdempotencyRecord(IdempotencyRecord.fromJson(json.get("record")));
            case "put_event" -> new PutEvent((ObjectNode) json.get("object"));
            case "clock_offset" -> new SetClockOffset(json.get("millis").asLong());
            case "wipe" -> new WipeAll();
            default -> throw new IllegalArgumentException("unknown change " + json.get("op"));
        };
    }
}
