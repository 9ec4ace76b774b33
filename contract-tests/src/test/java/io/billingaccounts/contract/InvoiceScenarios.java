package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Invoices and what time does to subscriptions: the emulator's clock is moved on, Stripe ends trials, renews,
 * declines and cancels at period end, and its signed webhooks bring the outcome to the server, whose invoice list
 * pages through the mirror without a Stripe call. Every answer is held to api/openapi.yaml on the way (RawApi).
 * The tests of one class share an emulator and so its clock: each looks only at its own accounts. Subclasses
 * choose the database.
 */
abstract class InvoiceScenarios extends AgainstBillingServer {

    // ---- the emulator's clock: trials, renewals, cancellations ----

    @Test
    void aTrialEndingWithACardChargesItAndTheSubscriptionIsActiveWithAPaidInvoice() {
        Billing account = open();
        JsonNode trial = subscribed(account, "{\"locations\": 2, \"users\": 3}");
        assertThat(trial.path("status").asString()).isEqualTo("trialing");
        String id = trial.path("id").asString();
        account.addCard("pm_card_visa");
        Set<String> before = ids(account.invoiceList());

        long trialEnd = epoch(trial.path("trial_end"));
        stripe.advanceClockPast(trialEnd);

        JsonNode invoice = awaitNewInvoice(account, before, i -> i.path("status").asString().equals("paid"));
        awaitStatus(account, id, "active");
        JsonNode active = subscription(account, id);
        assertThat(epoch(active.path("current_period_start"))).isGreaterThanOrEqualTo(trialEnd);
        assertThat(epoch(active.path("current_period_end"))).isGreaterThan(epoch(active.path("current_period_start")));
        assertBilledFor(invoice, active);
        assertThat(invoice.path("amount_paid").asLong()).isEqualTo(invoice.path("total").asLong()).isPositive();
        assertThat(stripe.subscription(id).path("status").asString()).isEqualTo("active");
        assertSameInStripe(account, invoice);
    }

    @Test
    void aTrialEndingWithoutACardPausesTheSubscriptionUntilACardAndResumeMakeItActive() {
        Billing account = open();
        JsonNode trial = subscribed(account, "{\"users\": 2}");
        String id = trial.path("id").asString();
        stripe.advanceClockPast(epoch(trial.path("trial_end")));

        awaitStatus(account, id, "paused");
        awaitWebhooksTaken();
        assertThat(account.invoiceList()).as("invoices charged while no card was there")
                .noneMatch(i -> i.path("amount_paid").asLong() > 0);
        assertThat(Billing.apiStatus(stripe.subscription(id))).isEqualTo("paused");
        Set<String> before = ids(account.invoiceList());

        account.addCard("pm_card_visa");
        Reply resumed = api.patch(OWNER, account.subscription(id), "{\"action\": \"resume\"}");
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.text("status")).isEqualTo("active");
        assertThat(subscription(account, id).path("status").asString()).isEqualTo("active");
        assertThat(stripe.subscription(id).path("status").asString()).isEqualTo("active");
        JsonNode invoice = awaitNewInvoice(account, before, i -> i.path("status").asString().equals("paid"));
        assertBilledFor(invoice, resumed.json());
        assertThat(invoice.path("amount_paid").asLong()).isEqualTo(invoice.path("total").asLong()).isPositive();
        assertThat(account.divergences()).isEmpty();
    }

    @Test
    void aRenewalChargesTheCardForANewPeriodWithAPaidInvoiceDatedByTheClock() {
        Billing account = withCard("pm_card_visa");
        JsonNode first = subscribed(account, "{\"users\": 3, \"sso\": 1}");
        String id = first.path("id").asString();
        JsonNode firstInvoice = awaitInvoiceCount(account, 1).get(0);
        long periodEnd = epoch(first.path("current_period_end"));

        stripe.advanceClockPast(periodEnd);

        JsonNode invoices = awaitInvoiceCount(account, 2);
        JsonNode renewal = invoices.get(0);
        assertThat(invoices.get(1).path("id").asString()).isEqualTo(firstInvoice.path("id").asString());
        assertThat(renewal.path("status").asString()).isEqualTo("paid");
        assertThat(epoch(renewal.path("created_at"))).as("the renewal's date, by the emulator's clock")
                .isGreaterThanOrEqualTo(periodEnd);
        JsonNode renewed = awaitRenewed(account, id, periodEnd);
        assertThat(renewed.path("status").asString()).isEqualTo("active");
        assertThat(epoch(renewed.path("current_period_start"))).isEqualTo(periodEnd);
        assertBilledFor(renewal, renewed);
        assertThat(renewal.path("amount_paid").asLong()).isEqualTo(renewal.path("total").asLong()).isPositive();
        assertSameInStripe(account, renewal);
    }

    @Test
    void aDeclinedRenewalLeavesTheSubscriptionPastDueWithAnOpenInvoice() {
        Billing account = withCard("pm_card_visa");
        JsonNode first = subscribed(account, "{\"users\": 2}");
        String id = first.path("id").asString();
        String failing = account.addCard("pm_card_chargeCustomerFail");
        Reply setDefault = api.call("PUT", account.paymentMethod(failing), OWNER, null);
        assertThat(setDefault.status()).as(setDefault.toString()).isEqualTo(200);
        awaitInvoiceCount(account, 1);

        stripe.advanceClockPast(epoch(first.path("current_period_end")));

        awaitStatus(account, id, "past_due");
        JsonNode declined = awaitInvoiceCount(account, 2).get(0);
        assertThat(declined.path("status").asString()).isEqualTo("open");
        assertThat(declined.path("amount_paid").asLong()).isZero();
        assertThat(declined.path("amount_due").asLong()).isEqualTo(declined.path("total").asLong()).isPositive();
        assertBilledFor(declined, subscription(account, id));
        assertThat(stripe.subscription(id).path("status").asString()).isEqualTo("past_due");
        assertSameInStripe(account, declined);
    }

    @Test
    void aSubscriptionCanceledAtPeriodEndEndsWithItsPeriodAndIsNotBilledAgain() {
        Billing account = withCard("pm_card_visa");
        JsonNode first = subscribed(account, "{\"locations\": 1}");
        String id = first.path("id").asString();
        JsonNode invoices = awaitInvoiceCount(account, 1);
        Reply canceled = api.delete(OWNER, account.subscription(id));
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.text("status")).isEqualTo("active");

        stripe.advanceClockPast(epoch(first.path("current_period_end")));

        awaitStatus(account, id, "canceled");
        assertThat(stripe.subscription(id).path("status").asString()).isEqualTo("canceled");
        awaitWebhooksTaken();
        assertThat(account.invoiceList()).isEqualTo(invoices);
        assertThat(account.divergences()).isEmpty();
    }

    // ---- invoices ----

    @Test
    void anInvoiceTotalsEachProductsQuantityTimesTheCatalogsUnitAmount() {
        Billing account = withCard("pm_card_visa");
        JsonNode all = subscribed(account, "{\"locations\": 2, \"users\": 3, \"sso\": 1}");
        JsonNode invoice = awaitInvoiceCount(account, 1).get(0);
        assertBilledFor(invoice, all);
        assertThat(invoice.path("status").asString()).isEqualTo("paid");
        assertThat(invoice.path("amount_paid").asLong()).isEqualTo(invoice.path("total").asLong());
        assertThat(invoice.path("id").asString()).startsWith("in_");
        assertThat(invoice.path("customer_id").asString()).isEqualTo(account.id());
        assertThat(invoice.path("created_at").asString()).matches(TIMESTAMP);
        assertSameInStripe(account, invoice);

        JsonNode locations = subscribed(account, "{\"locations\": 7}");
        // Both invoices may bear the same second (Stripe's precision): either may come first.
        awaitInvoiceCount(account, 2);
        JsonNode second = awaitNewInvoice(account, Set.of(invoice.path("id").asString()), i -> true);
        assertBilledFor(second, locations);
        assertSameInStripe(account, second);
    }

    @Test
    void pagingForwardAndBackReturnsEveryInvoiceOnceNewestFirst() {
        Billing account = withCard("pm_card_visa");
        List<String> subscriptions = List.of(subscribed(account, "{\"users\": 1}").path("id").asString(),
                subscribed(account, "{\"locations\": 1}").path("id").asString());
        awaitInvoiceCount(account, 2);
        for (int renewals = 1; renewals <= 2; renewals++) {
            Map<String, Long> ends = new LinkedHashMap<>();
            subscriptions.forEach(s -> ends.put(s, epoch(subscription(account, s).path("current_period_end"))));
            stripe.advanceClockPast(ends.values().stream().mapToLong(Long::longValue).max().orElseThrow());
            ends.forEach((s, end) -> awaitRenewed(account, s, end));
            awaitInvoiceCount(account, 2 + 2 * renewals);
        }

        JsonNode all = account.invoiceList();
        List<String> everyInvoice = ids(all).stream().toList();
        assertThat(ids(all)).hasSize(all.size()).isEqualTo(stripe.invoicesOf(account.id()).keySet());
        List<Long> created = new ArrayList<>();
        all.forEach(i -> created.add(OffsetDateTime.parse(i.path("created_at").asString()).toInstant().toEpochMilli()));
        assertThat(created).as("created_at, newest first").isSortedAccordingTo((a, b) -> Long.compare(b, a));
        Reply byDefault = api.get(OWNER, account.invoices());
        assertThat(byDefault.json().path("data")).isEqualTo(all);
        assertThat(byDefault.json().path("has_more").asBoolean()).isFalse();

        int n = everyInvoice.size();
        for (int limit : List.of(1, 2, 4, n - 1, n, n + 1)) {
            List<JsonNode> forward = new ArrayList<>();
            Reply page = api.get(OWNER, account.invoices() + "?limit=" + limit);
            while (true) {
                assertThat(page.status()).as(page.toString()).isEqualTo(200);
                JsonNode body = page.json();
                assertThat(body.path("data").size()).as("page size with limit " + limit).isBetween(1, limit);
                assertThat(cursor(body, "previous_cursor")).as("previous_cursor of page " + forward.size())
                        .isEqualTo(forward.isEmpty() ? null : body.path("data").get(0).path("id").asString());
                forward.add(body);
                String next = cursor(body, "next_cursor");
                assertThat(body.path("has_more").asBoolean()).as("has_more with next_cursor " + next)
                        .isEqualTo(next != null);
                if (next == null) {
                    break;
                }
                assertThat(next).isEqualTo(body.path("data").get(body.path("data").size() - 1).path("id").asString());
                assertThat(forward).as("pages with limit " + limit).hasSizeLessThanOrEqualTo(n);
                page = api.get(OWNER, account.invoices() + "?limit=" + limit + "&after=" + next);
            }
            assertThat(idsOf(forward)).as("forward with limit " + limit).isEqualTo(everyInvoice);

            List<JsonNode> backward = new ArrayList<>(List.of(forward.get(forward.size() - 1)));
            String previous = cursor(forward.get(forward.size() - 1), "previous_cursor");
            while (previous != null) {
                Reply newer = api.get(OWNER, account.invoices() + "?limit=" + limit + "&before=" + previous);
                assertThat(newer.status()).as(newer.toString()).isEqualTo(200);
                backward.add(0, newer.json());
                assertThat(backward).as("pages back with limit " + limit).hasSizeLessThanOrEqualTo(n);
                previous = cursor(newer.json(), "previous_cursor");
                // Read backwards, has_more tells of newer invoices still to come.
                assertThat(newer.json().path("has_more").asBoolean()).as("has_more back with previous_cursor "
                        + previous).isEqualTo(previous != null);
            }
            assertThat(idsOf(backward)).as("back with limit " + limit).isEqualTo(everyInvoice);
            for (int p = 0; p < forward.size(); p++) {
                assertThat(backward.get(p).path("data")).as("page " + p + " with limit " + limit + ", back")
                        .isEqualTo(forward.get(p).path("data"));
            }
        }
    }

    @Test
    void badLimitsAndCursorsAreRefusedNamingTheParameter() {
        Billing account = withCard("pm_card_visa");
        subscribed(account, "{\"users\": 1}");
        subscribed(account, "{\"users\": 2}");
        JsonNode own = awaitInvoiceCount(account, 2);
        Billing sibling = account.another();
        sibling.addCard("pm_card_visa");
        subscribed(sibling, "{\"users\": 1}");
        String siblings = awaitInvoiceCount(sibling, 1).get(0).path("id").asString();

        for (String limit : List.of("0", "201", "-1", "x")) {
            Reply refused = api.get(OWNER, account.invoices() + "?limit=" + limit);
            assertThat(refused.status()).as("limit=" + limit + " -> " + refused).isEqualTo(422);
            assertThat(refused.text("type")).isEqualTo("unprocessable_entity");
            assertThat(refused.errorFields()).as("limit=" + limit).containsExactly("limit");
        }
        for (String parameter : List.of("after", "before")) {
            for (String cursor : List.of("in_doesnotexist0000", siblings)) {
                Reply refused = api.get(OWNER, account.invoices() + "?" + parameter + "=" + cursor);
                assertThat(refused.status()).as(parameter + "=" + cursor + " -> " + refused).isEqualTo(422);
                assertThat(refused.errorFields()).as(parameter + "=" + cursor).containsExactly(parameter);
                assertThat(refused.text("code")).isEqualTo("invalid_cursor");
                assertThat(refused.json().path("errors").get(0).path("code").asString()).isEqualTo("invalid_cursor");
            }
        }
        String newest = own.get(0).path("id").asString();
        String oldest = own.get(1).path("id").asString();
        Reply both = api.get(OWNER, account.invoices() + "?after=" + newest + "&before=" + oldest);
        assertThat(both.status()).as(both.toString()).isEqualTo(422);

        for (String limit : List.of("1", "200")) {
            Reply fine = api.get(OWNER, account.invoices() + "?limit=" + limit);
            assertThat(fine.status()).as("limit=" + limit + " -> " + fine).isEqualTo(200);
            assertThat(fine.json().path("data").size()).isEqualTo(Math.min(Integer.parseInt(limit), own.size()));
        }
        Reply afterNewest = api.get(OWNER, account.invoices() + "?after=" + newest);
        assertThat(ids(afterNewest.json().path("data"))).containsExactly(oldest);
        assertThat(ids(sibling.invoiceList())).containsExactly(siblings);
    }

    @Test
    void invoiceReadsCostNoStripeCall() {
        Billing account = withCard("pm_card_visa");
        subscribed(account, "{\"users\": 1}");
        subscribed(account, "{\"sso\": 1}");
        JsonNode invoices = awaitInvoiceCount(account, 2);
        String newest = invoices.get(0).path("id").asString();
        String oldest = invoices.get(1).path("id").asString();
        awaitWebhooksTaken();
        stripe.clearRequests();
        for (String query : List.of("", "?limit=1", "?limit=1&after=" + newest, "?before=" + oldest, "?limit=200")) {
            Reply read = api.get(OWNER, account.invoices() + query);
            assertThat(read.status()).as(query + " -> " + read).isEqualTo(200);
            assertThat(read.json().path("data").size()).as(query).isPositive();
        }
        assertThat(stripe.totalCalls()).isZero();
    }

    @Test
    void invoicesNeedATokenAndAreHiddenFromOtherTenants() {
        Billing account = withCard("pm_card_visa");
        subscribed(account, "{\"users\": 1}");
        awaitInvoiceCount(account, 1);
        Reply none = api.call("GET", account.invoices(), null, null);
        assertThat(none.status()).as(none.toString()).isEqualTo(401);
        Billing outsiders = Billing.open(api, stripe, "usr_bill_outsider", "pooled");
        for (String path : List.of(account.invoices(),
                ServiceScenarios.accounts(outsiders.workspace()) + "/" + account.id() + "/invoices",
                ServiceScenarios.accounts(account.workspace()) + "/cus_doesnotexist0000/invoices")) {
            Reply hidden = api.get(path.contains("doesnotexist") ? OWNER : "usr_bill_outsider", path);
            assertThat(hidden.status()).as(path + " -> " + hidden).isEqualTo(404);
            assertThat(hidden.text("type")).isEqualTo("not_found_error");
        }
        assertThat(outsiders.invoiceList()).isEmpty();
        assertThat(account.invoiceList()).hasSize(1);
    }

    // ---- helpers ----

    /** A billing account with no trial whose default payment method is the test card. */
    Billing withCard(String testCard) {
        Billing account = withoutTrial();
        account.addCard(testCard);
        return account;
    }

    /** A subscription that must be created: the answer. */
    static JsonNode subscribed(Billing account, String productQuantities) {
        Reply created = account.subscribe(productQuantities);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    JsonNode subscription(Billing account, String id) {
        Reply read = api.get(OWNER, account.subscription(id));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json();
    }

    void awaitStatus(Billing account, String id, String status) {
        awaitWebhookEffect(() -> status.equals(subscription(account, id).path("status").asString()));
    }

    /** Waits until the subscription reads a period that begins after {@code periodEnd}: the renewed one. */
    JsonNode awaitRenewed(Billing account, String id, long periodEnd) {
        awaitWebhookEffect(() -> epoch(subscription(account, id).path("current_period_start")) >= periodEnd);
        return subscription(account, id);
    }

    /** Waits until the account lists exactly {@code count} invoices; answers them, newest first. */
    static JsonNode awaitInvoiceCount(Billing account, int count) {
        JsonNode invoices = await("the account's " + count + " invoices").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(account::invoiceList, list -> list.size() >= count);
        assertThat(invoices).as("the account's invoices").hasSize(count);
        return invoices;
    }

    /** Waits for an invoice not among {@code before} that matches; answers it. */
    static JsonNode awaitNewInvoice(Billing account, Set<String> before, Predicate<JsonNode> matching) {
        List<JsonNode> found = new ArrayList<>();
        await("a new invoice").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            found.clear();
            account.invoiceList().forEach(i -> {
                if (!before.contains(i.path("id").asString()) && matching.test(i)) {
                    found.add(i);
                }
            });
            return !found.isEmpty();
        });
        assertThat(found).as("new invoices").hasSize(1);
        return found.get(0);
    }

    /**
     * The invoice bills each of the subscription's products for its quantity at the catalog's unit amount, and
     * its totals are the sum of those lines, in the account's currency.
     */
    static void assertBilledFor(JsonNode invoice, JsonNode subscription) {
        Map<String, String> products = new LinkedHashMap<>();
        subscription.path("product_quantities").properties()
                .forEach(e -> products.put(e.getValue().path("price_id").asString(), e.getKey()));
        Map<String, Integer> billed = new LinkedHashMap<>();
        long sum = 0;
        for (JsonNode line : invoice.path("lines")) {
            String product = products.get(line.path("price_id").asString());
            assertThat(product).as("the product of line " + line).isNotNull();
            long unit = Billing.UNIT_AMOUNTS.get(product);
            assertThat(line.path("unit_amount").asLong()).as(product + " unit amount").isEqualTo(unit);
            assertThat(line.path("amount").asLong()).as(product + " amount")
                    .isEqualTo(line.path("quantity").asLong() * unit);
            assertThat(line.path("currency").asString()).isEqualTo(subscription.path("currency").asString());
            assertThat(line.path("product_name").asString()).isEqualTo(product);
            billed.merge(product, line.path("quantity").asInt(), Integer::sum);
            sum += line.path("amount").asLong();
        }
        assertThat(billed).as("quantities billed").isEqualTo(Billing.quantities(subscription));
        assertThat(invoice.path("currency").asString()).isEqualTo(subscription.path("currency").asString());
        assertThat(invoice.path("subtotal").asLong()).as("subtotal").isEqualTo(sum);
        assertThat(invoice.path("tax").asLong()).isZero();
        assertThat(invoice.path("discount_amount").asLong()).isZero();
        assertThat(invoice.path("total").asLong()).as("total").isEqualTo(sum);
        assertThat(invoice.path("amount_due").asLong()).as("amount_due").isEqualTo(sum);
    }

    /** The invoice as the API lists it is the one Stripe holds for the customer. */
    void assertSameInStripe(Billing account, JsonNode invoice) {
        JsonNode held = stripe.invoicesOf(account.id()).get(invoice.path("id").asString());
        assertThat(held).as("invoice " + invoice.path("id").asString() + " in Stripe").isNotNull();
        for (String field : List.of("status", "total", "amount_due", "amount_paid", "currency")) {
            assertThat(invoice.path(field).asString()).as(field).isEqualTo(held.path(field).asString());
        }
        assertThat(held.path("customer").asString()).isEqualTo(invoice.path("customer_id").asString());
    }

    static long epoch(JsonNode timestamp) {
        assertThat(timestamp.isString()).as("a timestamp: " + timestamp).isTrue();
        return OffsetDateTime.parse(timestamp.asString()).toEpochSecond();
    }

    static String cursor(JsonNode page, String name) {
        JsonNode cursor = page.path(name);
        assertThat(cursor.isMissingNode()).as(name + " is answered").isFalse();
        return cursor.isNull() ? null : cursor.asString();
    }

    static List<String> idsOf(List<JsonNode> pages) {
        List<String> ids = new ArrayList<>();
        pages.forEach(p -> p.path("data").forEach(i -> ids.add(i.path("id").asString())));
        return ids;
    }
}
