package io.billingaccounts.stripe.emulator.webhooks;

import java.util.Locale;

/**
 * Where one sending of an event to the webhook endpoint stands. A resend is a delivery of its own.
 *
 * @param httpStatus the status the endpoint answered the last attempt with; null before any answer
 *     or when the last attempt got none (connection refused, timeout ...)
 * @param attempts the attempts made so far, the first one included
 * @param lastError why the last attempt failed, or null
 * @param resend whether it was asked for by a resend rather than made by a change
 * @param duplicate whether it is the second delivery of an event that the settings drew to be sent twice
 */
public record WebhookDelivery(String eventId, String type, State state, Integer httpStatus, int attempts,
        String lastError, boolean resend, boolean duplicate) {

    public enum State {
        /** Waiting for its first attempt. */
        PENDING,
        /** An attempt failed; the next waits its backoff. */
        RETRYING,
        /** The endpoint answered 2xx. */
        DELIVERED,
        /** Every attempt failed; given up. */
        FAILED,
        /** Dropped unsent by a reset or the emulator's stop. */
        CANCELED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean delivered() {
        return state == State.DELIVERED;
    }
}
