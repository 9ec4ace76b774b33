package io.billingaccounts.stripe.emulator.api;

/**
 * The configured delay of one request, spent once: while it holds its Idempotency-Key when it has
 * one (as Stripe's processing time would), else just before it is answered.
 */
final class Latency {

    private final long millis;
    private boolean spent;

    Latency(long millis) {
        this.millis = millis;
    }

    void spend() {
        if (spent) {
            return;
        }
        spent = true;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException stopping) {
            // The emulator is stopping: answer at once; the stop closes the connection anyway.
            Thread.currentThread().interrupt();
        }
    }
}
