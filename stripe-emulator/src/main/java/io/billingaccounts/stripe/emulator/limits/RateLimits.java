package io.billingaccounts.stripe.emulator.limits;

/**
 * How many /v1 requests Stripe lets through per second: reads (GET) and writes (POST, DELETE) each have their own
 * limit, 0 being none. Stripe's are 100 and 100 in live mode, 25 and 25 in test mode.
 */
public record RateLimits(int readsPerSecond, int writesPerSecond) {

    public static final RateLimits NONE = new RateLimits(0, 0);

    public RateLimits {
        if (readsPerSecond < 0 || writesPerSecond < 0) {
            throw new IllegalArgumentException("rate limits must not be negative (0: none), got " + readsPerSecond
                    + " reads and " + writesPerSecond + " writes per second");
        }
    }
}
