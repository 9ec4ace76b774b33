package io.billingaccounts.server.stripe;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.billingaccounts.stripe.emulator.EmulatorOptions;
import io.billingaccounts.stripe.emulator.StripeEmulator;

/** The Stripe emulator that stands in for Stripe when no API key is set, keeping its data beside the database. */
public final class EmbeddedStripe implements AutoCloseable {

    static final String API_KEY = "sk_test_embedded";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStripe.class);

    private final StripeEmulator emulator;

    private EmbeddedStripe(StripeEmulator emulator) {
        this.emulator = emulator;
    }

    static EmbeddedStripe start(Path dataDir) {
        StripeEmulator emulator = StripeEmulator.start(EmulatorOptions.builder().port(0).dataDir(dataDir).build());
        log.info("No STRIPE_API_KEY set: started the embedded Stripe emulator on {} with its data in {}",
                emulator.baseUrl(), dataDir);
        return new EmbeddedStripe(emulator);
    }

    public String baseUrl() {
        return emulator.baseUrl();
    }

    @Override
    public void close() {
        emulator.close();
    }
}
