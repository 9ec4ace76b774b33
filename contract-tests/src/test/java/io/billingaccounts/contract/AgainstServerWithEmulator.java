package io.billingaccounts.contract;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Tests that share one {@link ServerWithEmulator}: started before their first test, stopped after their last. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgainstServerWithEmulator {

    ServerWithEmulator service;
    StripeEmulatorControl stripe;
    RawApi api;

    /** The server's settings for these tests; none beyond the fixture's own unless a class says otherwise. */
    List<String> serverArgs() {
        return List.of();
    }

    @BeforeAll
    void startService() throws Exception {
        service = ServerWithEmulator.start(serverArgs());
        stripe = service.stripe();
        api = service.api();
    }

    @AfterAll
    void stopService() throws Exception {
        if (service != null) {
            service.close();
        }
    }
}
