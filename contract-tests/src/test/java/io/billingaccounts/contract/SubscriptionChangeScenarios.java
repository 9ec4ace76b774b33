package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Subscription changes over time and their invoice preview: an increase takes effect at once and is prorated on
 * the next invoice, a decrease or removal waits for the period's end in a Stripe subscription schedule (shown in
 * {@code pending_product_quantities}) until the emulator's clock passes it, a later change replaces what waits and
 * {@code resume} or a cancel drops it; a preview shows, changing nothing, the invoice Stripe then makes. Every
 * answer is held to api/openapi.yaml on the way (RawApi). The tests of one class share an emulator and its clock:
 * each looks only at its own accounts. Subclasses choose the database.
 */
abstract class SubscriptionChangeScenarios extends AgainstBillingServer {

    private static final String UNUSED = "Unused time on ";
    private static final String REMAINING = "Remaining time on ";

    // ---- previews ----

    @Test
    void aNewSubscriptionsPreviewBillsAWholePeriodOfEachItemAsItsFirstInvoiceThenDoes() {
        Billing account = withCard();
        awaitWebhooksTaken();
        stripe.clearRequests();

        JsonNode preview = previewed(account, "{\"items\": " + items("locations", 2, "users", 3, "sso", 1) + "}");

        assertThat(periodQuantities(preview)).isEqualTo(Map.of("locations", 2, "users", 3, "sso", 1));
        assertThat(prorations(preview)).isEmpty();
        assertThat(preview.path("total").asLong()).isEqualTo(2 * 1000 + 3 * 500 + 5000);
        assertThat(stripe.writesReceived()).as("what the preview wrote to Stripe").isEmpty();
        assertThat(account.subscriptionList()).isEmpty();
        assertThat(stripe.subscriptionsOf(account.id())).isEmpty();
        assertThat(stripe.invoicesOf(account.id())).isEmpty();

        JsonNode created = subscribed(account, "{\"locations\": 2, \"users\": 3, \"sso\": 1}");
        InvoiceScenarios.assertBilledFor(preview, created);
        JsonNode first = InvoiceScenarios.awaitInvoiceCount(account, 1).get(0);
        assertThat(first.path("total").asLong()).as("the first invoice's total")
                .isEqualTo(preview.path("total").asLong());
    }

    @Test
    void anIncreasesPreviewShowsItsProrationsAndTotalsTheRenewalStripeThenMakes() {
        Billing account = withCard();
        JsonNode created = subscribed(account, "{\"users\": 2, \"locations\": 1}");
        String id = created.path("id").asString();
        long periodEnd = InvoiceScenarios.epoch(created.path("current_period_end"));
        Set<String> before = ids(InvoiceScenarios.awaitInvoiceCount(account, 1));
        awaitWebhooksTaken();
        stripe.clearRequests();

        long previewedAt = stripe.clockNow();
        JsonNode preview = previewed(account, "{\"subscription_id\": \"" + id + "\", \"items\": "
                + items("users", 5, "locations", 1) + "}");
        // With locations removed too, only the increase is prorated: the removal waits for the period's end.
        JsonNode mixed = previewed(account, "{\"subscription_id\": \"" + id + "\", \"items\": "
                + items("users", 5, "locations", 0) + "}");
        assertThat(stripe.writesReceived()).as("what the previews wrote to Stripe").isEmpty();
        Reply raised = api.patch(OWNER, account.subscription(id), "{\"add_products\": {\"users\": 5}}");
        long raisedAt = stripe.clockNow();

        List<JsonNode> prorations = prorations(preview);
        assertThat(prorations).extracting(l -> l.path("description").asString())
                .satisfiesExactly(d -> assertThat(d).startsWith(UNUSED + "2 × "),
                        d -> assertThat(d).startsWith(REMAINING + "5 × "));
        String usersPrice = created.path("product_quantities").path("users").path("price_id").asString();
        assertThat(prorations).allSatisfy(l -> assertThat(l.path("price_id").asString()).isEqualTo(usersPrice));
        long credit = prorations.get(0).path("amount").asLong();
        long charge = prorations.get(1).path("amount").asLong();
        assertThat(credit).as("the unused time of 2 users, credited").isNegative().isGreaterThanOrEqualTo(-2 * 500);
        assertThat(charge).as("the remaining time of 5 users").isPositive().isLessThanOrEqualTo(5 * 500);
        assertThat((double) charge).as("5 users' remaining time against 2 users' unused time")
                .isCloseTo(-credit * 5 / 2.0, within(1.0));
        assertThat(periodQuantities(preview)).as("the next period's lines")
                .isEqualTo(Map.of("users", 5, "locations", 1));
        assertThat(preview.path("total").asLong()).isEqualTo(credit + charge + 5 * 500 + 1000);
        assertThat(prorations(mixed)).hasSize(2)
                .allSatisfy(l -> assertThat(l.path("price_id").asString()).isEqualTo(usersPrice));
        assertThat(periodQuantities(mixed)).isEqualTo(Map.of("users", 5));

        assertThat(raised.status()).as(raised.toString()).isEqualTo(200);
        assertThat(Billing.quantities(raised.json())).as("an increase takes effect at once")
                .isEqualTo(Map.of("users", 5, "locations", 1));
        assertPending(raised.json(), null, null);
        assertThat(Billing.priceQuantities(stripe.subscription(id))).isEqualTo(Billing.priceQuantities(raised.json()));

        stripe.advanceClockPast(periodEnd);

        JsonNode renewal = InvoiceScenarios.awaitNewInvoice(account, before, i -> true);
        assertThat(prorations(renewal)).extracting(l -> l.path("amount").asLong() < 0).containsExactly(true, false);
        assertThat(periodQuantities(renewal)).isEqualTo(Map.of("users", 5, "locations", 1));
        // The preview prorates from its own second, the update from its own: the same second gives the same cents.
        long slack = previewedAt == raisedAt ? 0 : prorations.size();
        assertThat(renewal.path("total").asLong()).as("the renewal's total against the preview's")
                .isCloseTo(preview.path("total").asLong(), within(slack));
        assertThat(renewal.path("status").asString()).isEqualTo("paid");
        assertThat(account.divergences()).isEmpty();
    }

    @Test
    void aDecreaseWaitsForThePeriodsEndAndItsPreviewCreditingNothingIsTheRenewal() {
        Billing account = withCard();
        JsonNode created = subscribed(account, "{\"users\": 4, \"locations\": 2}");
        String id = created.path("id").asString();
        long periodEnd = InvoiceScenarios.epoch(created.path("current_period_end"));
        Set<String> before = ids(InvoiceScenarios.awaitInvoiceCount(account, 1));
        awaitWebhooksTaken();
        stripe.clearRequests();

        // An increase previewed and never made leaves nothing behind in Stripe to be billed later.
        previewed(account, "{\"subscription_id\": \"" + id + "\", \"items\": " + items("users", 9, "locations", 2)
                + "}");
        JsonNode preview = previewed(account, "{\"subscription_id\": \"" + id + "\", \"items\": "
                + items("users", 1, "locations", 0) + "}");
        assertThat(stripe.writesReceived()).as("what the previews wrote to Stripe").isEmpty();
        assertThat(preview.path("lines")).as("a decrease credits nothing now")
                .noneMatch(l -> l.path("amount").asLong() < 0);
        assertThat(prorations(preview)).isEmpty();
        assertThat(periodQuantities(preview)).isEqualTo(Map.of("users", 1));
        assertThat(preview.path("total").asLong()).isEqualTo(500);

        Reply lowered = api.patch(OWNER, account.subscription(id), "{\"product_quantities\": {\"users\": 1}}");
        assertThat(lowered.status()).as(lowered.toString()).isEqualTo(200);
        assertThat(Billing.quantities(lowered.json())).as("today's quantities, until the period's end")
                .isEqualTo(Map.of("users", 4, "locations", 2));
        assertPending(lowered.json(), Map.of("users", 1), created.path("current_period_end").asString());
        assertThat(lowered.json().path("pending_product_quantities").path("users").path("price_id").asString())
                .isEqualTo(created.path("product_quantities").path("users").path("price_id").asString());
        JsonNode held = stripe.subscription(id);
        assertThat(Billing.priceQuantities(held)).as("the items in Stripe, until the period's end")
                .isEqualTo(Billing.priceQuantities(created));
        JsonNode schedule = stripe.subscriptionSchedule(held.path("schedule").asString());
        assertThat(schedule.path("status").asString()).isEqualTo("active");
        assertThat(schedule.path("end_behavior").asString()).isEqualTo("release");
        assertThat(schedule.path("phases")).hasSize(2);
        assertThat(schedule.path("phases").get(0).path("end_date").asLong()).isEqualTo(periodEnd);
        assertThat(phaseQuantities(schedule.path("phases").get(1))).isEqualTo(pricesOf(
                lowered.json().path("pending_product_quantities")));
        awaitWebhooksTaken();
        JsonNode waiting = subscription(account, id);
        assertThat(Billing.quantities(waiting)).as("after the change's webhooks").isEqualTo(Map.of("users", 4,
                "locations", 2));
        assertPending(waiting, Map.of("users", 1), created.path("current_period_end").asString());

        stripe.advanceClockPast(periodEnd);

        awaitWebhookEffect(() -> Billing.quantities(subscription(account, id)).equals(Map.of("users", 1)));
        JsonNode renewed = subscription(account, id);
        assertPending(renewed, null, null);
        assertThat(InvoiceScenarios.epoch(renewed.path("current_period_start"))).isEqualTo(periodEnd);
        JsonNode renewal = InvoiceScenarios.awaitNewInvoice(account, before, i -> true);
        InvoiceScenarios.assertBilledFor(renewal, renewed);
        assertThat(renewal.path("total").asLong()).as("the renewal's total against the preview's")
                .isEqualTo(preview.path("total").asLong());
        assertThat(Billing.priceQuantities(stripe.subscription(id))).isEqualTo(Billing.priceQuantities(renewed));
        assertThat(account.divergences()).isEmpty();
    }

    @Test
    void aCancellationsPreviewIsAnEmptyInvoiceAndCancelsNothing() {
        Billing account = withCard();
        String id = subscribed(account, "{\"users\": 3}").path("id").asString();
        InvoiceScenarios.awaitInvoiceCount(account, 1);
        awaitWebhooksTaken();
        stripe.clearRequests();

        JsonNode preview = previewed(account, "{\"subscription_id\": \"" + id + "\", \"cancel_subscription\": true}");

        assertThat(preview.path("lines")).isEmpty();
        for (String amount : List.of("total", "subtotal", "amount_due", "amount_paid", "tax", "discount_amount")) {
            assertThat(preview.path(amount).asLong()).as(amount).isZero();
        }
        assertThat(stripe.writesReceived()).as("what the preview wrote to Stripe").isEmpty();
        assertThat(stripe.subscription(id).path("cancel_at_period_end").asBoolean()).isFalse();
        assertThat(subscription(account, id).path("cancel_at_period_end").asBoolean()).isFalse();
        // The subscription still renews: its next invoice is the whole period's.
        JsonNode renewal = previewed(account, "{\"subscription_id\": \"" + id + "\", \"items\": "
                + items("users", 3) + "}");
        assertThat(renewal.path("total").asLong()).isEqualTo(3 * 500);
    }

    @Test
    void previewsAreRefusedWithoutATokenForOtherAccountsSubscriptionsEndedOnesAndBadBodies() {
        Billing account = open();
        String id = account.subscribed("{\"users\": 3}");
        Billing sibling = account.another();
        sibling.addCard("pm_card_visa");
        String siblings = sibling.subscribed("{\"users\": 1}");
        cancelInStripe(sibling, siblings);
        Billing outsiders = Billing.open(api, stripe, "usr_bill_outsider", "pooled");
        awaitWebhooksTaken();
        stripe.clearRequests();
        String change = "{\"subscription_id\": \"" + id + "\", \"items\": " + items("users", 4) + "}";

        Reply anonymous = api.call("POST", preview(account), null, change);
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
        for (String[] hidden : List.of(
                new String[] {OWNER, preview(account), "{\"subscription_id\": \"" + siblings + "\", \"items\": "
                        + items("users", 2) + "}"},
                new String[] {OWNER, preview(account), "{\"subscription_id\": \"sub_doesnotexist0000\", "
                        + "\"cancel_subscription\": true}"},
                new String[] {OWNER, ServiceScenarios.accounts(account.workspace()) + "/cus_doesnotexist0000"
                        + "/invoices/preview", "{\"items\": " + items("users", 1) + "}"},
                new String[] {"usr_bill_outsider", preview(account), change},
                new String[] {"usr_bill_outsider", ServiceScenarios.accounts(outsiders.workspace()) + "/"
                        + account.id() + "/invoices/preview", change})) {
            Reply notFound = api.post(hidden[0], hidden[1], hidden[2]);
            assertThat(notFound.status()).as(hidden[1] + " " + hidden[2] + " -> " + notFound).isEqualTo(404);
            assertThat(notFound.text("type")).isEqualTo("not_found_error");
        }
        for (String ended : List.of("{\"subscription_id\": \"" + siblings + "\", \"cancel_subscription\": true}",
                "{\"subscription_id\": \"" + siblings + "\", \"items\": " + items("users", 2) + "}")) {
            Reply conflict = api.post(OWNER, preview(sibling), ended);
            assertThat(conflict.status()).as(ended + " -> " + conflict).isEqualTo(409);
            assertThat(conflict.text("type")).isEqualTo("conflict_error");
            assertThat(conflict.text("code")).isEqualTo("subscription_canceled");
        }
        Map<String, List<String>> invalid = new java.util.LinkedHashMap<>();
        invalid.put("{\"cancel_subscription\": true}", List.of("cancel_subscription"));
        invalid.put("{\"subscription_id\": \"" + id + "\", \"cancel_subscription\": true, \"items\": "
                + items("users", 1) + "}", List.of("items"));
        invalid.put("{\"subscription_id\": \"" + id + "\"}", List.of("items"));
        invalid.put("{}", List.of("items"));
        invalid.put("{\"items\": []}", List.of("items"));
        invalid.put("{\"items\": " + items("users", 0, "sso", 0) + "}", List.of("items"));
        invalid.put("{\"items\": " + items("users", 1, "users", 2) + "}", List.of("items[1].product_type"));
        invalid.put("{\"items\": " + items("sso", 2) + "}", List.of("items[0].quantity"));
        for (Map.Entry<String, List<String>> body : invalid.entrySet()) {
            Reply refused = api.post(OWNER, preview(account), body.getKey());
            assertThat(refused.status()).as(body.getKey() + " -> " + refused).isEqualTo(422);
            assertThat(refused.text("type")).isEqualTo("unprocessable_entity");
            assertThat(refused.text("code")).isEqualTo("validation_failed");
            assertThat(refused.errorFields()).as(body.getKey()).containsExactlyElementsOf(body.getValue());
        }
        invalid.clear();
        invalid.put("{\"subscription_id\": \"bad id\", \"items\": " + items("users", 1) + "}",
                List.of("subscription_id"));
        invalid.put("{\"items\": " + items("users", 1, "locations", 1, "sso", 1, "users", 2) + "}", List.of("items"));
        invalid.put("{\"items\": " + items("users", 1) + ", \"coupon\": \"FREE\"}", List.of("coupon"));
        for (Map.Entry<String, List<String>> body : invalid.entrySet()) {
            Reply refused = api.post(OWNER, preview(account), body.getKey());
            assertThat(refused.status()).as(body.getKey() + " -> " + refused).isEqualTo(422);
            assertThat(refused.errorFields()).as(body.getKey()).containsExactlyElementsOf(body.getValue());
        }
        // Refused too, as a 400 or a 422: which, and the field named, is not pinned here.
        for (String unchecked : List.of("{\"items\": " + items("users", -1) + "}",
                "{\"items\": [{\"product_type\": \"seats\", \"quantity\": 1}]}",
                "{\"items\": [{\"product_type\": \"users\", \"quantity\": 1, \"interval\": \"year\"}]}",
                "{\"cancel_subscription\": \"yes\", \"subscription_id\": \"" + id + "\"}")) {
            Reply refused = api.post(OWNER, preview(account), unchecked);
            assertThat(refused.status()).as(unchecked + " -> " + refused).isIn(400, 422);
        }
        for (String malformed : List.of("{\"items\": ", "[1, 2]", "{\"items\": [{\"product_type\": \"users\", "
                + "\"quantity\": \"x\"}]}")) {
            Reply refused = api.post(OWNER, preview(account), malformed);
            assertThat(refused.status()).as(malformed + " -> " + refused).isEqualTo(400);
        }
        String huge = "{\"subscription_id\": \"" + id + "\", \"items\": " + items("users", 1) + ", \"x\": \""
                + "x".repeat(70_000) + "\"}";
        assertThat(api.post(OWNER, preview(account), huge).status()).isEqualTo(413);
        assertThat(api.post(OWNER, preview(account), change, "Content-Type", "text/plain").status()).isEqualTo(415);
        assertThat(stripe.totalCalls()).as("Stripe calls for refused previews").isZero();

        // Any member may preview; nothing changed on the way.
        Reply member = api.post(OWNER, "/workspaces/" + account.workspace() + "/members",
                "{\"user_id\": \"usr_bill_viewer\", \"role\": \"viewer\"}");
        assertThat(member.status()).as(member.toString()).isEqualTo(201);
        Reply viewed = api.post("usr_bill_viewer", preview(account), change);
        assertThat(viewed.status()).as(viewed.toString()).isEqualTo(200);
        assertThat(Billing.quantities(subscription(account, id))).isEqualTo(Map.of("users", 3));
        assertThat(stripe.writesReceived()).isEmpty();
    }

    @Test
    void stripeFailuresOfAPreviewAnswerRetryableErrors() {
        Billing account = open();
        String id = account.subscribed("{\"users\": 3}");
        String change = "{\"subscription_id\": \"" + id + "\", \"items\": " + items("users", 4) + "}";
        for (String fault : List.of("http_500", "http_429")) {
            stripe.fault("POST /v1/invoices/create_preview", fault, 10);
            Reply failed = api.post(OWNER, preview(account), change);
            stripe.clearFaults();
            String as = fault + " -> " + failed;
            assertThat(failed.status()).as(as).isEqualTo(fault.equals("http_500") ? 502 : 503);
            assertThat(failed.header("Retry-After")).as(as).isNotBlank();
            assertThat(failed.text("code")).as("a preview changes nothing: " + as)
                    .isNotEqualTo("stripe_outcome_pending");
        }
        assertThat(preview(account, change).status()).isEqualTo(200);
        assertThat(Billing.quantities(subscription(account, id))).isEqualTo(Map.of("users", 3));
    }

    // ---- decreases waiting for the period's end ----

    @Test
    void aLaterChangeReplacesWhatIsPendingAndReleasesTheScheduleWhenNothingDecreasesAnyMore() {
        Billing account = open();
        JsonNode created = subscribed(account, "{\"locations\": 3, \"users\": 5}");
        String id = created.path("id").asString();
        String periodEnd = created.path("current_period_end").asString();

        Reply removed = api.patch(OWNER, account.subscription(id), "{\"remove_products\": [\"locations\"]}");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(Billing.quantities(removed.json())).isEqualTo(Map.of("locations", 3, "users", 5));
        assertPending(removed.json(), Map.of("users", 5), periodEnd);
        // The trial goes on: a schedule holding a decrease ends it no sooner.
        assertThat(removed.text("status")).isEqualTo("trialing");
        assertThat(stripe.subscription(id).path("status").asString()).isEqualTo("trialing");
        String schedule = stripe.subscription(id).path("schedule").asString();

        Reply replaced = api.patch(OWNER, account.subscription(id),
                "{\"product_quantities\": {\"locations\": 3, \"users\": 2}}");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(Billing.quantities(replaced.json())).isEqualTo(Map.of("locations", 3, "users", 5));
        assertPending(replaced.json(), Map.of("locations", 3, "users", 2), periodEnd);
        assertThat(lastPhase(id)).isEqualTo(pricesOf(
                replaced.json().path("pending_product_quantities")));

        // An increase and a decrease in one request: the increase now, the decrease at the period's end.
        Reply mixed = api.patch(OWNER, account.subscription(id),
                "{\"product_quantities\": {\"locations\": 1, \"users\": 8}}");
        assertThat(mixed.status()).as(mixed.toString()).isEqualTo(200);
        assertThat(Billing.quantities(mixed.json())).isEqualTo(Map.of("locations", 3, "users", 8));
        assertPending(mixed.json(), Map.of("locations", 1, "users", 8), periodEnd);
        assertThat(Billing.priceQuantities(stripe.subscription(id))).isEqualTo(Billing.priceQuantities(mixed.json()));
        assertThat(lastPhase(id)).isEqualTo(pricesOf(mixed.json().path("pending_product_quantities")));

        Reply released = api.patch(OWNER, account.subscription(id), "{\"add_products\": {\"locations\": 3}}");
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(Billing.quantities(released.json())).isEqualTo(Map.of("locations", 3, "users", 8));
        assertPending(released.json(), null, null);
        JsonNode held = stripe.subscription(id);
        assertThat(held.path("schedule").isNull()).as("the subscription's schedule in Stripe: " + held.path("schedule"))
                .isTrue();
        assertThat(stripe.subscriptionSchedule(schedule).path("status").asString()).isEqualTo("released");
        assertThat(Billing.priceQuantities(held)).isEqualTo(Billing.priceQuantities(released.json()));
        awaitWebhooksTaken();
        JsonNode read = subscription(account, id);
        assertThat(Billing.quantities(read)).isEqualTo(Map.of("locations", 3, "users", 8));
        assertPending(read, null, null);
        assertThat(account.divergences()).isEmpty();
    }

    @Test
    void resumeDropsAPendingDecrease() {
        Billing account = withCard();
        String id = subscribed(account, "{\"users\": 4}").path("id").asString();
        Reply paused = api.patch(OWNER, account.subscription(id), "{\"action\": \"pause\"}");
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        Reply lowered = api.patch(OWNER, account.subscription(id), "{\"product_quantities\": {\"users\": 2}}");
        assertThat(lowered.status()).as(lowered.toString()).isEqualTo(200);
        assertThat(lowered.text("status")).isEqualTo("paused");
        assertPending(lowered.json(), Map.of("users", 2), paused.text("current_period_end"));
        String schedule = stripe.subscription(id).path("schedule").asString();

        Reply resumed = api.patch(OWNER, account.subscription(id), "{\"action\": \"resume\"}");

        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.text("status")).isEqualTo("active");
        assertThat(Billing.quantities(resumed.json())).isEqualTo(Map.of("users", 4));
        assertPending(resumed.json(), null, null);
        JsonNode held = stripe.subscription(id);
        assertThat(held.path("schedule").isNull()).as("the schedule in Stripe: " + held.path("schedule")).isTrue();
        assertThat(stripe.subscriptionSchedule(schedule).path("status").asString()).isEqualTo("released");
        assertThat(held.path("pause_collection").isNull()).isTrue();
        awaitWebhooksTaken();
        assertPending(subscription(account, id), null, null);
        assertThat(account.divergences()).isEmpty();
    }

    @Test
    void aCancelDropsAPendingDecrease() {
        Billing account = open();
        String id = account.subscribed("{\"users\": 4, \"locations\": 2}");
        Reply lowered = api.patch(OWNER, account.subscription(id), "{\"remove_products\": [\"locations\"]}");
        assertThat(lowered.status()).as(lowered.toString()).isEqualTo(200);
        assertPending(lowered.json(), Map.of("users", 4), lowered.text("current_period_end"));
        String schedule = stripe.subscription(id).path("schedule").asString();

        Reply canceled = api.delete(OWNER, account.subscription(id));

        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.json().path("cancel_at_period_end").asBoolean()).isTrue();
        assertThat(Billing.quantities(canceled.json())).isEqualTo(Map.of("users", 4, "locations", 2));
        assertPending(canceled.json(), null, null);
        JsonNode held = stripe.subscription(id);
        assertThat(held.path("cancel_at_period_end").asBoolean()).isTrue();
        assertThat(held.path("schedule").isNull()).as("the schedule in Stripe: " + held.path("schedule")).isTrue();
        assertThat(stripe.subscriptionSchedule(schedule).path("status").asString()).isEqualTo("released");
        awaitWebhooksTaken();
        JsonNode read = subscription(account, id);
        assertThat(read.path("cancel_at_period_end").asBoolean()).isTrue();
        assertPending(read, null, null);
        // Ending at the period's end, it has nothing more to bill.
        JsonNode preview = previewed(account, "{\"subscription_id\": \"" + id + "\", \"items\": "
                + items("users", 4) + "}");
        assertThat(preview.path("lines")).isEmpty();
        assertThat(preview.path("total").asLong()).isZero();
    }

    // ---- helpers ----

    /** A billing account with no trial whose default payment method is the test Visa. */
    Billing withCard() {
        Billing account = withoutTrial();
        account.addCard("pm_card_visa");
        return account;
    }

    static JsonNode subscribed(Billing account, String productQuantities) {
        return InvoiceScenarios.subscribed(account, productQuantities);
    }

    JsonNode subscription(Billing account, String id) {
        Reply read = api.get(OWNER, account.subscription(id));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json();
    }

    static String preview(Billing account) {
        return account.invoices() + "/preview";
    }

    Reply preview(Billing account, String body) {
        return api.post(OWNER, preview(account), body);
    }

    /** A preview that must be answered: it has the shape of a draft invoice of the account, its lines summed. */
    JsonNode previewed(Billing account, String body) {
        Reply answer = preview(account, body);
        assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(200);
        JsonNode invoice = answer.json();
        assertThat(invoice.path("id").asString()).matches("upcoming_in_[A-Za-z0-9]+");
        assertThat(invoice.path("status").asString()).isEqualTo("draft");
        for (String absent : List.of("number", "hosted_invoice_url", "invoice_pdf")) {
            assertThat(invoice.path(absent).isNull()).as(absent + " of " + invoice).isTrue();
        }
        assertThat(invoice.path("customer_id").asString()).isEqualTo(account.id());
        assertThat(invoice.path("currency").asString()).isEqualTo("zar");
        long sum = 0;
        for (JsonNode line : invoice.path("lines")) {
            sum += line.path("amount").asLong();
        }
        assertThat(invoice.path("subtotal").asLong()).as("subtotal of " + invoice).isEqualTo(sum);
        assertThat(invoice.path("total").asLong()).as("total of " + invoice).isEqualTo(sum);
        assertThat(invoice.path("amount_paid").asLong()).isZero();
        assertThat(ids(account.invoiceList())).as("the account's invoices").doesNotContain(invoice.path("id")
                .asString());
        return invoice;
    }

    /** {@code [{product_type, quantity, interval}]} of name, quantity pairs. */
    static String items(Object... pairs) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            items.add("{\"product_type\": \"" + pairs[i] + "\", \"quantity\": " + pairs[i + 1]
                    + ", \"interval\": \"month\"}");
        }
        return "[" + String.join(", ", items) + "]";
    }

    /** An invoice's proration lines ("Unused time on ...", "Remaining time on ..."), in order. */
    static List<JsonNode> prorations(JsonNode invoice) {
        List<JsonNode> lines = new ArrayList<>();
        invoice.path("lines").forEach(l -> {
            if (isProration(l)) {
                lines.add(l);
            }
        });
        return lines;
    }

    /**
     * The quantities an invoice bills for a whole period, by product: its lines other than prorations, each
     * {@code quantity × unit_amount} at the catalog's unit amount.
     */
    static Map<String, Integer> periodQuantities(JsonNode invoice) {
        Map<String, Integer> quantities = new TreeMap<>();
        for (JsonNode line : invoice.path("lines")) {
            if (isProration(line)) {
                continue;
            }
            String product = line.path("product_name").asString();
            assertThat(Billing.UNIT_AMOUNTS).as("the product of " + line).containsKey(product);
            assertThat(line.path("unit_amount").asLong()).as(product).isEqualTo(Billing.UNIT_AMOUNTS.get(product));
            assertThat(line.path("amount").asLong()).as(product)
                    .isEqualTo(line.path("quantity").asLong() * Billing.UNIT_AMOUNTS.get(product));
            quantities.merge(product, line.path("quantity").asInt(), Integer::sum);
        }
        return quantities;
    }

    private static boolean isProration(JsonNode line) {
        String description = line.path("description").asString();
        return description.startsWith(UNUSED) || description.startsWith(REMAINING);
    }

    /** The pending products (null: none) and when they take over, as the subscription shows them. */
    static void assertPending(JsonNode subscription, Map<String, Integer> quantities, String effectiveAt) {
        JsonNode pending = subscription.path("pending_product_quantities");
        JsonNode at = subscription.path("pending_effective_at");
        if (quantities == null) {
            assertThat(pending.isNull()).as("pending_product_quantities of " + subscription).isTrue();
            assertThat(at.isNull()).as("pending_effective_at of " + subscription).isTrue();
            return;
        }
        assertThat(Billing.pendingQuantities(subscription)).as("pending_product_quantities of " + subscription)
                .isEqualTo(quantities);
        pending.properties().forEach(e -> assertThat(e.getValue().path("price_id").asString())
                .as("the price of pending " + e.getKey())
                .isEqualTo(subscription.path("product_quantities").path(e.getKey()).path("price_id").asString()));
        assertThat(at.asString()).as("pending_effective_at of " + subscription).matches(TIMESTAMP)
                .isEqualTo(effectiveAt);
    }

    /** Products as the API shows them ({@code product_quantities} or pending ones): price id to quantity. */
    static Map<String, Integer> pricesOf(JsonNode products) {
        Map<String, Integer> quantities = new TreeMap<>();
        products.properties().forEach(e -> quantities.put(e.getValue().path("price_id").asString(),
                e.getValue().path("quantity").asInt()));
        return quantities;
    }

    /** A schedule phase's items: price id to quantity. */
    static Map<String, Integer> phaseQuantities(JsonNode phase) {
        Map<String, Integer> quantities = new TreeMap<>();
        phase.path("items").forEach(item -> {
            JsonNode price = item.path("price");
            quantities.put(price.isString() ? price.asString() : price.path("id").asString(),
                    item.path("quantity").asInt());
        });
        return quantities;
    }

    /** The items of the last phase of the subscription's schedule in Stripe, which take over at its end. */
    Map<String, Integer> lastPhase(String subscriptionId) {
        JsonNode phases = stripe.subscriptionSchedule(stripe.subscription(subscriptionId).path("schedule").asString())
                .path("phases");
        return phaseQuantities(phases.get(phases.size() - 1));
    }
}
