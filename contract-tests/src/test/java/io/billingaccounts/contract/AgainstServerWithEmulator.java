package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** The secret Stripe signs webhooks to the server with; null (the default): Stripe sends none. */
    String webhookSecret() {
        return null;
    }

    @BeforeAll
    void startService() throws Exception {
        service = webhookSecret() == null ? ServerWithEmulator.start(serverArgs())
                : ServerWithEmulator.startWithWebhooks(webhookSecret(), serverArgs());
        stripe = service.stripe();
        api = service.api();
    }

    String workspace(String owner, String mode) {
        Reply created = api.post(owner, "/workspaces", "{\"name\": \"Workspace\", \"billing_mode\": \"" + mode + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.text("id");
    }

    String account(String workspaceId, String body) {
        Reply created = api.post("usr_alice", ServiceScenarios.accounts(workspaceId), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return ServiceScenarios.accounts(workspaceId) + "/" + created.text("id");
    }

    @AfterAll
    void stopService() throws Exception {
        if (service != null) {
            service.close();
        }
    }
}
