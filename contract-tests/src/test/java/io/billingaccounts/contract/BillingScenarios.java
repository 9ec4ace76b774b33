package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The billing surface of an account (payment methods, setup intents, trial eligibility, subscriptions), rule by
 * rule, against the packaged server with a Stripe emulator whose signed webhooks reach it. Every answer is held
 * to api/openapi.yaml on the way (RawApi). Subclasses choose the database.
 */
abstract class BillingScenarios extends AgainstBillingServer {

    // ---- read-your-writes across Stripe ----

    @Test
    void aCardConfirmedWithStripeIsThereForTheSubscribeThatFollowsAtOnce() {
        for (int round = 0; round < 20; round++) {
            Billing account = withoutTrial();
            Reply setup = api.post(account.owner(), account.paymentMethods(), null);
            // What a browser does with Stripe.js, then at once asks to subscribe: no list, webhook or not.
            stripe.confirmSetupIntent(Billing.setupIntentId(setup.text("client_secret")), "pm_card_visa");

            Reply subscribed = account.subscribe("{\"users\": 1}");

            assertThat(subscribed.status()).as("round %d: %s", round, subscribed).isEqualTo(201);
        }
    }

    // ---- trial eligibility ----

    @Test
    void aWorkspacesOnlyAccountIsTrialEligibleBeforeAnySubscription() {
        JsonNode eligibility = eligibility(open(), true, false, true);
        assertThat(eligibility.path("trial_info").path("trial_days").asInt()).isEqualTo(14);
        assertThat(eligibility.path("trial_info").path("message").asString()).isNotBlank();
    }

    @Test
    void afterASubscriptionNoTrialIsLeftAndACardIsAskedFor() {
        Billing account = open();
        account.subscribed("{\"users\": 1}");
        eligibility(account, false, false, false);
        account.addCard("pm_card_visa");
        eligibility(account, false, true, true);
    }

    @Test
    void aWorkspaceWithTwoAccountsHasNoTrial() {
        Billing first = open();
        Billing second = first.another();
        eligibility(first, false, false, false);
        eligibility(second, false, false, false);
        Reply refused = second.subscribe("{\"users\": 1}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("payment_method_required");
    }

    @Test
    void aCanceledSubscriptionStillUsedTheWorkspacesTrial() {
        Billing account = open();
        String subscription = account.subscribed("{\"users\": 1}");
        cancelInStripe(account, subscription);
        assertThat(eligibility(account).path("trial_eligible").asBoolean()).isFalse();
        assertThat(account.subscribe("{\"users\": 1}").text("code")).isEqualTo("payment_method_required");
    }

    // ---- payment methods ----

    @Test
    void aConfirmedSetupIntentsCardIsInTheVeryNextListAndTheFirstIsTheDefault() {
        Billing account = open();
        stripe.clearRequests();
        Reply setup = api.post(OWNER, account.paymentMethods(), null);
        assertThat(setup.status()).as(setup.toString()).isEqualTo(201);
        assertThat(setup.text("publishable_key")).startsWith("pk_");
        String setupIntent = Billing.setupIntentId(setup.text("client_secret"));
        assertThat(stripe.calls("POST", "/v1/setup_intents")).isEqualTo(1);

        // No webhook can tell the server of this card: the list must find it by itself.
        service.pauseWebhooks();
        String visa = stripe.confirmSetupIntent(setupIntent, "pm_card_visa").path("payment_method").asString();
        JsonNode list = account.paymentMethodList();
        service.resumeWebhooks();
        assertThat(list).hasSize(1);
        JsonNode card = list.get(0);
        assertThat(card.path("id").asString()).isEqualTo(visa).startsWith("pm_");
        assertThat(card.path("type").asString()).isEqualTo("card");
        assertThat(card.path("brand").asString()).isEqualTo("visa");
        assertThat(card.path("last4").asString()).isEqualTo("4242");
        assertThat(card.path("exp_month").asInt()).isBetween(1, 12);
        assertThat(card.path("exp_year").asInt()).isGreaterThanOrEqualTo(OffsetDateTime.now().getYear());
        assertThat(card.path("is_default").asBoolean()).isTrue();
        assertThat(defaultInStripe(account)).isEqualTo(visa);

        String mastercard = account.addCard("pm_card_mastercard");
        JsonNode two = account.paymentMethodList();
        assertThat(two).extracting(c -> c.path("id").asString()).containsExactlyInAnyOrder(visa, mastercard);
        JsonNode second = find(two, mastercard);
        assertThat(second.path("is_default").asBoolean()).isFalse();
        assertThat(second.path("last4").asString()).isEqualTo("4444");
        assertThat(second.path("brand").asString()).isEqualTo("mastercard");
        assertThat(defaultInStripe(account)).isEqualTo(visa);
    }

    @Test
    void putMakesAPaymentMethodTheDefaultHereAndInStripe() {
        Billing account = open();
        String visa = account.addCard("pm_card_visa");
        String mastercard = account.addCard("pm_card_mastercard");
        Reply set = api.call("PUT", account.paymentMethod(mastercard), OWNER, null);
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.text("message")).isEqualTo("Default payment method updated");
        JsonNode list = account.paymentMethodList();
        assertThat(find(list, mastercard).path("is_default").asBoolean()).isTrue();
        assertThat(find(list, visa).path("is_default").asBoolean()).isFalse();
        assertThat(defaultInStripe(account)).isEqualTo(mastercard);
        assertThat(eligibility(account).path("has_payment_method").asBoolean()).isTrue();
    }

    @Test
    void detachRemovesACardButNeverTheDefaultWhileASubscriptionIsActive() {
        Billing account = open();
        String visa = account.addCard("pm_card_visa");
        String mastercard = account.addCard("pm_card_mastercard");
        String subscription = account.subscribed("{\"users\": 2}");

        Reply refused = api.delete(OWNER, account.paymentMethod(visa));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("unprocessable_entity");
        assertThat(refused.text("code")).isEqualTo("cannot_detach_default_with_subscriptions");
        assertThat(refused.text("doc_url")).endsWith("/errors/cannot_detach_default_with_subscriptions");
        assertThat(stripe.paymentMethod(visa).path("customer").asString()).isEqualTo(account.id());

        Reply detached = api.delete(OWNER, account.paymentMethod(mastercard));
        assertThat(detached.status()).as(detached.toString()).isEqualTo(204);
        assertThat(detached.response().body()).isEmpty();
        assertThat(account.paymentMethodList()).extracting(c -> c.path("id").asString()).containsExactly(visa);
        assertThat(stripe.paymentMethod(mastercard).path("customer").isNull()).isTrue();
        assertThat(api.delete(OWNER, account.paymentMethod(mastercard)).status()).isEqualTo(404);

        cancelInStripe(account, subscription);
        // Another card, for the only card would stay in any case.
        String spare = account.addCard("pm_card_mastercard");
        assertThat(api.delete(OWNER, account.paymentMethod(visa)).status()).isEqualTo(204);
        assertThat(account.paymentMethodList()).extracting(c -> c.path("id").asString()).containsExactly(spare);
    }

    @Test
    void theOnlyPaymentMethodIsNeverDetachedAndStripeIsNotAsked() {
        Billing account = open();
        String visa = account.addCard("pm_card_visa");
        awaitWebhooksTaken();
        stripe.clearRequests();

        Reply refused = api.delete(OWNER, account.paymentMethod(visa));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("unprocessable_entity");
        assertThat(refused.text("code")).isEqualTo("cannot_detach_only_payment_method");
        assertThat(refused.text("doc_url")).endsWith("/errors/cannot_detach_only_payment_method");
        assertThat(stripe.totalCalls()).isZero();
        assertThat(stripe.paymentMethod(visa).path("customer").asString()).isEqualTo(account.id());
        assertThat(defaultInStripe(account)).isEqualTo(visa);
        assertThat(account.paymentMethodList()).extracting(c -> c.path("id").asString()).containsExactly(visa);
    }

    @Test
    void aSixthPaymentMethodIsRefusedWithoutAStripeCall() {
        Billing account = open();
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cards.add(account.addCard(i % 2 == 0 ? "pm_card_visa" : "pm_card_mastercard"));
        }
        assertThat(account.paymentMethodList()).hasSize(5);
        stripe.clearRequests();
        Reply refused = api.post(OWNER, account.paymentMethods(), null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("payment_method_limit_reached");
        assertThat(stripe.calls("POST", "/v1/setup_intents")).isZero();

        // A detached card frees its place.
        assertThat(api.delete(OWNER, account.paymentMethod(cards.get(4))).status()).isEqualTo(204);
        assertThat(api.post(OWNER, account.paymentMethods(), null).status()).isEqualTo(201);
    }

    @Test
    void aListThatMustAskStripeAboutAConfirmedCardAnswersRetryableErrorsWhileStripeFails() {
        Billing account = open();
        Reply setup = api.post(OWNER, account.paymentMethods(), null);
        service.pauseWebhooks();
        String visa = stripe.confirmSetupIntent(Billing.setupIntentId(setup.text("client_secret")), "pm_card_visa")
                .path("payment_method").asString();
        for (String[] fault : List.of(new String[] {"http_500", "502"}, new String[] {"http_429", "503"})) {
            stripe.fault("* /v1/**", fault[0], 10);
            Reply failed = api.get(OWNER, account.paymentMethods());
            stripe.clearFaults();
            // Without Stripe's answer the list cannot hold the card confirmed a moment ago: it must not pretend to.
            assertThat(failed.status()).as(fault[0] + " -> " + failed).isEqualTo(Integer.parseInt(fault[1]));
            assertThat(failed.header("Retry-After")).isNotBlank();
        }
        assertThat(account.paymentMethodList()).extracting(c -> c.path("id").asString()).containsExactly(visa);
    }

    @Test
    void aSetupWithTheKeyOfOneStillRunningIsRefused() throws Exception {
        Billing account = open();
        stripe.fault("POST /v1/setup_intents", "timeout", 1);
        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() ->
                api.post(OWNER, account.paymentMethods(), null, "Idempotency-Key", "seti-running"));
        await("the first setup to reach Stripe").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> stripe.working("POST", "/v1/setup_intents"));
        Reply second = api.post(OWNER, account.paymentMethods(), null, "Idempotency-Key", "seti-running");
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.text("code")).isEqualTo("idempotency_key_in_use");
        // Stripe's one hang may use up the first request's deadline (a retryable error) or be retried in it.
        Reply answered = first.get(40, TimeUnit.SECONDS);
        assertThat(answered.status()).as(answered.toString()).isIn(201, 502, 503);
        Reply retried = api.post(OWNER, account.paymentMethods(), null, "Idempotency-Key", "seti-running");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        if (answered.status() == 201) {
            assertThat(retried.json()).isEqualTo(answered.json());
        }
    }

    @Test
    void aPaymentMethodThatIsNotTheAccountsIsNotFound() {
        Billing account = open();
        Billing other = account.another();
        String othersCard = other.addCard("pm_card_visa");
        for (String unknown : List.of("pm_doesnotexist0000", othersCard)) {
            Reply put = api.call("PUT", account.paymentMethod(unknown), OWNER, null);
            assertThat(put.status()).as(put.toString()).isEqualTo(404);
            assertThat(put.text("type")).isEqualTo("not_found_error");
            assertThat(api.delete(OWNER, account.paymentMethod(unknown)).status()).isEqualTo(404);
        }
        assertThat(other.paymentMethodList()).extracting(c -> c.path("id").asString()).containsExactly(othersCard);
        assertThat(stripe.paymentMethod(othersCard).path("customer").asString()).isEqualTo(other.id());
    }

    // ---- subscriptions: create ----

    @Test
    void aTrialSubscriptionNeedsNoCardAndEndsFourteenDaysAfterItBegins() {
        Billing account = open();
        stripe.clearRequests();
        Reply created = account.subscribe("{\"locations\": 5, \"users\": 25}, \"metadata\": {\"team\": \"ops\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode subscription = created.json();
        assertThat(subscription.path("id").asString()).startsWith("sub_");
        assertThat(subscription.path("billing_account_id").asString()).isEqualTo(account.id());
        assertThat(subscription.path("status").asString()).isEqualTo("trialing");
        assertThat(subscription.path("currency").asString()).isEqualTo(api.get(OWNER, account.path()).text("currency"));
        assertThat(subscription.path("cancel_at_period_end").asBoolean()).isFalse();
        assertThat(subscription.path("metadata").path("team").asString()).isEqualTo("ops");
        assertThat(Billing.quantities(subscription)).isEqualTo(Map.of("locations", 5, "users", 25));
        subscription.path("product_quantities").forEach(product -> {
            assertThat(product.path("price_id").asString()).startsWith("price_");
            assertThat(product.path("interval").asString()).isEqualTo("month");
        });
        assertThat(subscription.path("created_at").asString()).matches(TIMESTAMP);
        OffsetDateTime createdAt = OffsetDateTime.parse(subscription.path("created_at").asString());
        OffsetDateTime trialEnd = OffsetDateTime.parse(subscription.path("trial_end").asString());
        assertThat(Duration.between(createdAt, trialEnd)).isBetween(Duration.ofDays(14).minusMinutes(1),
                Duration.ofDays(14).plusMinutes(1));

        JsonNode held = stripe.subscription(subscription.path("id").asString());
        assertThat(held.path("status").asString()).isEqualTo("trialing");
        assertThat(held.path("customer").asString()).isEqualTo(account.id());
        assertThat(Billing.priceQuantities(held)).isEqualTo(Billing.priceQuantities(subscription));
        assertThat(held.path("trial_end").asLong()).isEqualTo(trialEnd.toEpochSecond());
        assertThat(stripe.calls("POST", "/v1/subscriptions")).isEqualTo(1);

        assertThat(api.get(OWNER, account.subscription(subscription.path("id").asString())).json())
                .isEqualTo(subscription);
        assertThat(account.subscriptionList()).containsExactly(subscription);
    }

    @Test
    void withoutTrialOrCardASubscriptionNeedsAPaymentMethod() {
        Billing account = open();
        account.subscribed("{\"users\": 1}");
        stripe.clearRequests();
        Reply refused = account.subscribe("{\"users\": 3}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("unprocessable_entity");
        assertThat(refused.text("code")).isEqualTo("payment_method_required");
        assertThat(refused.text("doc_url")).endsWith("/errors/payment_method_required");
        assertThat(stripe.calls("POST", "/v1/subscriptions")).isZero();
        assertThat(account.subscriptionList()).hasSize(1);
    }

    @Test
    void withACardTheFirstInvoiceIsPaidAtOnceForEveryProductsQuantity() {
        Billing account = withoutTrial();
        account.addCard("pm_card_visa");
        Map<String, Integer> ordered = Map.of("locations", 2, "users", 3, "sso", 1);
        Reply created = account.subscribe("{\"locations\": 2, \"users\": 3, \"sso\": 1}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("active");
        assertThat(created.json().path("trial_end").isNull()).isTrue();
        assertThat(Billing.quantities(created.json())).isEqualTo(ordered);

        long expected = ordered.entrySet().stream()
                .mapToLong(e -> e.getValue() * Billing.UNIT_AMOUNTS.get(e.getKey())).sum();
        Map<String, JsonNode> invoices = stripe.invoicesOf(account.id());
        List<JsonNode> paid = invoices.values().stream().filter(i -> i.path("status").asString().equals("paid"))
                .toList();
        assertThat(paid).hasSize(1);
        assertThat(paid.get(0).path("amount_paid").asLong()).isEqualTo(expected);
        assertThat(paid.get(0).path("currency").asString()).isEqualTo("zar");
        JsonNode held = stripe.subscription(created.text("id"));
        assertThat(held.path("status").asString()).isEqualTo("active");
        assertThat(held.path("latest_invoice").asString()).isEqualTo(paid.get(0).path("id").asString());
    }

    @Test
    void aDeclinedCardAnswers402AndLeavesNoSubscriptionAnywhere() {
        Billing account = withoutTrial();
        account.addCard("pm_card_chargeCustomerFail");
        Map<String, JsonNode> before = stripe.subscriptionsOf(account.id());
        Reply declined = account.subscribe("{\"users\": 4}");
        assertThat(declined.status()).as(declined.toString()).isEqualTo(402);
        assertThat(declined.text("type")).isEqualTo("payment_error");
        assertThat(declined.text("code")).isEqualTo("card_declined");
        assertThat(declined.text("doc_url")).endsWith("/errors/card_declined");
        assertThat(stripe.subscriptionsOf(account.id()).keySet()).isEqualTo(before.keySet());
        assertThat(account.liveInStripe()).isEmpty();
        assertThat(account.subscriptionList()).isEmpty();
    }

    @Test
    void aFourthActiveSubscriptionIsRefused() {
        Billing account = withoutTrial();
        account.addCard("pm_card_visa");
        for (int i = 1; i <= 3; i++) {
            account.subscribed("{\"users\": " + i + "}");
        }
        stripe.clearRequests();
        Reply refused = account.subscribe("{\"users\": 4}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.text("type")).isEqualTo("conflict_error");
        assertThat(refused.text("code")).isEqualTo("subscription_limit_reached");
        assertThat(stripe.calls("POST", "/v1/subscriptions")).isZero();
        assertThat(account.subscriptionList()).hasSize(3);
        assertThat(account.liveInStripe()).hasSize(3);
    }

    @Test
    void aCreateIsCheckedFieldByFieldAndAnInvalidOneReachesNoStripe() {
        Billing account = open();
        stripe.clearRequests();
        assertThat(api.post(OWNER, account.subscriptions(), "{}").errorFields()).containsExactly("product_quantities");
        assertThat(account.subscribe("{}").errorFields()).containsExactly("product_quantities");
        assertThat(account.subscribe("{\"users\": 1, \"seats\": 3}").errorFields())
                .containsExactly("product_quantities.seats");
        assertThat(account.subscribe("{\"sso\": 2}").errorFields()).containsExactly("product_quantities.sso");
        assertThat(account.subscribe("{\"users\": 0}").errorFields()).containsExactly("product_quantities.users");
        Reply tooMuchMetadata = account.subscribe("{\"users\": 1}, \"metadata\": " + metadata(11));
        assertThat(tooMuchMetadata.status()).isEqualTo(422);
        assertThat(tooMuchMetadata.errorFields()).containsExactly("metadata");
        assertThat(account.subscribe("{\"users\": \"many\"}").status()).isEqualTo(400);
        assertThat(api.post(OWNER, account.subscriptions(), "{\"product_quantities\": ").status()).isEqualTo(400);
        assertThat(account.subscriptionList()).isEmpty();
        assertThat(stripe.totalCalls()).isZero();
        assertThat(account.subscribe("{\"users\": 1}, \"metadata\": " + metadata(10)).status()).isEqualTo(201);
    }

    @Test
    void anIdempotencyKeyReplaysACreateWithoutASecondStripeSubscription() {
        Billing account = open();
        stripe.clearRequests();
        Reply first = account.subscribe("{\"users\": 2}", "Idempotency-Key", "sub-key-1");
        Reply again = account.subscribe("{\"users\": 2}", "Idempotency-Key", "sub-key-1");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(stripe.calls("POST", "/v1/subscriptions")).isEqualTo(1);
        assertThat(account.liveInStripe()).containsExactly(first.text("id"));
        assertThat(account.subscriptionList()).hasSize(1);

        Reply setup = api.post(OWNER, account.paymentMethods(), null, "Idempotency-Key", "seti-key-1");
        Reply setupAgain = api.post(OWNER, account.paymentMethods(), null, "Idempotency-Key", "seti-key-1");
        assertThat(setupAgain.json()).isEqualTo(setup.json());
        assertThat(stripe.calls("POST", "/v1/setup_intents")).isEqualTo(1);
    }

    // ---- subscriptions: update ----

    @Test
    void productQuantitiesReplaceTheWholeSet() {
        Billing account = open();
        String id = account.subscribed("{\"locations\": 5, \"users\": 25}");
        Reply updated = api.patch(OWNER, account.subscription(id),
                "{\"product_quantities\": {\"users\": 10, \"sso\": 1}}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        // The added sso now; fewer users and no locations at the period's end, when the set sent takes over whole.
        assertThat(Billing.quantities(updated.json())).isEqualTo(Map.of("locations", 5, "users", 25, "sso", 1));
        assertThat(Billing.pendingQuantities(updated.json())).isEqualTo(Map.of("users", 10, "sso", 1));
        assertThat(Billing.priceQuantities(stripe.subscription(id))).isEqualTo(Billing.priceQuantities(updated.json()));
        assertThat(api.get(OWNER, account.subscription(id)).json()).isEqualTo(updated.json());
    }

    @Test
    void addProductsAddsOrOverwritesAndRemoveProductsRemovesTheNamedOnes() {
        Billing account = open();
        String id = account.subscribed("{\"locations\": 5, \"users\": 25}");
        Reply added = api.patch(OWNER, account.subscription(id), "{\"add_products\": {\"sso\": 1, \"users\": 30}}");
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(Billing.quantities(added.json())).isEqualTo(Map.of("locations", 5, "users", 30, "sso", 1));
        assertThat(Billing.pendingQuantities(added.json())).as("increases and additions wait for nothing").isEmpty();
        assertThat(Billing.priceQuantities(stripe.subscription(id))).isEqualTo(Billing.priceQuantities(added.json()));

        Reply removed = api.patch(OWNER, account.subscription(id), "{\"remove_products\": [\"sso\", \"locations\"]}");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        // Removals wait for the period's end.
        assertThat(Billing.quantities(removed.json())).isEqualTo(Map.of("locations", 5, "users", 30, "sso", 1));
        assertThat(Billing.pendingQuantities(removed.json())).isEqualTo(Map.of("users", 30));
        assertThat(Billing.priceQuantities(stripe.subscription(id))).isEqualTo(Billing.priceQuantities(removed.json()));
    }

    @Test
    void metadataMergesKeyByKeyAndNullRemovesAKey() {
        Billing account = open();
        String id = account.subscribed("{\"users\": 2}, \"metadata\": {\"a\": \"1\", \"b\": \"2\"}");
        Reply merged = api.patch(OWNER, account.subscription(id), "{\"metadata\": {\"b\": null, \"c\": \"3\"}}",
                "Content-Type", "application/merge-patch+json");
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.json().path("metadata").toString()).isEqualTo("{\"a\":\"1\",\"c\":\"3\"}");
        JsonNode held = stripe.subscription(id).path("metadata");
        assertThat(held.path("a").asString()).isEqualTo("1");
        assertThat(held.path("c").asString()).isEqualTo("3");
        assertThat(held.has("b")).isFalse();

        Reply both = api.patch(OWNER, account.subscription(id),
                "{\"product_quantities\": {\"locations\": 3}, \"metadata\": {\"a\": null}}");
        assertThat(both.status()).as(both.toString()).isEqualTo(200);
        // The added locations now, the removed users at the period's end.
        assertThat(Billing.quantities(both.json())).isEqualTo(Map.of("locations", 3, "users", 2));
        assertThat(Billing.pendingQuantities(both.json())).isEqualTo(Map.of("locations", 3));
        assertThat(both.json().path("metadata").toString()).isEqualTo("{\"c\":\"3\"}");
        assertThat(stripe.subscription(id).path("metadata").has("a")).isFalse();
        assertThat(Billing.priceQuantities(stripe.subscription(id))).isEqualTo(Billing.priceQuantities(both.json()));
    }

    @Test
    void anInvalidUpdateIsRefusedNamingItsFieldAndChangesNothing() {
        Billing account = open();
        String id = account.subscribed("{\"locations\": 5, \"users\": 25}, \"metadata\": {\"k\": \"v\"}");
        String path = account.subscription(id);
        // The invoice events of the create may make the server read the invoice from Stripe: let them pass first.
        awaitWebhooksTaken();
        JsonNode before = api.get(OWNER, path).json();
        stripe.clearRequests();
        for (String invalid : List.of(
                "{\"action\": \"pause\", \"add_products\": {\"sso\": 1}}",
                "{\"product_quantities\": {\"users\": 1}, \"remove_products\": [\"locations\"]}",
                "{\"remove_products\": [\"locations\", \"users\"]}",
                "{\"product_quantities\": {}}")) {
            Reply refused = api.patch(OWNER, path, invalid);
            assertThat(refused.status()).as(invalid + " -> " + refused).isEqualTo(422);
            assertThat(refused.text("type")).isEqualTo("unprocessable_entity");
        }
        assertThat(api.patch(OWNER, path, "{\"product_quantities\": {\"users\": 1, \"seats\": 1}}").errorFields())
                .containsExactly("product_quantities.seats");
        assertThat(api.patch(OWNER, path, "{\"add_products\": {\"sso\": 2}}").errorFields())
                .containsExactly("add_products.sso");
        assertThat(api.patch(OWNER, path, "{\"product_quantities\": {\"sso\": 2}}").errorFields())
                .containsExactly("product_quantities.sso");
        assertThat(api.patch(OWNER, path, "{\"metadata\": " + metadata(11) + "}").errorFields())
                .containsExactly("metadata");
        assertThat(api.patch(OWNER, path, "{\"action\": \"explode\"}").errorFields()).containsExactly("action");
        assertThat(api.patch(OWNER, path, "{\"add_products\": {\"users\": \"x\"}}").status()).isEqualTo(400);
        assertThat(api.patch(OWNER, path, "{\"action\": ").status()).isEqualTo(400);
        assertThat(api.get(OWNER, path).json()).isEqualTo(before);
        assertThat(stripe.totalCalls()).isZero();
    }

    @Test
    void pauseReadsPausedInStripeAndHereAndResumeMakesItActiveAgain() {
        Billing account = withoutTrial();
        account.addCard("pm_card_visa");
        String id = account.subscribed("{\"users\": 3}");
        Reply paused = api.patch(OWNER, account.subscription(id), "{\"action\": \"pause\"}");
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.text("status")).isEqualTo("paused");
        assertThat(stripe.subscription(id).path("pause_collection").path("behavior").asString()).isEqualTo("void");
        assertThat(api.get(OWNER, account.subscription(id)).text("status")).isEqualTo("paused");

        Reply resumed = api.patch(OWNER, account.subscription(id), "{\"action\": \"resume\"}");
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.text("status")).isEqualTo("active");
        assertThat(stripe.subscription(id).path("pause_collection").isNull()).isTrue();
        assertThat(account.divergences()).isEmpty();
    }

    @Test
    void syncTakesOverWhatChangedInStripeWithoutAWebhook() {
        Billing account = open();
        String id = account.subscribed("{\"users\": 3}");
        service.pauseWebhooks();
        stripe.updateSubscription(id, "metadata[origin]=dashboard");
        assertThat(api.get(OWNER, account.subscription(id)).json().path("metadata").has("origin")).isFalse();
        Reply synced = api.patch(OWNER, account.subscription(id), "{\"action\": \"sync\"}");
        service.resumeWebhooks();
        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        assertThat(synced.json().path("metadata").path("origin").asString()).isEqualTo("dashboard");
        assertThat(api.get(OWNER, account.subscription(id)).json()).isEqualTo(synced.json());
    }

    // ---- subscriptions: cancel ----

    @Test
    void cancelEndsTheSubscriptionAtThePeriodsEndAndThenItTakesNoChange() {
        Billing account = open();
        String id = account.subscribed("{\"users\": 3}");
        Reply canceled = api.delete(OWNER, account.subscription(id));
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.json().path("cancel_at_period_end").asBoolean()).isTrue();
        assertThat(canceled.text("id")).isEqualTo(id);
        assertThat(stripe.subscription(id).path("cancel_at_period_end").asBoolean()).isTrue();
        assertThat(api.get(OWNER, account.subscription(id)).json()).isEqualTo(canceled.json());

        awaitWebhooksTaken();
        stripe.clearRequests();
        Reply refused = api.patch(OWNER, account.subscription(id), "{\"add_products\": {\"sso\": 1}}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.text("type")).isEqualTo("conflict_error");
        assertThat(refused.text("code")).isEqualTo("subscription_canceled");
        Reply again = api.delete(OWNER, account.subscription(id));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("subscription_canceled");
        assertThat(stripe.totalCalls()).isZero();
        assertThat(Billing.quantities(api.get(OWNER, account.subscription(id)).json())).isEqualTo(Map.of("users", 3));
    }

    @Test
    void aSubscriptionCanceledInStripeReadsCanceledThroughTheWebhook() {
        Billing account = open();
        String id = account.subscribed("{\"users\": 3}");
        cancelInStripe(account, id);
        assertThat(account.subscriptionList()).extracting(s -> s.path("status").asString()).containsExactly("canceled");
        assertThat(api.patch(OWNER, account.subscription(id), "{\"action\": \"resume\"}").text("code"))
                .isEqualTo("subscription_canceled");
        assertThat(account.divergences()).isEmpty();
    }

    @Test
    void anAccountWithAnActiveSubscriptionCannotBeDeletedUntilItEnds() {
        Billing account = open();
        String id = account.subscribed("{\"users\": 1}");
        stripe.clearRequests();
        Reply refused = api.delete(OWNER, account.path());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("unprocessable_entity");
        assertThat(refused.text("code")).isEqualTo("active_subscriptions_exist");
        assertThat(refused.text("doc_url")).endsWith("/errors/active_subscriptions_exist");
        assertThat(stripe.totalCalls()).as("the mirror answers").isZero();
        assertThat(api.get(OWNER, account.path()).status()).isEqualTo(200);
        assertThat(account.liveInStripe()).containsExactly(id);

        cancelInStripe(account, id);
        assertThat(api.delete(OWNER, account.path()).status()).isEqualTo(204);
        assertThat(api.get(OWNER, account.path()).status()).isEqualTo(404);
    }

    // ---- reads, roles, tenants, bodies, Stripe failures ----

    @Test
    void readsCostNoStripeCall() {
        Billing account = open();
        String card = account.addCard("pm_card_visa");
        String id = account.subscribed("{\"users\": 3, \"sso\": 1}");
        List<String> reads = List.of(account.subscriptions(), account.subscription(id), account.paymentMethods(),
                account.trialEligibility());
        reads.forEach(path -> assertThat(api.get(OWNER, path).status()).as(path).isEqualTo(200));
        awaitWebhooksTaken();
        stripe.clearRequests();
        for (String path : reads) {
            assertThat(api.get(OWNER, path).status()).as(path).isEqualTo(200);
        }
        assertThat(account.paymentMethodList()).extracting(c -> c.path("id").asString()).containsExactly(card);
        assertThat(stripe.totalCalls()).isZero();
    }

    @Test
    void viewersReadButEveryWriteIsForbiddenToThem() {
        Billing account = open();
        String card = account.addCard("pm_card_visa");
        String id = account.subscribed("{\"users\": 3}");
        assertThat(api.post(OWNER, "/workspaces/" + account.workspace() + "/members",
                "{\"user_id\": \"usr_bill_viewer\", \"role\": \"viewer\"}").status()).isEqualTo(201);
        String viewer = "usr_bill_viewer";
        awaitWebhooksTaken();
        stripe.clearRequests();
        for (String[] op : writes(account, card, id)) {
            Reply forbidden = api.call(op[0], op[1], viewer, op[2]);
            assertThat(forbidden.status()).as(op[0] + " " + op[1] + " -> " + forbidden).isEqualTo(403);
            assertThat(forbidden.text("type")).isEqualTo("permission_error");
        }
        for (String path : List.of(account.subscriptions(), account.subscription(id), account.paymentMethods(),
                account.trialEligibility())) {
            assertThat(api.get(viewer, path).status()).as(path).isEqualTo(200);
        }
        assertThat(stripe.totalCalls()).isZero();
        assertThat(account.paymentMethodList()).hasSize(1);
        assertThat(api.get(OWNER, account.subscription(id)).json().path("cancel_at_period_end").asBoolean()).isFalse();
    }

    @Test
    void everyOperationNeedsATokenAndHidesOtherTenantsAccounts() {
        Billing account = open();
        String card = account.addCard("pm_card_visa");
        String id = account.subscribed("{\"users\": 3}");
        List<String[]> operations = new ArrayList<>(writes(account, card, id));
        for (String path : List.of(account.subscriptions(), account.subscription(id), account.paymentMethods(),
                account.trialEligibility())) {
            operations.add(new String[] {"GET", path, null});
        }
        // Another tenant, owner of a workspace and an account of its own, names this account (and its card and
        // subscription) under our workspace, under its workspace, and below its own account.
        Billing outsiders = Billing.open(api, stripe, "usr_bill_outsider", "pooled");
        List<String> paths = List.of(ServiceScenarios.accounts(outsiders.workspace()) + "/" + account.id(),
                outsiders.path());
        List<String> leaks = new ArrayList<>();
        for (String[] op : operations) {
            assertThat(api.call(op[0], op[1], null, op[2]).status()).as(op[0] + " " + op[1]).isEqualTo(401);
            Reply hidden = api.call(op[0], op[1], "usr_bill_outsider", op[2]);
            if (hidden.status() != 404) {
                leaks.add(op[0] + " " + op[1] + " -> " + hidden.status());
            }
            for (String foreign : paths) {
                String path = op[1].replace(account.path(), foreign);
                // Below the outsider's own account, only a path naming our card or subscription is foreign.
                if (!foreign.equals(outsiders.path()) || path.contains(card) || path.contains(id)) {
                    int status = api.call(op[0], path, "usr_bill_outsider", op[2]).status();
                    if (status != 404) {
                        leaks.add(op[0] + " " + path + " -> " + status);
                    }
                }
            }
        }
        assertThat(leaks).as("another tenant's calls that were not 404").isEmpty();
        assertThat(account.paymentMethodList()).hasSize(1);
        assertThat(account.subscriptionList()).extracting(s -> s.path("cancel_at_period_end").asBoolean())
                .containsExactly(false);
        assertThat(api.get(OWNER, account.subscription("sub_doesnotexist0000")).status()).isEqualTo(404);
    }

    @Test
    void everyBodyIsCheckedForSizeTypeAndMediaType() {
        Billing account = open();
        String id = account.subscribed("{\"users\": 3}");
        String huge = "{\"metadata\": {\"k\": \"" + "x".repeat(70_000) + "\"}}";
        for (String[] op : List.of(new String[] {"POST", account.subscriptions()},
                new String[] {"PATCH", account.subscription(id)})) {
            assertThat(api.call(op[0], op[1], OWNER, huge).status()).as(op[1]).isEqualTo(413);
            assertThat(api.call(op[0], op[1], OWNER, "{}", "Content-Type", "text/plain").status()).as(op[1])
                    .isEqualTo(415);
            assertThat(api.call(op[0], op[1], OWNER, "[1, 2]").status()).as(op[1]).isEqualTo(400);
        }
        assertThat(account.subscriptionList()).hasSize(1);
    }

    @Test
    void stripeFailuresAnswerRetryableErrorsAndChangeNothing() {
        Billing account = withoutTrial();
        String visa = account.addCard("pm_card_visa");
        String mastercard = account.addCard("pm_card_mastercard");
        String id = account.subscribed("{\"users\": 3}");
        JsonNode subscriptions = account.subscriptionList();
        JsonNode cards = account.paymentMethodList();
        for (String[] op : writes(account, mastercard, id)) {
            for (String fault : List.of("http_500", "http_429")) {
                stripe.fault("* /v1/**", fault, 10);
                Reply failed = api.call(op[0], op[1], OWNER, op[2]);
                stripe.clearFaults();
                // A 429 applies nothing; a 500 answered to a write leaves its outcome unknown.
                String as = op[0] + " " + op[1] + " with " + fault + " -> " + failed;
                assertThat(failed.status()).as(as).isEqualTo(fault.equals("http_500") ? 502 : 503);
                if (fault.equals("http_429")) {
                    assertThat(failed.text("code")).as(as).isNotEqualTo("stripe_outcome_pending");
                }
                assertThat(failed.header("Retry-After")).isNotBlank();
            }
        }
        assertThat(account.subscriptionList()).isEqualTo(subscriptions);
        assertThat(account.paymentMethodList()).isEqualTo(cards);
        assertThat(defaultInStripe(account)).isEqualTo(visa);
        assertThat(account.divergences()).isEmpty();
    }

    // ---- helpers ----

    JsonNode eligibility(Billing account) {
        Reply answer = api.get(OWNER, account.trialEligibility());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    /** The account's trial eligibility: as given, and asking for a card exactly when it cannot subscribe. */
    JsonNode eligibility(Billing account, boolean trial, boolean paymentMethod, boolean canSubscribe) {
        JsonNode eligibility = eligibility(account);
        assertThat(eligibility.path("trial_eligible").asBoolean()).as("trial_eligible").isEqualTo(trial);
        assertThat(eligibility.path("has_payment_method").asBoolean()).as("has_payment_method")
                .isEqualTo(paymentMethod);
        assertThat(eligibility.path("can_create_subscription").asBoolean()).as("can_create_subscription")
                .isEqualTo(canSubscribe);
        JsonNode requirement = eligibility.path("requirements").path("add_payment_method");
        if (canSubscribe) {
            assertThat(requirement.isNull()).as("add_payment_method " + requirement).isTrue();
        } else {
            assertThat(requirement.asString()).as("add_payment_method").isNotBlank();
        }
        return eligibility;
    }

    String defaultInStripe(Billing account) {
        return stripe.customer(account.id()).path("invoice_settings").path("default_payment_method").asString();
    }

    static String metadata(int pairs) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < pairs; i++) {
            json.append(i == 0 ? "" : ", ").append("\"key").append(i).append("\": \"value\"");
        }
        return json.append('}').toString();
    }

    /** Every write of the billing surface, as method, path and body. */
    static List<String[]> writes(Billing account, String paymentMethodId, String subscriptionId) {
        return List.of(
                new String[] {"POST", account.paymentMethods(), null},
                new String[] {"PUT", account.paymentMethod(paymentMethodId), null},
                new String[] {"DELETE", account.paymentMethod(paymentMethodId), null},
                new String[] {"POST", account.subscriptions(), "{\"product_quantities\": {\"users\": 1}}"},
                new String[] {"PATCH", account.subscription(subscriptionId), "{\"add_products\": {\"sso\": 1}}"},
                new String[] {"DELETE", account.subscription(subscriptionId), null});
    }
}
