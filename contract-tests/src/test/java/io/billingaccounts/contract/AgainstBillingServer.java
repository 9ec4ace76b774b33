package io.billingaccounts.contract;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;

import tools.jackson.databind.JsonNode;

/**
 * The packaged server with a Stripe emulator whose signed webhooks reach it, as the billing surface's scenarios
 * use it: billing accounts of fresh workspaces, and waits for what a webhook brings. Subclasses choose the
 * database.
 */
abstract class AgainstBillingServer extends AgainstServerWithEmulator {

    @Override
    boolean sharesServer() {
        return true;
    }

    static final String OWNER = "usr_bill";
    static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";

    /** Server arguments that choose the database. */
    abstract List<String> databaseArgs();

    @Override
    List<String> serverArgs() {
        List<String> args = new ArrayList<>(ServiceScenarios.withoutRecoveryLoop(databaseArgs()));
        // A Stripe that hangs is cut at the read timeout: 2 s here instead of the default 10 s, so that the
        // scenarios of a hang wait seconds, not a whole deadline (HangingStripeTest keeps the defaults).
        args.add("--stripe.read-timeout=PT2S");
        return args;
    }

    @Override
    String webhookSecret() {
        return "whsec_billing_scenarios";
    }

    @BeforeEach
    void calmStripe() {
        stripe.clearFaults();
        service.resumeWebhooks();
    }

    /** A fresh workspace's only billing account: trial-eligible. */
    Billing open() {
        return Billing.open(api, stripe, OWNER, "pooled");
    }

    /** A billing account of a workspace with two: never trial-eligible. */
    Billing withoutTrial() {
        return open().another();
    }

    static JsonNode find(JsonNode list, String id) {
        for (JsonNode item : list) {
            if (item.path("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError(id + " is not in " + list);
    }

    /** The ids of a list's objects, in its order. */
    static Set<String> ids(JsonNode list) {
        Set<String> ids = new LinkedHashSet<>();
        list.forEach(i -> ids.add(i.path("id").asString()));
        return ids;
    }

    /** Waits until the server has taken every webhook so far: a list no longer asks Stripe about a setup intent. */
    void awaitWebhooksTaken() {
        await("the webhooks so far to be taken").atMost(Duration.ofSeconds(20)).until(stripe::webhooksSettled);
    }

    /** Cancels the subscription directly in Stripe and waits for its webhook to make it read {@code canceled}. */
    void cancelInStripe(Billing account, String subscriptionId) {
        stripe.cancel(subscriptionId);
        awaitWebhookEffect(() -> "canceled".equals(api.get(OWNER, account.subscription(subscriptionId)).text("status")));
    }

    static void awaitWebhookEffect(Callable<Boolean> condition) {
        await("the webhook's effect").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(condition);
    }
}
