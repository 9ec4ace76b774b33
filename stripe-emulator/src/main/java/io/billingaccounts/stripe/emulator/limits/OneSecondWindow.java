package io.billingaccounts.stripe.emulator.limits;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A per-second limit kept exactly: a sliding window over the times of the requests it let through in the last
 * second, so that no one-second span, wherever it starts, holds more than the limit. Refused requests are not
 * counted. 0 is no limit.
 */
final class OneSecondWindow {

    private static final long ONE_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier nanoTime;
    private final Deque<Long> admitted = new ArrayDeque<>();
    private int perSecond;

    OneSecondWindow(int perSecond, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        limit(perSecond);
    }

    synchronized void limit(int perSecond) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("a rate limit must not be negative (0: none), got " + perSecond);
        }
        this.perSecond = perSecond;
        if (perSecond == 0) {
            admitted.clear();
        }
    }

    synchronized int limit() {
        return perSecond;
    }

    /** @return whether one more request fits in the last second; it is counted when it does */
    synchronized boolean tryAdmit() {
        if (perSecond == 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        while (!admitted.isEmpty() && now - admitted.peekFirst() >= ONE_SECOND) {
            admitted.pollFirst();
        }
        if (admitted.size() >= perSecond) {
            return false;
        }
        admitted.addLast(now);
        return true;
    }
}
