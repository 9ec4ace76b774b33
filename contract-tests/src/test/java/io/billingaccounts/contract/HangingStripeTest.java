package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;


/**
 * A Stripe that takes a request and never answers, with the service's default timeouts: the caller hears within
 * one deadline (10 s), well before a typical client gives up, that the outcome is not known yet; recovery then
 * learns it from Stripe and the API shows the one account Stripe holds.
 */
@Tag("long")
class HangingStripeTest extends AgainstServerWithEmulator {

    // The defaults but for recovery's pace: a write holds its turn a little longer than the 10 s deadline.
    private static final List<String> RECOVERY = List.of("--billing.recovery.settle-time=PT12S",
            "--billing.recovery.interval=PT0.5S", "--billing.recovery.initial-delay=PT0.5S");

    @Override
    List<String> serverArgs() {
        return RECOVERY;
    }

    @Test
    void aCreateWhileStripeHangsIsAnsweredWithinFifteenSecondsAndEndsAsStripeHoldsIt() {
        String ws = api.post("usr_hang", "/workspaces", "{\"name\": \"Hang\", \"billing_mode\": \"single\"}")
                .text("id");
        stripe.fault("POST /v1/customers", "timeout", 5);

        long started = System.nanoTime();
        Reply answered = api.post("usr_hang", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answered.status()).as(answered.toString()).isEqualTo(503);
        assertThat(answered.text("code")).isEqualTo("stripe_outcome_pending");
        assertThat(answered.header("Retry-After")).isNotNull();
        assertThat(waited).isLessThan(Duration.ofSeconds(15));

        stripe.clearFaults();
        // Recovery sends the create again with its Idempotency-Key: Stripe makes it once, and it is taken in.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(stripe.customersOf(ws)).hasSize(1);
            JsonNode listed = api.get("usr_hang", ServiceScenarios.accounts(ws)).json().path("data");
            assertThat(listed.size()).isEqualTo(1);
            assertThat(listed.get(0).path("id").asString())
                    .isEqualTo(stripe.customersOf(ws).keySet().iterator().next());
        });
        // That account is the workspace's one.
        assertThat(api.post("usr_hang", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT).status())
                .isEqualTo(409);
        assertThat(stripe.customersOf(ws)).hasSize(1);
    }
}
