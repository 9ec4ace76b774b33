package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The --delay-ms latency is added to every answer, and slow requests wait side by side, not in turn.
 * Without it an answer takes a millisecond or two, not the 40 ms of Nagle's algorithm meeting
 * delayed ACKs.
 */
class LatencyAndConcurrencyTest extends EmulatorTest {

    private static final long DELAY_MILLIS = 400;

    @Override
    protected EmulatorOptions.Builder options() {
        return super.options().delayMillis(DELAY_MILLIS);
    }

    @Test
    void everyAnswerWaitsTheConfiguredDelay() {
        long start = System.nanoTime();

        assertThat(http.stripe("GET", "/v1/customers", null).statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(DELAY_MILLIS));
    }

    @Test
    void withoutADelayAnswersComeAtOnce() {
        try (StripeEmulator fast = StripeEmulator.start(EmulatorOptions.defaults())) {
            RawHttp direct = new RawHttp(fast.baseUrl());
            for (int i = 0; i < 10; i++) {
                direct.stripe("POST", "/v1/customers", "name=warm" + i);
            }
            long start = System.nanoTime();
            for (int i = 0; i < 40; i++) {
                direct.stripe("POST", "/v1/customers", "name=c" + i);
            }

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(40 * 20));
        }
    }

    @Test
    void twoHundredSlowRequestsAtOnceTakeAboutOneDelay() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(200);
        try {
            long start = System.nanoTime();
            List<Future<HttpResponse<String>>> answers = IntStream.range(0, 200)
                    .mapToObj(i -> clients.submit(() -> http.stripe("POST", "/v1/customers", "name=c" + i)))
                    .toList();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(200);
            }

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(DELAY_MILLIS * 10));
            assertThat(emulator.requests().count("POST /v1/customers")).isEqualTo(200);
        } finally {
            clients.shutdownNow();
        }
    }
}
