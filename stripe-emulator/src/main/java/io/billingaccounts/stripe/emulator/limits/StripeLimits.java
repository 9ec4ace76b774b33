package io.billingaccounts.stripe.emulator.limits;

import java.time.Duration;

/**
 * The ways Stripe holds a client back that the emulator can imitate, all off unless asked for: search that lags
 * writes, per-second rate limits, and {@code lock_timeout} on concurrent writes of one object. Set at start by the
 * options, changed at any time through the emulator or its control API; a wipe of the data keeps them.
 */
public record StripeLimits(SearchLag searchLag, RequestRateLimiter rateLimiter, ObjectLocks objectLocks) {

    public static StripeLimits of(Duration searchLag, RateLimits rateLimits, boolean lockTimeouts) {
        return new StripeLimits(new SearchLag(searchLag), new RequestRateLimiter(rateLimits),
                new ObjectLocks(lockTimeouts));
    }
}
