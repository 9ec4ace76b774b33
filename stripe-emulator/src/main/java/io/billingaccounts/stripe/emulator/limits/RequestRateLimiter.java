package io.billingaccounts.stripe.emulator.limits;

import java.util.function.LongSupplier;

/** Stripe's per-second limits on /v1 reads and writes, each counted apart; see {@link OneSecondWindow}. */
public final class RequestRateLimiter {

    private final OneSecondWindow reads;
    private final OneSecondWindow writes;

    public RequestRateLimiter(RateLimits limits) {
        this(limits, System::nanoTime);
    }

    RequestRateLimiter(RateLimits limits, LongSupplier nanoTime) {
        this.reads = new OneSecondWindow(limits.readsPerSecond(), nanoTime);
        this.writes = new OneSecondWindow(limits.writesPerSecond(), nanoTime);
    }

    /** Takes effect at once; what was let through in the last second still counts. */
    public void set(RateLimits limits) {
        reads.limit(limits.readsPerSecond());
        writes.limit(limits.writesPerSecond());
    }

    public RateLimits get() {
        return new RateLimits(reads.limit(), writes.limit());
    }

    /**
     * @param method the request's; GET reads, any other writes
     * @return whether the request is within its limit (and is then counted)
     */
    public boolean tryAdmit(String method) {
        return (method.equals("GET") ? reads : writes).tryAdmit();
    }
}
