package io.billingaccounts.server.billing;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Paces the retries of an optimistic write that lost to another writer: the first attempt runs at once, later ones
 * after a short random pause that grows, so that writers which collided spread out, until the budget is spent.
 */
final class Contention {

    private final long deadline;
    private int attempts;

    Contention(Duration budget) {
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    boolean retry() {
        if (attempts++ == 0) {
            return true;
        }
        if (System.nanoTime() >= deadline) {
            return false;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + Math.min(attempts, 10) * 5L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
