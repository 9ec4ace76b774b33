package io.billingaccounts.server.basics;

import java.time.Duration;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one retry policy of the service's waits: pauses that double from {@code first} up to {@code longest}, each
 * drawn at random around its length so that waiters who failed together do not try again together, at most
 * {@code mostPauses} of them, and never one that would end past the waiter's own deadline. Spring's
 * {@link ExponentialBackOff} draws the pauses; this adds the deadline and the sleep.
 */
public final class Backoff {

    private final ExponentialBackOff policy;

    public Backoff(Duration first, Duration longest, long mostPauses) {
        policy = new ExponentialBackOff(first.toMillis(), 2);
        policy.setMaxInterval(longest.toMillis());
        policy.setJitter(first.toMillis() / 2);
        policy.setMaxAttempts(mostPauses);
    }

    /** The pauses of one wait, its first try made. */
    public Pauses start() {
        return new Pauses(policy.start());
    }

    /** The pauses left to one wait. */
    public static final class Pauses {

        private final BackOffExecution execution;

        private Pauses(BackOffExecution execution) {
            this.execution = execution;
        }

        /**
         * Sleeps before the next try; false, without sleeping, when no pause is left or the next one would not end
         * within {@code remaining}, and false when the thread was interrupted (its flag set again).
         */
        public boolean pauseWithin(Duration remaining) {
            long pause = execution.nextBackOff();
            if (pause == BackOffExecution.STOP || pause >= remaining.toMillis()) {
                return false;
            }
            try {
                Thread.sleep(pause);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
