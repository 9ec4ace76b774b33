package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The organizations' operations under the per-caller rate limit ({@code billing.rate-limit.requests-per-minute}):
 * each answers 429 with {@code Retry-After} in the Error schema once the caller's budget is spent, and nothing is
 * done; another caller goes on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedServers.class)
class OrganizationRateLimitTest {

    private static final int LIMIT = 20;

    private ServerProcess server;
    private RawApi api;

    @BeforeAll
    void start(@StartedWith(StartedWith.RATE_LIMITED) ServerProcess shared) {
        server = shared;
        api = new RawApi(server.baseUrl());
    }

    @Test
    void everyOrganizationOperationAnswers429OnceTheCallersBudgetIsSpent() {
        String owner = "usr_org_rl_owner";
        String busy = "usr_org_rl_busy";
        Reply ws = api.post(owner, "/workspaces", "{\"name\": \"RL\", \"billing_mode\": \"pooled\"}");
        assertThat(ws.status()).as(ws.toString()).isEqualTo(201);
        String id = ws.text("id");
        assertThat(api.post(owner, "/workspaces/" + id + "/members",
                "{\"user_id\": \"" + busy + "\", \"role\": \"admin\"}").status()).isEqualTo(201);
        String orgs = OrganizationScenarios.orgs(id);
        Reply root = api.post(owner, orgs, "{\"name\": \"RL root\", \"picture\": \""
                + OrganizationScenarios.dataUri("image/png", OrganizationScenarios.PNG) + "\"}");
        assertThat(root.status()).as(root.toString()).isEqualTo(201);
        Reply child = api.post(owner, orgs + "/" + root.text("id") + "/children", "{\"name\": \"RL child\"}");
        assertThat(child.status()).as(child.toString()).isEqualTo(201);

        List<String[]> operations = new ArrayList<>(OrganizationScenarios.reads(id, root.text("id"), child.text("id")));
        operations.addAll(OrganizationScenarios.writes(id, root.text("id"), child.text("id")));
        assertThat(operations).hasSize(12);
        for (String[] op : operations) {
            Reply limited = limitedCall(busy, op[0], op[1], op[2]);
            assertThat(limited.status()).as(op[0] + " " + op[1] + ": " + limited).isEqualTo(429);
            assertThat(Integer.parseInt(limited.header("Retry-After"))).as(op[0] + " " + op[1]).isBetween(1, 3);
            assertThat(limited.text("type")).isEqualTo("rate_limit_error");
            assertThat(limited.text("code")).isEqualTo("rate_limit_exceeded");
        }

        // The owner's budget is its own.
        Reply list = api.get(owner, orgs);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data")).extracting(o -> o.path("name").asString())
                .startsWith("RL root", "RL child");
    }

    /** Calls until the first 429. */
    private void spend(String caller, String path) {
        for (int calls = 0; calls < 3 * LIMIT; calls++) {
            if (api.get(caller, path).status() == 429) {
                return;
            }
        }
        throw new AssertionError(caller + " was never limited");
    }

    /** The call, made right after a 429 proved the budget spent; again should a token have arrived in between. */
    private Reply limitedCall(String caller, String method, String path, String body) {
        return await(method + " " + path + " to meet an empty bucket").atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    spend(caller, "/workspaces/ws_doesnotexist0000");
                    return api.call(method, path, caller, body);
                }, reply -> reply.status() == 429);
    }
}
