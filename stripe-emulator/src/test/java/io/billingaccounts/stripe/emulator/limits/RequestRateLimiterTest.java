package io.billingaccounts.stripe.emulator.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void readsAndWritesAreCountedApart() {
        RequestRateLimiter limiter = new RequestRateLimiter(new RateLimits(1, 2), now::get);

        assertThat(limiter.tryAdmit("GET")).isTrue();
        assertThat(limiter.tryAdmit("GET")).isFalse();
        assertThat(limiter.tryAdmit("POST")).isTrue();
        assertThat(limiter.tryAdmit("DELETE")).isTrue();
        assertThat(limiter.tryAdmit("POST")).isFalse();
    }

    @Test
    void limitsChangeAndReadBack() {
        RequestRateLimiter limiter = new RequestRateLimiter(RateLimits.NONE, now::get);

        limiter.set(new RateLimits(25, 0));

        assertThat(limiter.get()).isEqualTo(new RateLimits(25, 0));
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAdmit("POST")).as("no write limit").isTrue();
        }
    }
}
