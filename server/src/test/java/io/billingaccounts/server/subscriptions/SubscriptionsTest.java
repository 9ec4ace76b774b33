package io.billingaccounts.server.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;
import tools.jackson.databind.JsonNode;

/** Subscriptions through the whole service: the trial, the card, the limits, every form of update, the mirror. */
class SubscriptionsTest extends ServiceTest {

    private static final String OWNER = "usr_sam";

    @Test
    void theWorkspacesOneTrialNeedsNoCardAndTheNextSubscriptionDoes() {
        String account = newAccount("single");
        assertThat(api.get(OWNER, account + "/trial-eligibility").json().path("trial_eligible").asBoolean()).isTrue();

        Reply trial = subscribe(account, "{\"product_quantities\": {\"locations\": 5, \"users\": 25}}");

        assertThat(trial.status()).as(trial.raw().body()).isEqualTo(201);
        assertThat(trial.text("status")).isEqualTo("trialing");
        assertThat(trial.text("currency")).isEqualTo("usd");
        JsonNode users = trial.json().path("product_quantities").path("users");
        assertThat(users.path("quantity").asInt()).isEqualTo(25);
        assertThat(users.path("price_id").asString()).startsWith("price_");
        assertThat(users.path("interval").asString()).isEqualTo("month");
        OffsetDateTime trialEnd = OffsetDateTime.parse(trial.text("trial_end"));
        assertThat(Duration.between(OffsetDateTime.parse(trial.text("created_at")), trialEnd))
                .isBetween(Duration.ofDays(14).minusMinutes(1), Duration.ofDays(14).plusMinutes(1));
        JsonNode eligibility = api.get(OWNER, account + "/trial-eligibility").json();
        assertThat(eligibility.path("trial_eligible").asBoolean()).isFalse();
        assertThat(eligibility.path("can_create_subscription").asBoolean()).isFalse();
        assertThat(eligibility.path("requirements").path("add_payment_method").asString()).isNotBlank();

        Reply refused = subscribe(account, "{\"product_quantities\": {\"users\": 1}}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("payment_method_required");
    }

    @Test
    void withoutATrialTheFirstInvoiceIsChargedAndADeclinedCardLeavesNothing() {
        String account = accountWithoutTrial();
        addCard(account, "pm_card_chargeCustomerFail");
        STRIPE.requests().clear();

        Reply declined = subscribe(account, "{\"product_quantities\": {\"users\": 2}}");

        assertThat(declined.status()).as(declined.raw().body()).isEqualTo(402);
        assertThat(declined.text("type")).isEqualTo("payment_error");
        assertThat(declined.text("code")).isEqualTo("card_declined");
        assertThat(stripeSubscriptions(customerOf(account), "all")).isEmpty();
        assertThat(api.get(OWNER, account + "/subscriptions").json().path("data").size()).isZero();

        String visa = addCard(account, "pm_card_visa");
        assertThat(api.send(OWNER, "PUT", account + "/payment-methods/" + visa, null, Map.of()).status())
                .isEqualTo(200);
        Reply paid = subscribe(account, "{\"product_quantities\": {\"users\": 2, \"sso\": 1}}");
        assertThat(paid.status()).as(paid.raw().body()).isEqualTo(201);
        assertThat(paid.text("status")).isEqualTo("active");
        JsonNode invoices = stripeGet("/v1/invoices?customer=" + customerOf(account)).path("data");
        assertThat(invoices.size()).isEqualTo(1);
        assertThat(invoices.get(0).path("status").asString()).isEqualTo("paid");
        assertThat(invoices.get(0).path("amount_paid").asLong()).isEqualTo(2 * 500 + 5000);
    }

    @Test
    void everyFormOfUpdateChangesStripeAndTheMirrorAlike() {
        String account = newAccount("single");
        String path = account + "/subscriptions/" + subscribe(account,
                "{\"product_quantities\": {\"locations\": 5}, \"metadata\": {\"team\": \"ops\", \"tier\": \"gold\"}}")
                .text("id");

        Reply replaced = api.patch(OWNER, path, "{\"product_quantities\": {\"users\": 3}, \"metadata\": {\"tier\": null}}");
        assertThat(replaced.status()).as(replaced.raw().body()).isEqualTo(200);
        assertThat(replaced.json().path("product_quantities").propertyNames())
                .as("users are added now, locations go at the period's end").containsExactly("locations", "users");
        assertThat(replaced.json().path("pending_product_quantities").propertyNames()).containsExactly("users");
        assertThat(replaced.text("pending_effective_at")).isEqualTo(replaced.text("current_period_end"));
        assertThat(replaced.json().path("metadata").path("tier").isMissingNode()).isTrue();
        assertThat(replaced.json().path("metadata").path("team").asString()).isEqualTo("ops");

        Reply added = api.patch(OWNER, path, "{\"add_products\": {\"sso\": 1, \"users\": 4}}");
        assertThat(added.json().path("product_quantities").path("users").path("quantity").asInt()).isEqualTo(4);
        assertThat(added.json().path("product_quantities").path("sso").path("quantity").asInt()).isEqualTo(1);
        assertThat(added.json().path("pending_product_quantities").isNull())
                .as("the later change replaces the pending one").isTrue();

        Reply removed = api.patch(OWNER, path, "{\"remove_products\": [\"sso\", \"locations\"]}");
        assertThat(removed.json().path("product_quantities").propertyNames())
                .containsExactly("locations", "users", "sso");
        assertThat(removed.json().path("pending_product_quantities").propertyNames()).containsExactly("users");

        Reply empty = api.patch(OWNER, path, "{\"remove_products\": [\"users\", \"locations\", \"sso\"]}");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.errorFields()).containsExactly("remove_products");

        Reply two = api.patch(OWNER, path, "{\"action\": \"pause\", \"add_products\": {\"sso\": 1}}");
        assertThat(two.status()).isEqualTo(422);
        assertThat(two.errorFields()).containsExactlyInAnyOrder("action", "add_products");

        Reply paused = api.patch(OWNER, path, "{\"action\": \"pause\"}");
        assertThat(paused.text("status")).isEqualTo("paused");
        assertThat(paused.json().path("pending_product_quantities").propertyNames()).containsExactly("users");
        Reply resumed = api.patch(OWNER, path, "{\"action\": \"resume\"}");
        assertThat(resumed.text("status")).isEqualTo("trialing");
        assertThat(resumed.json().path("pending_product_quantities").isNull()).as("resume drops it").isTrue();

        JsonNode held = stripeGet("/v1/subscriptions/" + removed.text("id"));
        assertThat(held.path("items").path("data").size()).isEqualTo(3);
        assertThat(held.path("schedule").isNull()).isTrue();
        assertThat(held.path("metadata").path("team").asString()).isEqualTo("ops");
        assertThat(held.path("metadata").path("tier").isMissingNode()).isTrue();
    }

    @Test
    void cancelEndsAtThePeriodsEndAndAnEndedSubscriptionNoLongerChanges() {
        String account = newAccount("single");
        Reply created = subscribe(account, "{\"product_quantities\": {\"users\": 2}}");
        String path = account + "/subscriptions/" + created.text("id");

        Reply canceled = api.send(OWNER, "DELETE", path, null, Map.of());
        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.json().path("cancel_at_period_end").asBoolean()).isTrue();
        assertThat(canceled.text("status")).isEqualTo("trialing");

        stripeDelete("/v1/subscriptions/" + created.text("id"));
        Reply synced = api.patch(OWNER, path, "{\"action\": \"sync\"}");
        assertThat(synced.text("status")).isEqualTo("canceled");
        Reply refused = api.patch(OWNER, path, "{\"add_products\": {\"sso\": 1}}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("subscription_canceled");
    }

    @Test
    void theFourthActiveSubscriptionIsRefusedAndReadsNeverAskStripe() {
        String account = newAccount("single");
        for (int i = 0; i < 3; i++) {
            assertThat(subscribe(account, "{\"product_quantities\": {\"users\": 1}}").status()).isEqualTo(201);
            if (i == 0) {
                addCard(account, "pm_card_visa");
            }
        }
        Reply fourth = subscribe(account, "{\"product_quantities\": {\"users\": 1}}");
        assertThat(fourth.status()).isEqualTo(409);
        assertThat(fourth.text("code")).isEqualTo("subscription_limit_reached");

        STRIPE.requests().clear();
        JsonNode list = api.get(OWNER, account + "/subscriptions").json();
        assertThat(list.path("data").size()).isEqualTo(3);
        api.get(OWNER, account + "/subscriptions/" + list.path("data").get(0).path("id").asString());
        api.get(OWNER, account + "/trial-eligibility");
        assertThat(STRIPE.requests().entries()).isEmpty();
    }

    @Test
    void badBodiesNameEveryOffendingField() {
        String account = newAccount("single");
        Reply bad = subscribe(account, "{\"product_quantities\": {\"seats\": 1, \"sso\": 2, \"users\": 0}, "
                + "\"metadata\": {\"a\": \"1\", \"b\": \"2\", \"c\": \"3\", \"d\": \"4\", \"e\": \"5\", \"f\": \"6\","
                + " \"g\": \"7\", \"h\": \"8\", \"i\": \"9\", \"j\": \"10\", \"k\": \"11\"}}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("product_quantities.seats",
                "product_quantities.sso", "product_quantities.users", "metadata");
        assertThat(stripeSubscriptions(customerOf(account), "all")).isEmpty();
    }

    private String newAccount(String mode) {
        String workspace = api.workspace(OWNER, mode);
        return "/workspaces/" + workspace + "/billing-accounts/" + api.account(OWNER, workspace);
    }

    /** An account whose workspace has used its trial: it has two accounts. */
    private String accountWithoutTrial() {
        String workspace = api.workspace(OWNER, "pooled");
        api.account(OWNER, workspace);
        return "/workspaces/" + workspace + "/billing-accounts/" + api.account(OWNER, workspace);
    }

    @Test
    void aCardConfirmedAMomentAgoIsThereForTheSubscribeThatFollows() {
        for (int round = 0; round < 20; round++) {
            String account = accountWithoutTrial();
            Reply setup = api.send(OWNER, "POST", account + "/payment-methods", null, Map.of());
            // What Stripe.js does in the browser; no webhook tells the service (this Stripe sends none).
            confirmCard(setup.text("client_secret"), "pm_card_visa");

            Reply subscribed = subscribe(account, "{\"product_quantities\": {\"users\": 1}}");

            assertThat(subscribed.status()).as("round %d: %s", round, subscribed.raw().body()).isEqualTo(201);
            assertThat(subscribed.text("status")).isEqualTo("active");
        }
    }

    @Test
    void metadataAsLargeAsStripeTakesIsKeptWhole() {
        String account = newAccount("single");
        StringBuilder metadata = new StringBuilder("{");
        for (int i = 0; i < SubscriptionRules.MAX_METADATA_PAIRS; i++) {
            // Quotes and control characters take more room as JSON than as text: the worst case for the mirror.
            String key = String.format("%040d", i);
            String value = "\\\"\\u0001".repeat(SubscriptionRules.MAX_METADATA_VALUE / 2);
            metadata.append(i == 0 ? "" : ", ").append('"').append(key).append("\": \"").append(value).append('"');
        }
        metadata.append('}');

        Reply created = subscribe(account, "{\"product_quantities\": {\"users\": 1}, \"metadata\": " + metadata + "}");

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        JsonNode kept = api.get(OWNER, account + "/subscriptions/" + created.text("id")).json().path("metadata");
        assertThat(kept.size()).isEqualTo(SubscriptionRules.MAX_METADATA_PAIRS);
        assertThat(kept.path(String.format("%040d", 9)).asString())
                .isEqualTo("\"\u0001".repeat(SubscriptionRules.MAX_METADATA_VALUE / 2));
    }

    @Test
    void theServicesOwnMetadataKeysAreRefusedNamingEach() {
        String account = newAccount("single");

        Reply refused = subscribe(account, """
                {"product_quantities": {"users": 1},
                 "metadata": {"workspace_id": "ws_other", "billing_create_intent": "x", "team": "ops"}}""");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("metadata.workspace_id",
                "metadata.billing_create_intent");
        assertThat(refused.raw().body()).contains("reserved_key");
        assertThat(stripeSubscriptions(customerOf(account), "all")).isEmpty();
    }

    private Reply subscribe(String account, String body) {
        return api.send(OWNER, "POST", account + "/subscriptions", body, Map.of());
    }

    /** Adds a confirmed card to the account; its payment method id. */
    private String addCard(String account, String testCard) {
        Reply setup = api.send(OWNER, "POST", account + "/payment-methods", null, Map.of());
        assertThat(setup.status()).as(setup.raw().body()).isEqualTo(201);
        String id = confirmCard(setup.text("client_secret"), testCard).path("payment_method").asString();
        assertThat(api.get(OWNER, account + "/payment-methods").json().path("data").toString()).contains(id);
        return id;
    }

    private static String customerOf(String account) {
        return account.substring(account.lastIndexOf('/') + 1);
    }

    private static java.util.List<JsonNode> stripeSubscriptions(String customer, String status) {
        java.util.List<JsonNode> found = new java.util.ArrayList<>();
        stripeGet("/v1/subscriptions?customer=" + customer + "&status=" + status).path("data").forEach(found::add);
        return found;
    }
}
