package io.billingaccounts.server.writes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ids of the writes this process settled lately, which are also their Stripe Idempotency-Keys: an event that
 * Stripe made for one of them shows what its settle already stored. Under steady writes of one object such an echo
 * often arrives after later changes, when comparing it with the mirror cannot tell it from a change made in Stripe.
 * Kept in memory and bounded: after a restart, or for a write long past, the event is compared and read afresh.
 */
final class SettledWrites {

    private static final int KEPT = 10_000;

    private final Set<String> ids = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(KEPT * 4 / 3 + 1) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > KEPT;
                }
            }));

    void add(String writeId) {
        ids.add(writeId);
    }

    /** Whether the request with this Idempotency-Key was a write this process settled; false for null. */
    boolean contains(String idempotencyKey) {
        return idempotencyKey != null && ids.contains(idempotencyKey);
    }
}
