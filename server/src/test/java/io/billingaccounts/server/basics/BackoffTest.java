package io.billingaccounts.server.basics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void aPauseThatWouldEndPastTheDeadlineIsNotTaken() {
        Backoff.Pauses pauses = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 5).start();

        assertThat(pauses.pauseWithin(Duration.ofMillis(50))).isFalse();
    }

    @Test
    void noMorePausesThanAllowed() {
        Backoff.Pauses pauses = new Backoff(Duration.ofMillis(2), Duration.ofMillis(4), 2).start();

        assertThat(pauses.pauseWithin(Duration.ofSeconds(1))).isTrue();
        assertThat(pauses.pauseWithin(Duration.ofSeconds(1))).isTrue();
        assertThat(pauses.pauseWithin(Duration.ofSeconds(1))).isFalse();
    }

    @Test
    void pausesGrowToTheLongestAndNoFurther() {
        Backoff.Pauses pauses = new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), Long.MAX_VALUE).start();
        for (int i = 0; i < 4; i++) {
            pauses.pauseWithin(Duration.ofSeconds(1));
        }

        long before = System.nanoTime();
        assertThat(pauses.pauseWithin(Duration.ofSeconds(1))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isBetween(Duration.ofMillis(20),
                Duration.ofSeconds(2));
    }

    @Test
    void anInterruptedWaitStopsAndKeepsTheInterrupt() {
        Backoff.Pauses pauses = new Backoff(Duration.ofMillis(50), Duration.ofMillis(50), 1).start();
        Thread.currentThread().interrupt();

        assertThat(pauses.pauseWithin(Duration.ofSeconds(1))).isFalse();
        assertThat(Thread.interrupted()).isTrue();
    }
}
