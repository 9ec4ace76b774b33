package io.billingaccounts.server.writes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import tools.jackson.databind.JsonNode;

/**
 * Stripe misbehaving as it really does, for each write that makes or changes what Stripe bills: the answer lost
 * after Stripe applied the write, every read failing after it, the deadline passing while Stripe applies it slowly,
 * Search lagging while recovery runs; each followed by the caller's retry, or by no retry at all. Every case ends
 * with one Stripe object and one charge per request, the API showing exactly what Stripe holds, and no answer that
 * says nothing was changed once Stripe may have changed something.
 */
class NoDoubleChargeTest extends ServiceTest {

    private static final String OWNER = "usr_nora";

    @Autowired
    private RecoveryLoop recovery;
    @Autowired
    private JdbcClient jdbc;

    /** A pooled workspace whose trial is used, an account with a card, and its trialing subscription. */
    private String workspace;
    private String account;
    private String customer;
    private String subscription;
    private String email;

    /** The writes under test: what each sends, and the Stripe request that applies it. */
    enum Write {
        CREATE_ACCOUNT("POST /v1/customers", 201),
        CREATE_SETUP_INTENT("POST /v1/setup_intents", 201),
        CREATE_SUBSCRIPTION("POST /v1/subscriptions", 201),
        UPDATE_SUBSCRIPTION("POST /v1/subscriptions/*", 200),
        CANCEL_SUBSCRIPTION("POST /v1/subscriptions/*", 200),
        // A decrease's write ends with the phases of the schedule that holds it.
        DECREASE_SUBSCRIPTION("POST /v1/subscription_schedules/*", 200);

        final String stripeRequest;
        final int success;

        Write(String stripeRequest, int success) {
            this.stripeRequest = stripeRequest;
            this.success = success;
        }
    }

    @BeforeEach
    void aWorkspaceWhoseTrialIsUsed() {
        workspace = api.workspace(OWNER, "pooled");
        customer = api.account(OWNER, workspace);
        account = "/workspaces/" + workspace + "/billing-accounts/" + customer;
        Reply setup = api.send(OWNER, "POST", account + "/payment-methods", null, Map.of());
        confirmCard(setup.text("client_secret"), "pm_card_visa");
        assertThat(api.get(OWNER, account + "/payment-methods").json().path("data").size()).isEqualTo(1);
        Reply trial = api.send(OWNER, "POST", account + "/subscriptions",
                "{\"product_quantities\": {\"users\": 3}}", Map.of());
        assertThat(trial.text("status")).isEqualTo("trialing");
        subscription = account + "/subscriptions/" + trial.text("id");
        email = "nora-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        STRIPE.requests().clear();
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void theAnswerLostAfterStripeAppliedItIsNeverDeniedAndTheRetryGetsWhatWasMade(Write write) {
        STRIPE.faults().inject(write.stripeRequest, FaultKind.COMMIT_THEN_500, 10);
        String key = UUID.randomUUID().toString();

        assertOutcomePending(send(write, key));
        STRIPE.faults().clear();
        Reply retry = send(write, key);

        assertRetryGot(write, retry);
        assertNothingTwiceAndTheApiShowsStripe(write);
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void theAnswerLostWithoutARetryIsTakenInByRecovery(Write write) {
        STRIPE.faults().inject(write.stripeRequest, FaultKind.COMMIT_THEN_500, 10);

        assertOutcomePending(send(write, UUID.randomUUID().toString()));
        STRIPE.faults().clear();
        recoverAll();

        assertNothingTwiceAndTheApiShowsStripe(write);
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void readsFailingAfterTheWriteCannotTurnItIntoNothingApplied(Write write) {
        // Stripe limiting every read: nothing a write needs once Stripe has answered is read again.
        STRIPE.faults().inject("GET /**", FaultKind.HTTP_429, 1000);

        Reply reply = send(write, UUID.randomUUID().toString());

        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(write.success);
        STRIPE.faults().clear();
        assertNothingTwiceAndTheApiShowsStripe(write);
    }

    @ParameterizedTest
    @EnumSource(Write.class)
    void theDeadlinePassingWhileStripeAppliesItSlowlyIsNeverDenied(Write write) {
        STRIPE.faults().inject(write.stripeRequest, FaultKind.COMMIT_THEN_TIMEOUT, 10);
        String key = UUID.randomUUID().toString();

        assertOutcomePending(send(write, key));
        STRIPE.faults().clear();

        assertRetryGot(write, send(write, key));
        assertNothingTwiceAndTheApiShowsStripe(write);
    }

    @ParameterizedTest
    @EnumSource(value = Write.class, names = {"CREATE_ACCOUNT", "CREATE_SETUP_INTENT", "CREATE_SUBSCRIPTION"})
    void recoveryLearnsWhatACreateMadeWhileSearchLagsAMinute(Write write) {
        STRIPE.setSearchLag(Duration.ofSeconds(60));
        STRIPE.faults().inject(write.stripeRequest, FaultKind.COMMIT_THEN_500, 10);

        assertOutcomePending(send(write, UUID.randomUUID().toString()));
        STRIPE.faults().clear();
        recoverAll();

        assertThat(STRIPE.requests().count("GET /v1/customers/search")
                + STRIPE.requests().count("GET /v1/subscriptions/search")).isZero();
        assertNothingTwiceAndTheApiShowsStripe(write);
    }

    @org.junit.jupiter.api.Test
    void aCreateTooOldForStripeToReplayIsFoundCanceledAndRefunded() {
        String writeId = "key_" + UUID.randomUUID();
        JsonNode made = stripePost("/v1/subscriptions", "customer=" + customer
                + "&items[0][price]=price_users_monthly_usd&items[0][quantity]=2"
                + "&metadata[billing_create_intent]=" + writeId + "&metadata[workspace_id]=" + workspace);
        assertThat(made.path("status").asString()).isEqualTo("active");
        OffsetDateTime dayAndMore = OffsetDateTime.now().minusHours(25);
        jdbc.sql("""
                insert into pending_write (id, resource, object_id, kind, scope_id, abandoned, holder, created_at,
                    expires_at, stripe_request) values (?, 'subscription', ?, 'create', ?, true, ?, ?, ?, ?)""")
                .params(writeId, "create/" + writeId, customer, writeId, dayAndMore, dayAndMore,
                        "POST /v1/subscriptions\ncustomer=" + customer).update();
        STRIPE.requests().clear();

        recoverAll();

        String subscriptionId = made.path("id").asString();
        assertThat(stripeGet("/v1/subscriptions/" + subscriptionId).path("status").asString()).isEqualTo("canceled");
        String intent = stripeGet("/v1/invoice_payments?invoice=" + made.path("latest_invoice").asString())
                .path("data").get(0).path("payment").path("payment_intent").asString();
        JsonNode refunds = stripeGet("/v1/refunds?payment_intent=" + intent).path("data");
        assertThat(refunds.size()).isEqualTo(1);
        assertThat(refunds.get(0).path("amount").asLong()).isEqualTo(2 * 500);
        assertThat(apiSubscriptionIds()).doesNotContain(subscriptionId);
        assertThat(STRIPE.requests().count("POST /v1/subscriptions")).as("never replayed").isZero();
    }

    private Reply send(Write write, String key) {
        Map<String, String> keyed = Map.of("Idempotency-Key", key);
        return switch (write) {
            case CREATE_ACCOUNT -> api.send(OWNER, "POST", "/workspaces/" + workspace + "/billing-accounts", """
                    {"name": "Second", "email": "%s", "currency": "usd",
                     "address": {"country": "US", "line1": "1 Main Street", "city": "Springfield"}}"""
                    .formatted(email), keyed);
            case CREATE_SETUP_INTENT -> api.send(OWNER, "POST", account + "/payment-methods", null, keyed);
            case CREATE_SUBSCRIPTION -> api.send(OWNER, "POST", account + "/subscriptions",
                    "{\"product_quantities\": {\"users\": 2}}", keyed);
            case UPDATE_SUBSCRIPTION -> api.patch(OWNER, subscription, "{\"product_quantities\": {\"users\": 7}}");
            case CANCEL_SUBSCRIPTION -> api.send(OWNER, "DELETE", subscription, null, Map.of());
            case DECREASE_SUBSCRIPTION -> api.patch(OWNER, subscription, "{\"product_quantities\": {\"users\": 1}}");
        };
    }

    private static void assertOutcomePending(Reply reply) {
        assertThat(reply.status()).as(reply.raw().body()).isIn(502, 503);
        assertThat(reply.text("code")).isEqualTo("stripe_outcome_pending");
        assertThat(reply.text("message")).doesNotContain("nothing was changed");
        assertThat(reply.header("Retry-After")).isNotNull();
    }

    /** The retry answers what the first try made; a cancel already applied is not applied again. */
    private void assertRetryGot(Write write, Reply retry) {
        if (write == Write.CANCEL_SUBSCRIPTION) {
            assertThat(retry.status()).as(retry.raw().body()).isIn(200, 409);
            return;
        }
        assertThat(retry.status()).as(retry.raw().body()).isEqualTo(write.success);
        switch (write) {
            case CREATE_ACCOUNT -> assertThat(retry.text("id")).isEqualTo(stripeCustomersNamed(email).get(0));
            case CREATE_SUBSCRIPTION -> assertThat(stripeSubscriptionIds()).contains(retry.text("id"));
            case CREATE_SETUP_INTENT -> assertThat(retry.text("client_secret")).isNotBlank();
            case DECREASE_SUBSCRIPTION -> assertThat(retry.json().path("pending_product_quantities").path("users")
                    .path("quantity").asInt()).isEqualTo(1);
            default -> assertThat(retry.json().path("product_quantities").path("users").path("quantity").asInt())
                    .isEqualTo(7);
        }
    }

    /**
     * One object in Stripe per request (the first try's and its retries' creates all carry one Idempotency-Key),
     * one paid invoice per charging request, and the API listing exactly what Stripe holds.
     */
    private void assertNothingTwiceAndTheApiShowsStripe(Write write) {
        assertThat(pendingWrites()).as("writes left unfinished").isZero();
        switch (write) {
            case CREATE_ACCOUNT -> {
                List<String> made = stripeCustomersNamed(email);
                assertThat(made).hasSize(1);
                List<String> listed = new ArrayList<>();
                api.get(OWNER, "/workspaces/" + workspace + "/billing-accounts").json().path("data")
                        .forEach(a -> listed.add(a.path("id").asString()));
                assertThat(listed).containsExactlyInAnyOrder(customer, made.get(0));
            }
            case CREATE_SETUP_INTENT -> assertThat(STRIPE.requests().entries().stream()
                    .filter(r -> r.method().equals("POST") && r.path().equals("/v1/setup_intents"))
                    .map(r -> r.idempotencyKey()).distinct().count()).isEqualTo(1);
            case CREATE_SUBSCRIPTION -> {
                assertThat(stripeSubscriptionIds()).hasSize(2);
                assertThat(apiSubscriptionIds()).containsExactlyInAnyOrderElementsOf(stripeSubscriptionIds());
                List<String> paid = new ArrayList<>();
                stripeGet("/v1/invoices?customer=" + customer).path("data").forEach(invoice -> {
                    if (invoice.path("status").asString().equals("paid")) {
                        paid.add(invoice.path("id").asString());
                    }
                });
                assertThat(paid).hasSize(1);
                assertThat(api.get(OWNER, account + "/invoices").json().path("data").toString()).contains(paid.get(0));
            }
            case DECREASE_SUBSCRIPTION -> {
                JsonNode shown = api.get(OWNER, subscription).json();
                JsonNode held = stripeGet("/v1/subscriptions/" + shown.path("id").asString());
                JsonNode schedules = stripeGet("/v1/subscription_schedules?customer=" + customer).path("data");
                assertThat(schedules.size()).as("one schedule holds the decrease").isEqualTo(1);
                assertThat(held.path("schedule").asString()).isEqualTo(schedules.get(0).path("id").asString());
                assertThat(shown.path("product_quantities").path("users").path("quantity").asLong())
                        .isEqualTo(held.path("items").path("data").get(0).path("quantity").asLong()).isEqualTo(3);
                assertThat(shown.path("pending_product_quantities").path("users").path("quantity").asLong())
                        .isEqualTo(schedules.get(0).path("phases").get(1).path("items").get(0).path("quantity")
                                .asLong()).isEqualTo(1);
            }
            case UPDATE_SUBSCRIPTION, CANCEL_SUBSCRIPTION -> {
                JsonNode shown = api.get(OWNER, subscription).json();
                JsonNode held = stripeGet("/v1/subscriptions/" + shown.path("id").asString());
                assertThat(shown.path("cancel_at_period_end").asBoolean())
                        .isEqualTo(held.path("cancel_at_period_end").asBoolean());
                assertThat(shown.path("product_quantities").path("users").path("quantity").asLong())
                        .isEqualTo(held.path("items").path("data").get(0).path("quantity").asLong());
                assertThat(apiSubscriptionIds()).containsExactlyInAnyOrderElementsOf(stripeSubscriptionIds());
            }
        }
        assertThat(STRIPE.requests().entries().stream().filter(r -> Integer.valueOf(429).equals(r.status()) && r.method().equals("POST")))
                .as("Stripe writes refused for their rate").isEmpty();
    }

    private void recoverAll() {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            recovery.recoverExpired();
            return pendingWrites() == 0;
        });
    }

    /** The unfinished writes of this test's workspace, account and subscriptions. */
    private int pendingWrites() {
        return jdbc.sql("""
                select count(*) from pending_write where scope_id in (?, ?) or object_id = ?
                    or object_id in (select id from subscription where billing_account_id = ?)""")
                .params(workspace, customer, customer, customer).query(Integer.class).single();
    }

    private List<String> stripeSubscriptionIds() {
        List<String> ids = new ArrayList<>();
        stripeGet("/v1/subscriptions?status=all&customer=" + customer).path("data")
                .forEach(s -> ids.add(s.path("id").asString()));
        return ids;
    }

    private List<String> apiSubscriptionIds() {
        List<String> ids = new ArrayList<>();
        api.get(OWNER, account + "/subscriptions").json().path("data").forEach(s -> ids.add(s.path("id").asString()));
        return ids;
    }

    private static List<String> stripeCustomersNamed(String email) {
        return stripeCustomers(email).stream().map(c -> c.path("id").asString()).toList();
    }
}
