package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tests against one {@link ServerWithEmulator}, started for the class or shared with the other classes of the test
 * JVM that ask for the same settings ({@link SharedServers}, {@link #sharesServer()}).
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

    /**
     * Whether other classes of the test JVM asking for the same settings may use this class's server (the scenario
     * suites, working in workspaces of their own); otherwise (the default) it is this class's alone and stopped
     * after its last test, so that no server of a class with settings of its own idles beside the next classes.
     */
    boolean sharesServer() {
        return false;
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
