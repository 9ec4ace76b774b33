package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-caller rate limiting ({@code billing.rate-limit.requests-per-minute}): every operation answers 429 with
 * {@code Retry-After} in the Error schema once the caller's budget is spent, other callers go on, concurrent
 * requests never get more than the budget, it is off by default, and on PostgreSQL two instances share one budget.
 * With 20 a minute the bucket gains a token every 3 seconds, which the bounds below allow for when a burst is slow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedServers.class)
class RateLimitTest {

    private static final int LIMIT = 20;
    private static final long NANOS_PER_TOKEN = 60_000_000_000L / LIMIT;
    private static final List<String> LIMITED = List.of(StartedWith.RATE_LIMITED);

    private ServerProcess server;
    private RawApi api;

    @BeforeAll
    void start(@StartedWith(StartedWith.RATE_LIMITED) ServerProcess shared) {
        server = shared;
        api = new RawApi(server.baseUrl());
    }

    @Test
    void everyOperationAnswers429OnceTheCallersBudgetIsSpentAndOtherCallersGoOn() {
        String ws = created(api.post("usr_rl_owner", "/workspaces", "{\"name\": \"RL\", \"billing_mode\": \"pooled\"}"));
        String members = "/workspaces/" + ws + "/members";
        String accounts = ServiceScenarios.accounts(ws);
        assertThat(api.post("usr_rl_owner", members, "{\"user_id\": \"usr_rl_busy\", \"role\": \"admin\"}").status())
                .isEqualTo(201);
        String account = accounts + "/" + created(api.post("usr_rl_owner", accounts, ServiceScenarios.ACCOUNT));

        long started = System.nanoTime();
        int allowed = spend("usr_rl_busy", "/workspaces/" + ws);
        long elapsed = System.nanoTime() - started;
        assertThat(allowed).as("calls before the first 429, in %d ms", elapsed / 1_000_000)
                .isBetween(LIMIT, (int) (LIMIT + elapsed / NANOS_PER_TOKEN));

        List<String[]> operations = List.of(
                new String[] {"POST", "/workspaces", "{\"name\": \"W\", \"billing_mode\": \"single\"}"},
                new String[] {"GET", "/workspaces/" + ws, null},
                new String[] {"GET", members, null},
                new String[] {"POST", members, "{\"user_id\": \"usr_rl_z\", \"role\": \"viewer\"}"},
                new String[] {"GET", accounts, null},
                new String[] {"POST", accounts, ServiceScenarios.ACCOUNT},
                new String[] {"GET", account, null},
                new String[] {"PATCH", account, "{\"name\": \"X\"}"},
                new String[] {"DELETE", account, null},
                new String[] {"GET", account + "/trial-eligibility", null},
                new String[] {"GET", account + "/payment-methods", null},
                new String[] {"POST", account + "/payment-methods", null},
                new String[] {"PUT", account + "/payment-methods/pm_rl0000000000", null},
                new String[] {"DELETE", account + "/payment-methods/pm_rl0000000000", null},
                new String[] {"GET", account + "/subscriptions", null},
                new String[] {"POST", account + "/subscriptions", "{\"product_quantities\": {\"users\": 1}}"},
                new String[] {"GET", account + "/subscriptions/sub_rl0000000000", null},
                new String[] {"PATCH", account + "/subscriptions/sub_rl0000000000", "{\"action\": \"sync\"}"},
                new String[] {"DELETE", account + "/subscriptions/sub_rl0000000000", null},
                new String[] {"GET", account + "/invoices", null},
                new String[] {"POST", account + "/invoices/preview",
                        "{\"items\": [{\"product_type\": \"users\", \"quantity\": 1, \"interval\": \"month\"}]}"},
                new String[] {"GET", "/workspaces", null},
                new String[] {"PATCH", "/workspaces/" + ws, "{\"name\": \"X\"}"},
                new String[] {"PATCH", members + "/usr_rl_busy", "{\"role\": \"viewer\"}"},
                new String[] {"DELETE", members + "/usr_rl_busy", null},
                new String[] {"DELETE", "/workspaces/" + ws, null});
        for (String[] op : operations) {
            Reply limited = limitedCall("usr_rl_busy", op[0], op[1], op[2]);
            assertThat(limited.status()).as(op[0] + " " + op[1] + ": " + limited).isEqualTo(429);
            assertThat(Integer.parseInt(limited.header("Retry-After"))).as(op[0] + " " + op[1]).isBetween(1, 3);
            assertThat(limited.text("type")).isEqualTo("rate_limit_error");
            assertThat(limited.text("code")).isEqualTo("rate_limit_exceeded");
            assertThat(limited.text("doc_url")).endsWith("/rate_limit_exceeded");
            assertThat(limited.header("Request-Id")).startsWith("req_");
        }

        // Other callers have budgets of their own; the service's own pages are not counted.
        assertThat(api.get("usr_rl_owner", account).text("name")).isEqualTo("ACME Corp Billing");
        assertThat(api.get("usr_rl_owner", members).json().path("data").size()).isEqualTo(2);
        assertThat(api.get("usr_rl_stranger", "/workspaces/" + ws).status()).isEqualTo(404);
        for (String page : List.of("/openapi.yaml", "/actuator/health")) {
            int status = api.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + page))
                    .header("Authorization", "Bearer " + api.token("usr_rl_busy")).build()).statusCode();
            assertThat(status).as(page).isEqualTo(200);
        }
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAfterRetryAfterRunsForReal() throws Exception {
        spend("usr_rl_retry", "/workspaces/ws_doesnotexist0000");
        String body = "{\"name\": \"Retried\", \"billing_mode\": \"single\"}";
        Reply limited = limitedCall("usr_rl_retry", "POST", "/workspaces", body, "Idempotency-Key", "rl-key");
        assertThat(limited.status()).isEqualTo(429);
        Duration retryAfter = Duration.ofSeconds(Integer.parseInt(limited.header("Retry-After")));
        Reply retried = await("the retry to be let through once Retry-After has passed")
                .atMost(retryAfter.plusSeconds(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.post("usr_rl_retry", "/workspaces", body, "Idempotency-Key", "rl-key"),
                        reply -> reply.status() != 429);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void concurrentRequestsOfOneCallerNeverGetMoreThanTheBudget() throws Exception {
        String caller = "usr_rl_burst";
        api.token(caller);
        long started = System.nanoTime();
        List<Integer> statuses = ServiceScenarios.concurrently(2 * LIMIT,
                i -> api.get(caller, "/workspaces/ws_doesnotexist0000").status());
        long elapsed = System.nanoTime() - started;
        assertThat(statuses).containsOnly(404, 429);
        assertThat(statuses.stream().filter(s -> s == 404).count())
                .as("answered (not 429) of %d concurrent calls in %d ms", 2 * LIMIT, elapsed / 1_000_000)
                .isBetween((long) LIMIT, LIMIT + elapsed / NANOS_PER_TOKEN);
    }

    @Test
    void rateLimitingIsOffByDefault(ServerProcess plain) {
        RawApi unlimited = new RawApi(plain.baseUrl());
        for (int i = 0; i < 3 * LIMIT + 10; i++) {
            assertThat(unlimited.get("usr_rl_free", "/workspaces/ws_doesnotexist0000").status()).isEqualTo(404);
        }
    }

    /** Two more starts on PostgreSQL: with the other scale-out tests, in the long run. */
    @Test
    @Tag("long")
    void twoInstancesOnOnePostgresqlShareEachCallersBudget() throws Exception {
        List<String> database = PostgresDatabase.freshSchemaArgs();
        List<String> args = new ArrayList<>(database);
        args.addAll(LIMITED);
        // Each instance's own embedded Stripe is enough here: only the shared rate limit is under test.
        args.add("--billing.embedded-stripe=true");
        try (ServerProcess first = ServerProcess.start(args, Map.of());
             ServerProcess second = ServerProcess.start(args, Map.of())) {
            RawApi one = new RawApi(first.baseUrl());
            RawApi two = new RawApi(second.baseUrl());
            // Each instance issues its own development tokens; the caller is the same sub on both.
            String caller = "usr_rl_shared";
            one.token(caller);
            two.token(caller);
            long started = System.nanoTime();
            List<Reply> replies = ServiceScenarios.concurrently(30,
                    i -> (i % 2 == 0 ? one : two).get(caller, "/workspaces/ws_doesnotexist0000"));
            long elapsed = System.nanoTime() - started;
            assertThat(replies).extracting(Reply::status).containsOnly(404, 429);
            assertThat(replies.stream().filter(r -> r.status() == 404).count())
                    .as("answered (not 429) of 15 + 15 calls in %d ms", elapsed / 1_000_000)
                    .isBetween((long) LIMIT, LIMIT + elapsed / NANOS_PER_TOKEN);
            for (Reply limited : replies.stream().filter(r -> r.status() == 429).toList()) {
                assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 3);
                assertThat(limited.text("code")).isEqualTo("rate_limit_exceeded");
            }
            // Another caller still has a full budget on either instance.
            assertThat(two.get("usr_rl_other", "/workspaces/ws_doesnotexist0000").status()).isEqualTo(404);
        }
    }

    /** Calls until the first 429 and answers how many calls went through before it. */
    private int spend(String caller, String path) {
        for (int calls = 0; calls < 3 * LIMIT; calls++) {
            if (api.get(caller, path).status() == 429) {
                return calls;
            }
        }
        throw new AssertionError(caller + " was never limited");
    }

    /**
     * The call, made right after a 429 proved the budget spent. Should a token arrive in between (one every 3 s),
     * the call goes through; spending again makes the next try meet an empty bucket.
     */
    private Reply limitedCall(String caller, String method, String path, String body, String... headers) {
        return await(method + " " + path + " to meet an empty bucket").atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    spend(caller, "/workspaces/ws_doesnotexist0000");
                    return api.call(method, path, caller, body, headers);
                }, reply -> reply.status() == 429);
    }

    private static String created(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.text("id");
    }
}
