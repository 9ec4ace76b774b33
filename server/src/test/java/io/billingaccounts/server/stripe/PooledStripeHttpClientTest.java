package io.billingaccounts.server.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.net.RequestOptions;

import io.billingaccounts.stripe.emulator.EmulatorOptions;
import io.billingaccounts.stripe.emulator.StripeEmulator;

/** The transport against an emulator that takes a second to answer: each call waits its own read timeout. */
class PooledStripeHttpClientTest {

    private static final Duration STRIPE_LATENCY = Duration.ofSeconds(1);
    private static final String PRICE = "price_users_monthly_usd";

    private static StripeEmulator emulator;
    private static PooledStripeHttpClient transport;
    private static StripeClient client;

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.start(EmulatorOptions.builder().port(0).delayMillis(STRIPE_LATENCY.toMillis())
                .build());
        transport = new PooledStripeHttpClient(Duration.ofSeconds(2), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        client = StripeClient.builder().setApiKey("sk_test_transport").setApiBase(emulator.baseUrl())
                .setReadTimeout(10_000).setMaxNetworkRetries(0).setHttpClient(transport).build();
    }

    @AfterAll
    static void stop() {
        transport.close();
        emulator.close();
    }

    @Test
    void aReadTimeoutShorterThanStripeFailsAsAConnectionFailureWithinThatTime() throws Exception {
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.v1().prices().retrieve(PRICE, readTimeout(Duration.ofMillis(200))))
                .isInstanceOf(ApiConnectionException.class)
                .hasMessageStartingWith("IOException during API request to Stripe (")
                .hasCauseInstanceOf(SocketTimeoutException.class);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(waited).isLessThan(STRIPE_LATENCY.dividedBy(2));

        // The next call, on the same pool, waits its own, longer, timeout.
        assertThat(client.v1().prices().retrieve(PRICE, readTimeout(Duration.ofSeconds(5))).getId())
                .isEqualTo(PRICE);
    }

    private static RequestOptions readTimeout(Duration timeout) {
        return RequestOptions.builder().setReadTimeout((int) timeout.toMillis()).build();
    }
}
