package io.billingaccounts.server.writes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;
import io.billingaccounts.stripe.emulator.faults.FaultKind;

/**
 * Writes Stripe may have applied although it failed: a create's customer is deleted (its caller was told it
 * failed), an update is brought to what the database holds; by the recovery loop, or by the next writer.
 */
class RecoveryTest extends ServiceTest {

    @Autowired
    private RecoveryLoop recovery;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void oneAmbiguousFailureIsAbsorbedByARetryWithTheSameKey() {
        String workspace = api.workspace("usr_rex", "single");
        STRIPE.faults().inject("POST /v1/customers", FaultKind.COMMIT_THEN_500, 1);

        String id = api.account("usr_rex", workspace);

        assertThat(STRIPE.requests().count("POST /v1/customers")).isEqualTo(2);
        assertThat(stripeCustomer(id).path("name").asString()).isEqualTo("ACME");
        assertThat(pendingCreates(workspace)).isZero();
    }

    @Test
    void aCreateThatMayHaveReachedStripeIsTakenInAndNeverDeniedToItsCaller() {
        String workspace = api.workspace("usr_rex", "single");
        STRIPE.faults().inject("POST /v1/customers", FaultKind.COMMIT_THEN_500, 10);

        Reply failed = api.send("usr_rex", "POST", "/workspaces/" + workspace + "/billing-accounts", """
                {"name": "Lost answer", "email": "lost-answer@example.com",
                 "address": {"country": "ZA", "line1": "1 Long Street", "city": "Cape Town"}}""", java.util.Map.of());
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.text("code")).isEqualTo("stripe_outcome_pending");
        assertThat(failed.text("message")).doesNotContain("nothing was changed");
        assertThat(failed.header("Retry-After")).isNotNull();
        String made = stripeCustomers("lost-answer@example.com").get(0).path("id").asString();

        STRIPE.faults().clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            recovery.recoverExpired();
            return pendingCreates(workspace) == 0;
        });

        assertThat(stripeCustomers("lost-answer@example.com")).hasSize(1);
        assertThat(stripeCustomer(made).path("deleted").asBoolean()).isFalse();
        Reply listed = api.get("usr_rex", "/workspaces/" + workspace + "/billing-accounts");
        assertThat(listed.json().path("data").size()).isEqualTo(1);
        assertThat(listed.json().path("data").get(0).path("id").asString()).isEqualTo(made);
        assertThat(listed.json().path("data").get(0).path("name").asString()).isEqualTo("Lost answer");
    }

    @Test
    void anUpdateThatMayHaveReachedStripeIsBroughtToTheDatabase() {
        String path = accountWithAHalfDoneRename();
        String id = path.substring(path.lastIndexOf('/') + 1);
        assertThat(stripeCustomer(id).path("name").asString()).isEqualTo("Half done");
        assertThat(api.get("usr_rex", path).text("name")).isEqualTo("ACME");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            recovery.recoverExpired();
            return pendingWrites(id) == 0;
        });
        assertThat(stripeCustomer(id).path("name").asString()).isEqualTo("ACME");
    }

    @Test
    void theNextWriterFinishesAnUnfinishedWriteBeforeItsOwn() {
        String path = accountWithAHalfDoneRename();
        String id = path.substring(path.lastIndexOf('/') + 1);

        Reply next = api.patch("usr_rex", path, "{\"email\": \"next@example.com\"}");

        assertThat(next.status()).isEqualTo(200);
        assertThat(next.text("name")).isEqualTo("ACME");
        assertThat(stripeCustomer(id).path("name").asString()).isEqualTo("ACME");
        assertThat(stripeCustomer(id).path("email").asString()).isEqualTo("next@example.com");
        assertThat(pendingWrites(id)).isZero();
    }

    /** An account whose rename reached Stripe while its caller was told it failed; Stripe is calm again. */
    private String accountWithAHalfDoneRename() {
        String workspace = api.workspace("usr_rex", "pooled");
        String path = "/workspaces/" + workspace + "/billing-accounts/" + api.account("usr_rex", workspace);
        STRIPE.faults().inject("POST /v1/customers/*", FaultKind.COMMIT_THEN_500, 10);
        assertThat(api.patch("usr_rex", path, "{\"name\": \"Half done\"}").status()).isIn(502, 503);
        STRIPE.faults().clear();
        return path;
    }

    private int pendingWrites(String objectId) {
        return jdbc.sql("select count(*) from pending_write where object_id = ?").param(objectId)
                .query(Integer.class).single();
    }

    private int pendingCreates(String workspace) {
        return jdbc.sql("select count(*) from pending_write where scope_id = ?").param(workspace)
                .query(Integer.class).single();
    }
}
