package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tests against one {@link ServerWithEmulator}, shared with every other class of the run that asks for the same
 * settings ({@link SharedServers}): each test works in workspaces of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedServers.class)
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

    void use(ServerWithEmulator started) {
        service = started;
        stripe = started.stripe();
        api = started.api();
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
}
