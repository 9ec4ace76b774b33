package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.billingaccounts.stripe.emulator.EmulatorOptions;
import io.billingaccounts.stripe.emulator.StripeEmulator;
import tools.jackson.databind.JsonNode;

/**
 * {@code kill -9} of the server while Stripe is still working on a create or an update of an account or a
 * subscription, so that Stripe changes and the database never hears of it. After a restart, recovery takes in what
 * Stripe made, leaving no orphan and no divergence, and the client's retry with the same Idempotency-Key gets
 * that one object.
 */
@Tag("long")
class CrashRecoveryTest {

    private static final int STRIPE_DELAY_MS = 1500;
    private static final Duration RECOVERY = Duration.ofSeconds(40);

    private StripeEmulator emulator;
    private StripeEmulatorControl stripe;
    private Path data;
    private ServerProcess server;

    @BeforeEach
    void start() throws Exception {
        emulator = StripeEmulator.start(EmulatorOptions.builder().port(0).delayMillis(STRIPE_DELAY_MS).build());
        stripe = new StripeEmulatorControl(emulator.baseUrl());
        data = Files.createTempDirectory("billing-accounts-crash-");
        server = startServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        emulator.close();
    }

    @Test
    void aCreateKilledAfterStripeIsTakenInAndItsRetryGetsIt() throws Exception {
        RawApi api = new RawApi(server.baseUrl());
        String ws = api.post("usr_crash", "/workspaces", "{\"name\": \"K\", \"billing_mode\": \"single\"}").text("id");
        CompletableFuture<Reply> lost = CompletableFuture.supplyAsync(() -> api.post("usr_crash",
                ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT, "Idempotency-Key", "crash-create"));
        killWhileStripeWorks("POST", "/v1/customers");
        assertThatThrownBy(lost::join).as("the answer that never came").isNotNull();
        await("Stripe to finish the create").atMost(RECOVERY).until(() -> stripe.customersOf(ws).size() == 1);

        String made = stripe.customersOf(ws).keySet().iterator().next();

        server = startServer();
        RawApi restarted = new RawApi(server.baseUrl());
        await("recovery to take the customer in").atMost(RECOVERY).until(() -> restarted.get("usr_crash",
                ServiceScenarios.accounts(ws)).json().path("data").size() == 1);
        assertThat(restarted.get("usr_crash", ServiceScenarios.accounts(ws)).json().path("data").get(0).path("id")
                .asString()).isEqualTo(made);

        // The key of the killed request is taken over once it counts as abandoned; until then the answer is 409.
        Reply retried = await("the key of the killed create to be taken over").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> restarted.post("usr_crash", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT,
                        "Idempotency-Key", "crash-create"), reply -> reply.status() != 409);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.text("id")).isEqualTo(made);
        assertThat(stripe.customersOf(ws).keySet()).containsExactly(made);
        Reply replay = restarted.post("usr_crash", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT,
                "Idempotency-Key", "crash-create");
        assertThat(replay.json()).isEqualTo(retried.json());
    }

    /**
     * An update holds no row while Stripe works on it (one durable commit per update): the killed one is never
     * acknowledged, and after the restart Stripe's event of it brings the mirror in line (catch-up).
     */
    @Test
    void anUpdateKilledAfterStripeEndsWithTheDatabaseAndStripeAgreeing() throws Exception {
        RawApi api = new RawApi(server.baseUrl());
        String ws = api.post("usr_crash", "/workspaces", "{\"name\": \"K\", \"billing_mode\": \"single\"}").text("id");
        String id = api.post("usr_crash", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT).text("id");
        String path = ServiceScenarios.accounts(ws) + "/" + id;
        CompletableFuture.runAsync(() -> api.patch("usr_crash", path, "{\"name\": \"Never acknowledged\"}"));
        killWhileStripeWorks("POST", "/v1/customers/" + id);
        await("Stripe to finish the update").atMost(RECOVERY)
                .until(() -> stripe.customer(id).path("name").asString().equals("Never acknowledged"));

        server = startServer();
        RawApi restarted = new RawApi(server.baseUrl());
        await("the mirror and Stripe to agree").atMost(RECOVERY).until(() ->
                FaultRecoveryTest.sameFields(restarted.get("usr_crash", path).json(), stripe.customer(id)));
        assertThat(restarted.get("usr_crash", path).text("name")).isEqualTo("Never acknowledged");
    }

    @Test
    void aSubscriptionCreateKilledAfterStripeIsTakenInAndItsRetryGetsIt() throws Exception {
        Billing account = Billing.open(new RawApi(server.baseUrl()), stripe, "usr_crash", "pooled");
        // With a card the retry is possible whatever recovery decides about the trial of the lost create.
        account.addCard("pm_card_visa");
        CompletableFuture<Reply> lost = CompletableFuture.supplyAsync(() -> account.subscribe("{\"users\": 2}",
                "Idempotency-Key", "crash-subscription"));
        killWhileStripeWorks("POST", "/v1/subscriptions");
        assertThatThrownBy(lost::join).as("the answer that never came").isNotNull();
        await("Stripe to finish the create").atMost(RECOVERY).until(() -> account.liveInStripe().size() == 1);

        server = startServer();
        Billing restarted = account.on(new RawApi(server.baseUrl()));
        String made = account.liveInStripe().iterator().next();
        awaitAgreement(restarted);
        assertThat(restarted.subscriptionList()).hasSize(1);

        Reply retried = await("the key of the killed create to be taken over").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> restarted.subscribe("{\"users\": 2}", "Idempotency-Key", "crash-subscription"),
                        reply -> reply.status() != 409);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.text("id")).isEqualTo(made);
        assertThat(restarted.liveInStripe()).containsExactly(made);
        assertThat(restarted.subscriptionList()).hasSize(1);
        assertThat(restarted.divergences()).isEmpty();
    }

    @Test
    void aSubscriptionUpdateKilledAfterStripeEndsWithTheDatabaseAndStripeAgreeing() throws Exception {
        Billing account = Billing.open(new RawApi(server.baseUrl()), stripe, "usr_crash", "pooled");
        String id = account.subscribed("{\"users\": 2}");
        CompletableFuture.runAsync(() -> account.api().patch(account.owner(), account.subscription(id),
                "{\"product_quantities\": {\"users\": 9}}"));
        killWhileStripeWorks("POST", "/v1/subscriptions/" + id);
        await("Stripe to finish the update").atMost(RECOVERY)
                .until(() -> Billing.priceQuantities(stripe.subscription(id)).containsValue(9));

        server = startServer();
        Billing restarted = account.on(new RawApi(server.baseUrl()));
        awaitAgreement(restarted);
        assertThat(Billing.quantities(restarted.api().get("usr_crash", restarted.subscription(id)).json()))
                .isIn(Map.of("users", 2), Map.of("users", 9));
        assertThat(restarted.liveInStripe()).containsExactly(id);
    }

    @Test
    void aSubscriptionCancelKilledAfterStripeShowsWhatStripeHolds() throws Exception {
        Billing account = Billing.open(new RawApi(server.baseUrl()), stripe, "usr_crash", "pooled");
        String id = account.subscribed("{\"users\": 2}");
        CompletableFuture.runAsync(() -> account.api().delete(account.owner(), account.subscription(id)));
        killWhileStripeWorks("POST", "/v1/subscriptions/" + id);
        await("Stripe to finish the cancel").atMost(RECOVERY)
                .until(() -> stripe.subscription(id).path("cancel_at_period_end").asBoolean());

        server = startServer();
        Billing restarted = account.on(new RawApi(server.baseUrl()));
        await("recovery to take in the cancel Stripe made").atMost(RECOVERY).untilAsserted(() ->
                assertThat(restarted.api().get("usr_crash", restarted.subscription(id)).json()
                        .path("cancel_at_period_end").asBoolean()).isTrue());
        awaitAgreement(restarted);
    }

    @Test
    void aCardSetupKilledAfterStripeGivesItsRetryTheSameSetupIntent() throws Exception {
        Billing account = Billing.open(new RawApi(server.baseUrl()), stripe, "usr_crash", "pooled");
        CompletableFuture<Reply> lost = CompletableFuture.supplyAsync(() -> account.api().post(account.owner(),
                account.paymentMethods(), null, "Idempotency-Key", "crash-setup"));
        killWhileStripeWorks("POST", "/v1/setup_intents");
        assertThatThrownBy(lost::join).as("the answer that never came").isNotNull();

        server = startServer();
        Billing restarted = account.on(new RawApi(server.baseUrl()));
        Reply retried = await("the key of the killed setup to be taken over").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> restarted.api().post("usr_crash", restarted.paymentMethods(), null,
                        "Idempotency-Key", "crash-setup"), reply -> reply.status() != 409);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        String intent = Billing.setupIntentId(retried.text("client_secret"));
        // Every try, the killed one's, recovery's and the retry's, carried one Idempotency-Key: Stripe made one setup
        // intent, and the retry got it.
        assertThat(stripe.idempotencyKeys("POST", "/v1/setup_intents")).hasSize(1);
        assertThat(stripe.confirmSetupIntent(intent, "pm_card_visa").path("status").asString())
                .isEqualTo("succeeded");
        assertThat(restarted.paymentMethodList()).hasSize(1);
    }

    static void awaitAgreement(Billing account) {
        await("recovery to make the database and Stripe agree").atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(account.divergences()).as("Stripe and the database").isEmpty());
    }

    private ServerProcess startServer() throws Exception {
        return ServerProcess.start(data, FaultRecoveryTest.RECOVERY_ARGS.stream()
                        .map(arg -> arg.startsWith("--stripe.read-timeout") ? "--stripe.read-timeout=PT5S" : arg)
                        .toList(),
                ServerWithEmulator.stripeEnv(emulator));
    }

    /**
     * Kills the server once its call has reached Stripe and before Stripe answers it, which the emulator's delay
     * leaves time for: Stripe goes on and changes, the server never hears of it.
     */
    private void killWhileStripeWorks(String method, String path) throws InterruptedException {
        await("the server's " + method + " " + path + " to reach Stripe").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(() -> stripe.working(method, path));
        server.kill();
    }
}
