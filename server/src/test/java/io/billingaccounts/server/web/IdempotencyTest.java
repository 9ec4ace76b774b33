package io.billingaccounts.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.RowsWritten;
import io.billingaccounts.server.support.ServiceTest;
import io.billingaccounts.stripe.emulator.faults.FaultKind;

/** A POST with an Idempotency-Key is safe to retry: the first answer is replayed, Stripe is called once. */
class IdempotencyTest extends ServiceTest {

    @Autowired
    private JdbcClient jdbc;

    private static final String ACCOUNT = """
            {"name": "Once", "email": "once@example.com",
             "address": {"country": "GB", "line1": "1 High Street", "city": "London"}}""";

    @Test
    void theSameKeyAndBodyReplayTheFirstAnswer() {
        String workspace = api.workspace("usr_ivy", "pooled");
        String path = "/workspaces/" + workspace + "/billing-accounts";
        Reply first = api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-1"));
        Reply again = api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-1"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(STRIPE.requests().count("POST /v1/customers")).isEqualTo(1);
        assertThat(api.get("usr_ivy", path).json().path("data").size()).isEqualTo(1);
    }

    /**
     * On a database this process alone opens, a key is held in memory while its request runs: its row is written
     * once, with the answer, in the one commit the answer needs.
     */
    @Test
    void aKeysRowIsWrittenOnceWithItsAnswer() {
        RowsWritten.count(jdbc, "idempotency_record", "insert, update");
        String workspace = api.workspace("usr_ivy", "pooled");
        String path = "/workspaces/" + workspace + "/billing-accounts";

        Reply first = api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-once"));
        Reply again = api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-once"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(RowsWritten.of("idempotency_record", "key-once")).isEqualTo(1);
    }

    /** A keyed create's answer is written with its settle: no commit of its own, and no request that outlives it. */
    @Test
    void aKeyedCreatesAnswerIsKeptInTheTransactionThatSettlesIt() {
        jdbc.sql("create trigger if not exists answers_kept_at_settle after insert, update on idempotency_record"
                + " for each row call \"" + AnswersKeptAtSettle.class.getName() + "\"").update();
        String workspace = api.workspace("usr_ivy", "single");
        String accounts = "/workspaces/" + workspace + "/billing-accounts";
        String subscriptions = accounts + "/" + api.send("usr_ivy", "POST", accounts, ACCOUNT,
                Map.of("Idempotency-Key", "key-account")).text("id") + "/subscriptions";
        String trial = "{\"product_quantities\": {\"users\": 5}}";
        Reply first = api.send("usr_ivy", "POST", subscriptions, trial, Map.of("Idempotency-Key", "key-sub"));
        Reply again = api.send("usr_ivy", "POST", subscriptions, trial, Map.of("Idempotency-Key", "key-sub"));

        assertThat(AnswersKeptAtSettle.keptAtSettle("key-account")).isTrue();
        assertThat(AnswersKeptAtSettle.keptAtSettle("key-sub")).isTrue();
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.raw().body()).isEqualTo(first.raw().body());
    }

    @Test
    void aKeyWhoseRequestDiedAfterItsWriteSettledIsAnsweredFromTheMirrorAtOnce() {
        String workspace = api.workspace("usr_ivy", "single");
        String path = "/workspaces/" + workspace + "/billing-accounts";
        Reply first = api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-died"));
        // As a kill -9 between the settle and the answer leaves it: the write is in the database, the answer not.
        jdbc.sql("delete from idempotency_record where idempotency_key = 'key-died'").update();

        Reply retried = api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-died"));

        assertThat(retried.status()).as(retried.raw().body()).isEqualTo(201);
        assertThat(retried.text("id")).isEqualTo(first.text("id"));
        assertThat(STRIPE.requests().count("POST /v1/customers")).isEqualTo(1);
        assertThat(api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-died")).json())
                .isEqualTo(retried.json());
    }

    @Test
    void aKeyWhoseRequestIsStillRunningIsInUse() throws Exception {
        String workspace = api.workspace("usr_ivy", "pooled");
        String path = "/workspaces/" + workspace + "/billing-accounts";
        STRIPE.faults().inject("POST /v1/customers", FaultKind.TIMEOUT, 10);
        try {
            CompletableFuture<Reply> first = CompletableFuture.supplyAsync(
                    () -> api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-running")));
            await().until(() -> STRIPE.requests().count("POST /v1/customers") >= 1);

            Reply retried = api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-running"));
            Reply reused = api.send("usr_ivy", "POST", path, ACCOUNT.replace("Once", "Twice"),
                    Map.of("Idempotency-Key", "key-running"));

            assertThat(retried.status()).isEqualTo(409);
            assertThat(retried.text("code")).isEqualTo("idempotency_key_in_use");
            assertThat(retried.header("Retry-After")).isNotNull();
            assertThat(reused.status()).isEqualTo(422);
            assertThat(reused.text("code")).isEqualTo("idempotency_key_reused");
            // Stripe never answered the first: its outcome is pending, and the key is free for a retry.
            assertThat(first.get().status()).isEqualTo(503);
        } finally {
            STRIPE.faults().clear();
        }
    }

    @Test
    void aRetryToldToWaitForAnEarlierTryIsNotKeptAsTheKeysAnswer() {
        String workspace = api.workspace("usr_ivy", "pooled");
        String path = "/workspaces/" + workspace + "/billing-accounts";
        Reply first = api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-wait"));
        String writeId = jdbc.sql("select created_by_write from billing_account where id = ?")
                .param(first.text("id")).query(String.class).single();
        // As a restart leaves it: the first request gone unanswered, its write still held by a lease not run out.
        jdbc.sql("""
                insert into pending_write (id, resource, object_id, kind, scope_id, abandoned, holder, created_at,
                    expires_at) values (?, 'customer', ?, 'create', ?, false, 'gone', ?, ?)""")
                .params(writeId, "create/" + writeId, workspace, OffsetDateTime.now(),
                        OffsetDateTime.now().plusHours(1)).update();
        jdbc.sql("delete from idempotency_record where idempotency_key = 'key-wait'").update();

        Reply waiting = api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-wait"));
        assertThat(waiting.status()).isEqualTo(409);
        assertThat(waiting.header("Retry-After")).isNotNull();

        jdbc.sql("delete from pending_write where id = ?").param(writeId).update();
        Reply retried = api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-wait"));
        assertThat(retried.status()).as(retried.raw().body()).isEqualTo(201);
        assertThat(retried.text("id")).isEqualTo(first.text("id"));
        assertThat(STRIPE.requests().count("POST /v1/customers")).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String workspace = api.workspace("usr_ivy", "pooled");
        String path = "/workspaces/" + workspace + "/billing-accounts";
        api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-2"));
        Reply reused = api.send("usr_ivy", "POST", path, ACCOUNT.replace("Once", "Twice"),
                Map.of("Idempotency-Key", "key-2"));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("code")).isEqualTo("idempotency_key_reused");
        assertThat(STRIPE.requests().count("POST /v1/customers")).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirCaller() {
        String workspace = api.workspace("usr_ivy", "pooled");
        api.send("usr_ivy", "POST", "/workspaces/" + workspace + "/members",
                "{\"user_id\": \"usr_jon\", \"role\": \"admin\"}", Map.of());
        String path = "/workspaces/" + workspace + "/billing-accounts";
        api.send("usr_ivy", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-3"));
        Reply other = api.send("usr_jon", "POST", path, ACCOUNT, Map.of("Idempotency-Key", "key-3"));

        assertThat(other.status()).isEqualTo(201);
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat(STRIPE.requests().count("POST /v1/customers")).isEqualTo(2);
    }
}
