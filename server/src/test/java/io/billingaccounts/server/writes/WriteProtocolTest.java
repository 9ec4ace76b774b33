package io.billingaccounts.server.writes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.RowsWritten;
import io.billingaccounts.server.support.ServiceTest;
import io.billingaccounts.stripe.emulator.faults.FaultKind;

/** Writers of one Stripe object take turns: contention queues, and each acknowledged change costs one write. */
class WriteProtocolTest extends ServiceTest {

    private static final int WRITERS = 16;
    private static final int CREATORS = 6;
    private static final int ROUNDS = 40;
    private static final String ACCOUNT = """
            {"name": "ACME", "email": "billing@example.com",
             "address": {"country": "ZA", "line1": "1 Long Street", "city": "Cape Town"}}""";

    @Autowired
    private JdbcClient jdbc;

    @Test
    void concurrentWritersOfOneAccountQueueAndEachCostsOneStripeWrite() throws Exception {
        String workspace = api.workspace("usr_qin", "pooled");
        String path = "/workspaces/" + workspace + "/billing-accounts/" + api.account("usr_qin", workspace);
        STRIPE.requests().clear();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> answers = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            for (int i = 0; i < WRITERS; i++) {
                String name = "Writer " + i;
                answers.add(writers.submit(() -> {
                    start.await();
                    return api.patch("usr_qin", path, "{\"name\": \"" + name + "\"}");
                }));
            }
            start.countDown();
            for (Future<Reply> answer : answers) {
                assertThat(answer.get().status()).as(answer.get().raw().body()).isEqualTo(200);
            }
        } finally {
            writers.shutdownNow();
        }

        assertThat(STRIPE.requests().count("POST /v1/customers/*")).isEqualTo(WRITERS);
        Reply last = api.get("usr_qin", path);
        assertThat(last.json().path("updated_at").asString()).isNotBlank();
        assertThat(last.header("ETag")).isEqualTo("\"" + (WRITERS + 1) + "\"");
        assertThat(stripeCustomer(last.text("id")).path("name").asString()).isEqualTo(last.text("name"));
        assertThat(pendingWrites(last.text("id"))).isZero();
    }

    /**
     * A create that settles moves from creates under way to accounts while others count places: in many rounds of
     * racing creates, each single-mode workspace still gets exactly one account.
     */
    @Test
    void racingCreatesNeverPassTheWorkspaceLimit() throws Exception {
        ExecutorService creators = Executors.newFixedThreadPool(CREATORS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String path = "/workspaces/" + api.workspace("usr_qin", "single") + "/billing-accounts";
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < CREATORS; i++) {
                    statuses.add(creators.submit(() -> {
                        start.await();
                        return api.send("usr_qin", "POST", path, ACCOUNT, Map.of()).status();
                    }));
                }
                start.countDown();
                List<Integer> answered = new ArrayList<>();
                for (Future<Integer> status : statuses) {
                    answered.add(status.get());
                }
                assertThat(answered).as("round " + round).containsOnly(201, 409).containsOnlyOnce(201);
                assertThat(api.get("usr_qin", path).json().path("data").size()).isEqualTo(1);
            }
        } finally {
            creators.shutdownNow();
        }
    }

    @Test
    void aStripeThatDoesNotAnswerCostsOneDeadlineAndChangesNothing() {
        String workspace = api.workspace("usr_qin", "pooled");
        String path = "/workspaces/" + workspace + "/billing-accounts/" + api.account("usr_qin", workspace);
        STRIPE.faults().inject("POST /v1/customers/*", FaultKind.TIMEOUT, 10);

        Reply refused = api.patch("usr_qin", path, "{\"name\": \"Never\"}");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isNotNull();
        // One try waits 1 s and up to 2 retries are allowed, but the request's 2 s deadline ends it first.
        assertThat(STRIPE.requests().count("POST /v1/customers/*")).isBetween(1L, 2L);
        assertThat(api.get("usr_qin", path).text("name")).isEqualTo("ACME");
    }

    /**
     * On a database this process alone opens, the in-memory line is an update's whole turn: one durable commit, its
     * settle. A row is written only for a write handed to recovery (Stripe may have applied it, its caller was told
     * so), and recovery finishes it.
     */
    @Test
    void anUpdateWritesNoTurnRowUnlessItIsHandedToRecovery() {
        RowsWritten.count(jdbc, "pending_write", "insert");
        String workspace = api.workspace("usr_qin", "pooled");
        String id = api.account("usr_qin", workspace);
        String path = "/workspaces/" + workspace + "/billing-accounts/" + id;

        assertThat(api.patch("usr_qin", path, "{\"name\": \"Settled\"}").status()).isEqualTo(200);
        assertThat(RowsWritten.of("pending_write", id)).isZero();

        STRIPE.faults().inject("POST /v1/customers/*", FaultKind.COMMIT_THEN_500, 10);
        assertThat(api.patch("usr_qin", path, "{\"name\": \"Half done\"}").status()).isIn(502, 503);
        STRIPE.faults().clear();
        assertThat(RowsWritten.of("pending_write", id)).isEqualTo(1);
        assertThat(pendingWrites(id)).isEqualTo(1);

        assertThat(api.patch("usr_qin", path, "{\"email\": \"next@example.com\"}").status()).isEqualTo(200);
        assertThat(pendingWrites(id)).isZero();
        assertThat(RowsWritten.of("pending_write", id)).isEqualTo(1);
    }

    private int pendingWrites(String objectId) {
        return jdbc.sql("select count(*) from pending_write where object_id = ?").param(objectId)
                .query(Integer.class).single();
    }
}
