package io.billingaccounts.server.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.billingaccounts.server.catchup.EventCatchUp;
import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;
import io.billingaccounts.server.writes.RecoveryLoop;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import tools.jackson.databind.JsonNode;

/**
 * Decreases wait for the period's end in a Stripe subscription schedule: increases now, decreases then, and a
 * later change, a resume or a cancellation dropping what waits. (The clock passing the period's end is the
 * contract tests' business: this emulator's clock is every service test's.)
 */
class PendingDecreasesTest extends ServiceTest {

    private static final String OWNER = "usr_penny";

    @Autowired
    private EventCatchUp catchUp;
    @Autowired
    private RecoveryLoop recovery;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void aDecreaseWaitsInAScheduleForThePeriodsEndAndTheMirrorShowsIt() {
        String path = subscription("{\"locations\": 5, \"users\": 10}");

        Reply decreased = api.patch(OWNER, path, "{\"product_quantities\": {\"locations\": 2, \"users\": 10}}");

        assertThat(decreased.status()).as(decreased.raw().body()).isEqualTo(200);
        assertThat(quantity(decreased.json().path("product_quantities"), "locations")).isEqualTo(5);
        assertThat(quantity(decreased.json().path("pending_product_quantities"), "locations")).isEqualTo(2);
        assertThat(quantity(decreased.json().path("pending_product_quantities"), "users")).isEqualTo(10);
        assertThat(decreased.text("pending_effective_at")).isEqualTo(decreased.text("current_period_end"));
        JsonNode held = stripeGet("/v1/subscriptions/" + decreased.text("id"));
        assertThat(held.path("items").path("data").get(0).path("quantity").asInt())
                .as("Stripe bills today's quantities until the period's end").isEqualTo(5);
        JsonNode schedule = stripeGet("/v1/subscription_schedules/" + held.path("schedule").asString());
        assertThat(schedule.path("phases").size()).isEqualTo(2);
        assertThat(schedule.path("phases").get(1).path("start_date").asLong())
                .isEqualTo(held.path("items").path("data").get(0).path("current_period_end").asLong());
        assertThat(schedule.path("end_behavior").asString()).isEqualTo("release");

        catchUp.catchUp();
        Reply read = api.get(OWNER, path);
        assertThat(read.json().path("pending_product_quantities")).isEqualTo(decreased.json()
                .path("pending_product_quantities"));
        assertThat(api.patch(OWNER, path, "{\"action\": \"sync\"}").json().path("pending_product_quantities"))
                .isEqualTo(decreased.json().path("pending_product_quantities"));
    }

    @Test
    void aChangeThatRaisesOneProductAndLowersAnotherSplitsAndALaterOneReplacesWhatWaits() {
        String path = subscription("{\"locations\": 5, \"users\": 10}");

        Reply mixed = api.patch(OWNER, path, "{\"product_quantities\": {\"locations\": 8, \"users\": 4}}");

        assertThat(mixed.status()).as(mixed.raw().body()).isEqualTo(200);
        assertThat(quantity(mixed.json().path("product_quantities"), "locations")).as("now").isEqualTo(8);
        assertThat(quantity(mixed.json().path("product_quantities"), "users")).isEqualTo(10);
        assertThat(quantity(mixed.json().path("pending_product_quantities"), "users")).as("later").isEqualTo(4);
        assertThat(quantity(mixed.json().path("pending_product_quantities"), "locations")).isEqualTo(8);
        String firstSchedule = stripeGet("/v1/subscriptions/" + mixed.text("id")).path("schedule").asString();

        Reply replaced = api.patch(OWNER, path, "{\"product_quantities\": {\"locations\": 8, \"users\": 6}}");

        assertThat(quantity(replaced.json().path("pending_product_quantities"), "users")).isEqualTo(6);
        JsonNode schedule = stripeGet("/v1/subscription_schedules/" + firstSchedule);
        assertThat(schedule.path("phases").get(1).path("items").toString()).contains("\"quantity\":6");
        Reply raised = api.patch(OWNER, path, "{\"add_products\": {\"users\": 12}}");
        assertThat(raised.json().path("pending_product_quantities").isNull()).isTrue();
        assertThat(quantity(raised.json().path("product_quantities"), "users")).isEqualTo(12);
        assertThat(stripeGet("/v1/subscription_schedules/" + firstSchedule).path("status").asString())
                .isEqualTo("released");
    }

    @Test
    void aCancellationDropsTheDecreaseThatWaits() {
        String path = subscription("{\"users\": 10}");
        String schedule = stripeGet("/v1/subscriptions/" + api.patch(OWNER, path,
                "{\"product_quantities\": {\"users\": 3}}").text("id")).path("schedule").asString();

        Reply canceled = api.send(OWNER, "DELETE", path, null, Map.of());

        assertThat(canceled.status()).as(canceled.raw().body()).isEqualTo(200);
        assertThat(canceled.json().path("cancel_at_period_end").asBoolean()).isTrue();
        assertThat(canceled.json().path("pending_product_quantities").isNull()).isTrue();
        assertThat(stripeGet("/v1/subscription_schedules/" + schedule).path("status").asString())
                .isEqualTo("released");
    }

    @Test
    void aScheduleMadeBeforeStripeRefusesItsPhasesIsNeverDeniedAndTheRetryFinishesTheDecrease() {
        String path = subscription("{\"users\": 10}");
        String id = path.substring(path.lastIndexOf('/') + 1);
        STRIPE.faults().inject("POST /v1/subscription_schedules/*", FaultKind.HTTP_429, 1000);

        Reply refused = api.patch(OWNER, path, "{\"product_quantities\": {\"users\": 4}}");

        assertThat(refused.status()).as(refused.raw().body()).isIn(502, 503);
        assertThat(refused.text("code")).as("the schedule was made: Stripe holds part of the write")
                .isEqualTo("stripe_outcome_pending");
        STRIPE.faults().clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            recovery.recoverExpired();
            return api.get(OWNER, path).json().path("pending_product_quantities").isNull()
                    && jdbc.sql("select count(*) from pending_write where object_id = ?").param(id)
                    .query(Integer.class).single() == 0;
        });
        Reply retried = api.patch(OWNER, path, "{\"product_quantities\": {\"users\": 4}}");
        assertThat(quantity(retried.json().path("pending_product_quantities"), "users")).isEqualTo(4);
        assertThat(stripeGet("/v1/subscription_schedules?customer=" + stripeGet("/v1/subscriptions/" + id)
                .path("customer").asString()).path("data").size()).as("the retry used the schedule made").isEqualTo(1);
    }

    /** A trialing subscription of a fresh workspace: its path. */
    private String subscription(String quantities) {
        String workspace = api.workspace(OWNER, "single");
        String account = "/workspaces/" + workspace + "/billing-accounts/" + api.account(OWNER, workspace);
        Reply created = api.send(OWNER, "POST", account + "/subscriptions",
                "{\"product_quantities\": " + quantities + "}", Map.of());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return account + "/subscriptions/" + created.text("id");
    }

    private static int quantity(JsonNode products, String product) {
        return products.path(product).path("quantity").asInt();
    }
}
