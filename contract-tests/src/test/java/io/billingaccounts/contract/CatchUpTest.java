package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.billingaccounts.stripe.emulator.EmulatorOptions;
import io.billingaccounts.stripe.emulator.StripeEmulator;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks pointed at a dead port for the whole test, as with a wrong endpoint URL: what changes directly in Stripe
 * (a customer's email, a card saved, a subscription canceled, a trial's end and its invoice) shows in the API within
 * one catch-up period, and what changed while the server was down shows right after it starts again.
 */
@Tag("long")
class CatchUpTest {

    private static final String SECRET = "whsec_catch_up";
    private static final Duration PERIOD = Duration.ofSeconds(2);
    // One period, and the time it takes to read Stripe's events and apply them on a busy machine.
    private static final Duration WITHIN_A_PERIOD = PERIOD.plusSeconds(8);
    private static final String OWNER = "usr_catch";

    private StripeEmulator emulator;
    private StripeEmulatorControl stripe;
    private Path data;
    private ServerProcess server;
    private RawApi api;

    @BeforeEach
    void start() throws Exception {
        emulator = StripeEmulator.start(EmulatorOptions.builder().port(0)
                .webhookUrl("http://127.0.0.1:9/stripe/webhooks").webhookSecret(SECRET).build());
        stripe = new StripeEmulatorControl(emulator.baseUrl());
        data = Files.createTempDirectory("billing-accounts-catch-up-");
        startServer(PERIOD);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        emulator.close();
    }

    @Test
    void changesMadeInStripeShowWithinOneCatchUpPeriod() throws Exception {
        String ws = api.post(OWNER, "/workspaces", "{\"name\": \"C\", \"billing_mode\": \"single\"}").text("id");
        String account = ServiceScenarios.accounts(ws) + "/" + api.post(OWNER, ServiceScenarios.accounts(ws),
                ServiceScenarios.ACCOUNT).text("id");
        String customer = account.substring(account.lastIndexOf('/') + 1);
        Reply trial = api.post(OWNER, account + "/subscriptions", "{\"product_quantities\": {\"users\": 2}}");
        assertThat(trial.text("status")).isEqualTo("trialing");

        stripe.updateCustomer(customer, "email=changed-in-stripe%40example.com");
        String card = stripe.attachCard(customer, "pm_card_visa").path("payment_method").asString();
        await("the email and the card").atMost(WITHIN_A_PERIOD).untilAsserted(() -> {
            assertThat(api.get(OWNER, account).text("email")).isEqualTo("changed-in-stripe@example.com");
            assertThat(api.get(OWNER, account + "/payment-methods").json().path("data").toString()).contains(card);
        });

        stripe.advanceClockPast(java.time.OffsetDateTime.parse(trial.text("trial_end")).toEpochSecond());
        String subscription = account + "/subscriptions/" + trial.text("id");
        await("the trial's end and its invoice").atMost(WITHIN_A_PERIOD).untilAsserted(() -> {
            assertThat(api.get(OWNER, subscription).text("status")).isEqualTo("active");
            JsonNode invoices = api.get(OWNER, account + "/invoices").json().path("data");
            assertThat(invoices.size()).isEqualTo(1);
            assertThat(invoices.get(0).path("status").asString()).isEqualTo("paid");
        });

        stripe.cancel(trial.text("id"));
        await("the cancellation").atMost(WITHIN_A_PERIOD).untilAsserted(() ->
                assertThat(api.get(OWNER, subscription).text("status")).isEqualTo("canceled"));
    }

    @Test
    void whatChangedWhileTheServerWasDownShowsRightAfterItStarts() throws Exception {
        String ws = api.post(OWNER, "/workspaces", "{\"name\": \"R\", \"billing_mode\": \"single\"}").text("id");
        String account = ServiceScenarios.accounts(ws) + "/" + api.post(OWNER, ServiceScenarios.accounts(ws),
                ServiceScenarios.ACCOUNT).text("id");
        String customer = account.substring(account.lastIndexOf('/') + 1);
        server.close();

        stripe.updateCustomer(customer, "name=Renamed+while+down");
        // The next round only in an hour: what shows now came from the catch-up at start-up.
        startServer(Duration.ofHours(1));

        await("the change made while the server was down").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(api.get(OWNER, account).text("name")).isEqualTo("Renamed while down"));
    }

    private void startServer(Duration catchUpInterval) throws Exception {
        Map<String, String> env = new HashMap<>(ServerWithEmulator.stripeEnv(emulator));
        env.remove("STRIPE_CATCH_UP_ONLY");
        env.put("STRIPE_WEBHOOK_SECRET", SECRET);
        server = ServerProcess.start(data, List.of("--stripe.events.catch-up-interval=" + catchUpInterval), env);
        api = new RawApi(server.baseUrl());
    }
}
