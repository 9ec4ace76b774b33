package io.billingaccounts.server.stripe;

import java.time.Duration;

/**
 * The time a request may still spend on Stripe. Every call of one request, and every retry of a call, draws on
 * the same budget, so a hanging Stripe costs a caller the budget once instead of each call's timeout times each
 * try.
 */
public final class Deadline {

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    public boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }
}
