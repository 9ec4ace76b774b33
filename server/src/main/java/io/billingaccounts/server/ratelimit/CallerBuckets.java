package io.billingaccounts.server.ratelimit;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;

/** One token bucket per caller: capacity N, refilled greedily (a token every 60/N seconds) up to N. */
interface CallerBuckets {

    /** Takes one token from the caller's bucket; a caller not seen recently starts with a full bucket. */
    ConsumptionProbe tryConsume(String caller);

    /** Forgets buckets that have refilled completely: a new bucket would be the same, so nothing is lost. */
    void evictIdle();

    /** Where the buckets live, for the startup log. */
    String where();

    static Bandwidth limit(int requestsPerMinute) {
        return Bandwidth.builder().capacity(requestsPerMinute)
                .refillGreedy(requestsPerMinute, Duration.ofMinutes(1)).build();
    }
}
