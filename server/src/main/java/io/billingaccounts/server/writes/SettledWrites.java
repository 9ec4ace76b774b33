package io.billingaccounts.server.writes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ids of the writes this process sent to Stripe lately, which are also their Stripe Idempotency-Keys: an event
 * that Stripe made for one of them needs nothing of the mirror, since the write's settle stores what it changed,
 * or recovery reads the object afresh. Each is added before it is sent, so that an echo arriving before the settle
 * costs nothing either. Under steady writes of one object such an echo often arrives after later changes, when
 * comparing it with the mirror cannot tell it from a change made in Stripe. Kept in memory and bounded: after a
 * restart, or for a write long past, the event is compared and read afresh.
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

    /** A write that neither settled nor reached recovery: its events are the mirror's only news of it. */
    void forget(String writeId) {
        ids.remove(writeId);
    }

    /** Whether the request with this Idempotency-Key was a write this process sent; false for null. */
    boolean contains(String idempotencyKey) {
        return idempotencyKey != null && ids.contains(idempotencyKey);
    }
}
