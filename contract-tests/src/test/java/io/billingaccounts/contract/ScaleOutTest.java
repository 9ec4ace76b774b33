package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.billingaccounts.stripe.emulator.EmulatorOptions;
import io.billingaccounts.stripe.emulator.StripeEmulator;

/**
 * Two instances behind one PostgreSQL: whichever instance a request reaches, the billing-mode limit, the
 * Idempotency-Key replays and recovery behave as with one, because nothing that matters lives in an instance.
 */
@Tag("long")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutTest {

    private StripeEmulator emulator;
    private StripeEmulatorControl stripe;
    private ServerProcess first;
    private ServerProcess second;
    private RawApi a;
    private RawApi b;

    @BeforeAll
    void start() throws Exception {
        List<String> args = new ArrayList<>(PostgresDatabase.freshSchemaArgs());
        args.addAll(FaultRecoveryTest.RECOVERY_ARGS);
        emulator = StripeEmulator.start(EmulatorOptions.builder().port(0).build());
        stripe = new StripeEmulatorControl(emulator.baseUrl());
        Map<String, String> env = ServerWithEmulator.stripeEnv(emulator);
        // One data directory, so both instances trust the same development-token key.
        Path shared = Files.createTempDirectory("billing-accounts-scale-");
        first = ServerProcess.start(shared, args, env);
        second = ServerProcess.start(shared, args, env);
        a = new RawApi(first.baseUrl());
        b = new RawApi(second.baseUrl());
    }

    @AfterAll
    void stop() throws Exception {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theBillingModeLimitHoldsAcrossInstances() throws Exception {
        String ws = a.post("usr_scale", "/workspaces", "{\"name\": \"S\", \"billing_mode\": \"single\"}").text("id");
        List<Integer> statuses = ServiceScenarios.concurrently(8, i -> (i % 2 == 0 ? a : b)
                .post("usr_scale", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT).status());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(stripe.customersOf(ws)).hasSize(1);
    }

    @Test
    void anIdempotencyKeyReplaysOnTheOtherInstance() {
        String ws = a.post("usr_scale", "/workspaces", "{\"name\": \"S\", \"billing_mode\": \"pooled\"}").text("id");
        Reply created = a.post("usr_scale", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT,
                "Idempotency-Key", "scale-1");
        Reply replayed = b.post("usr_scale", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT,
                "Idempotency-Key", "scale-1");
        assertThat(replayed.json()).isEqualTo(created.json());
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(b.post("usr_scale", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT.replace("ACME", "Other"),
                "Idempotency-Key", "scale-1").text("code")).isEqualTo("idempotency_key_reused");
        assertThat(stripe.customersOf(ws)).hasSize(1);
    }

    @Test
    void recoveryWorkIsDoneOnceWhicheverInstanceFindsIt() throws Exception {
        String ws = a.post("usr_scale", "/workspaces", "{\"name\": \"S\", \"billing_mode\": \"pooled\"}").text("id");
        stripe.fault("POST /v1/customers", "commit_then_500", 10);
        assertThat(a.post("usr_scale", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT).status()).isEqualTo(502);
        stripe.clearFaults();
        String made = stripe.customersOf(ws).keySet().iterator().next();
        stripe.clearRequests();

        await("recovery to take the customer in").atMost(Duration.ofSeconds(30)).until(() ->
                b.get("usr_scale", ServiceScenarios.accounts(ws)).json().path("data").size() == 1);
        assertThat(a.get("usr_scale", ServiceScenarios.accounts(ws)).json().path("data").get(0).path("id").asString())
                .isEqualTo(made);
        // Each instance looks for recovery work every 0.5 s: in 2 s both have had their chance to do it again.
        await("no second replay of the create").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> stripe.calls("POST", "/v1/customers") == 1);
        assertThat(stripe.customersOf(ws)).containsOnlyKeys(made);
    }
}
