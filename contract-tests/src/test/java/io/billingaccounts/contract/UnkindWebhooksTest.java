package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Stripe's webhooks as they may really come: each held a random moment (so later events overtake earlier ones) and
 * half of them delivered twice. Whatever their order, once they are all in, the mirror equals Stripe: customers
 * changed in Stripe, subscriptions changed and canceled there, trials ended by Stripe's clock.
 */
@Tag("long")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnkindWebhooksTest {

    private static final String SECRET = "whsec_unkind";
    private static final String OWNER = "usr_unkind";

    private ServerWithEmulator service;
    private StripeEmulatorControl stripe;
    private RawApi api;

    @BeforeAll
    void start() throws Exception {
        service = ServerWithEmulator.startWithWebhooks(SECRET, List.of(), options -> options
                .webhookShuffle(Duration.ofMillis(400)).webhookDuplicates(0.5).webhookSeed(20261206));
        stripe = service.stripe();
        api = service.api();
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
    }

    @Test
    void shuffledAndDuplicatedWebhooksLeaveTheMirrorEqualToStripe() {
        List<Billing> accounts = new ArrayList<>();
        List<String> subscriptions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Billing account = Billing.open(api, stripe, OWNER, "single");
            accounts.add(account);
            subscriptions.add(account.subscribed("{\"users\": 2, \"locations\": 1}"));
        }
        for (int round = 1; round <= 3; round++) {
            for (Billing account : accounts) {
                stripe.updateCustomer(account.id(), "name=Round+" + round + "&email=round" + round + "%40example.com");
            }
        }
        String item = stripe.subscription(subscriptions.get(0)).path("items").path("data").get(0).path("id").asString();
        stripe.updateSubscription(subscriptions.get(0), "items[0][id]=" + item + "&items[0][quantity]=7");
        stripe.cancel(subscriptions.get(1));
        stripe.advanceClock(Duration.ofDays(15).toSeconds());

        await("every webhook delivered, duplicates included").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(stripe::webhooksSettled);
        await("the mirror to equal Stripe").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    for (Billing account : accounts) {
                        assertThat(FaultRecoveryTest.sameFields(api.get(OWNER, account.path()).json(),
                                stripe.customer(account.id()))).as(account.id()).isTrue();
                        assertThat(account.divergences()).as(account.id()).isEmpty();
                    }
                });
        assertThat(api.get(OWNER, accounts.get(0).path()).text("name")).isEqualTo("Round 3");
        assertThat(stripe.sentEvents("customer.updated")).hasSizeGreaterThanOrEqualTo(9);
    }
}
