package io.billingaccounts.stripe.emulator;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.param.CustomerCreateParams;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.threeten.extra.MutableClock;

/**
 * A fresh in-memory emulator on a free port for each test, and stripe-java pointed at it without
 * retries, so that every fault shows.
 */
public abstract class EmulatorTest {

    protected final MutableClock clock = MutableClock.of(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);
    protected StripeEmulator emulator;
    protected StripeClient stripe;
    protected RawHttp http;

    @BeforeEach
    void startEmulator() {
        emulator = StripeEmulator.start(options().build());
        stripe = client(emulator);
        http = new RawHttp(emulator.baseUrl());
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    /** What the emulator of each test starts with; a test class may add to it. */
    protected EmulatorOptions.Builder options() {
        return EmulatorOptions.builder().port(0).clock(clock);
    }

    /** A new customer with a name and nothing more. */
    protected String newCustomer() throws StripeException {
        return stripe.v1().customers().create(CustomerCreateParams.builder().setName("Ann").build()).getId();
    }

    /** A new customer whose default payment method is a card that pays. */
    protected String newCustomerWithACard() throws StripeException {
        String customer = newCustomer();
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        return customer;
    }

    public static StripeClient client(StripeEmulator emulator) {
        return clientWithReadTimeout(emulator, 10_000);
    }

    public static StripeClient clientWithReadTimeout(StripeEmulator emulator, int readTimeoutMillis) {
        return StripeClient.builder()
                .setApiKey(RawHttp.TEST_KEY)
                .setApiBase(emulator.baseUrl())
                .setMaxNetworkRetries(0)
                .setConnectTimeout(2_000)
                .setReadTimeout(readTimeoutMillis)
                .build();
    }
}
