package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A burst of 256 clients creating and updating billing accounts against a Stripe that allows 25 writes a second
 * (test mode's limit), with the server's own limit set to the same: the burst queues within each request's
 * deadline, what does not fit is refused with 503 and Retry-After before anything reaches Stripe, Stripe never
 * refuses a call for its rate, and every acknowledged change is in Stripe and in the API alike.
 */
@Tag("long")
class StripeRateLimitBurstTest extends AgainstServerWithEmulator {

    private static final int CLIENTS = 256;
    private static final int STRIPE_WRITES_PER_SECOND = 25;

    @Override
    List<String> serverArgs() {
        return List.of("--stripe.rate-limit.writes-per-second=" + STRIPE_WRITES_PER_SECOND,
                "--stripe.rate-limit.reads-per-second=" + STRIPE_WRITES_PER_SECOND,
                "--billing.recovery.interval=PT0.5S", "--billing.recovery.initial-delay=PT0.5S");
    }

    @Test
    void aBurstQueuesOrIsRefusedWithRetryAfterAndStripeNeverSeesMoreThanItsLimit() throws Exception {
        stripe.rateLimits(STRIPE_WRITES_PER_SECOND, STRIPE_WRITES_PER_SECOND);
        List<String> workspaces = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        // 16 pooled workspaces of at most 10 accounts each: 8 creates land on each, beside the one made first.
        for (int w = 0; w < 16; w++) {
            String ws = workspace("usr_alice", "pooled");
            workspaces.add(ws);
            existing.add(account(ws, ServiceScenarios.ACCOUNT));
        }
        stripe.clearRequests();

        List<Outcome> outcomes = ServiceScenarios.concurrently(CLIENTS, client -> {
            if (client % 2 == 0) {
                String path = existing.get(client / 2 % existing.size());
                String name = "Renamed by " + client;
                return new Outcome(path, name, api.patch("usr_alice", path, "{\"name\": \"" + name + "\"}"));
            }
            String ws = workspaces.get(client / 2 % workspaces.size());
            String name = "Burst " + client;
            return new Outcome(null, name, api.post("usr_alice", ServiceScenarios.accounts(ws),
                    ServiceScenarios.ACCOUNT.replace("ACME Corp Billing", name),
                    "Idempotency-Key", UUID.randomUUID().toString()));
        });

        assertThat(stripe.rateLimited()).as("calls Stripe refused for their rate").isZero();
        stripe.rateLimits(0, 0);
        long created = 0;
        Map<String, List<String>> renames = new HashMap<>();
        for (Outcome outcome : outcomes) {
            Reply reply = outcome.reply();
            assertThat(reply.status()).as(reply.toString()).isIn(200, 201, 503);
            if (reply.status() == 503) {
                assertThat(reply.header("Retry-After")).as(reply.toString()).isNotNull();
                // Refused before Stripe was called (its turn at Stripe, or the account's, did not come in time), or
                // sent too late to hear Stripe's answer: then recovery learns it, below.
                assertThat(reply.text("code")).isIn("stripe_rate_limited", "concurrent_changes",
                        "stripe_outcome_pending");
            }
            if (reply.status() == 200) {
                renames.computeIfAbsent(outcome.path(), p -> new ArrayList<>()).add(outcome.name());
            }
            if (reply.status() == 201) {
                created++;
                assertThat(FaultRecoveryTest.sameFields(reply.json(), stripe.customer(reply.text("id")))).isTrue();
            }
        }
        assertThat(outcomes.stream().filter(o -> o.reply().status() / 100 == 2)).as("acknowledged").isNotEmpty();
        for (String path : existing) {
            Reply account = api.get("usr_alice", path);
            String id = path.substring(path.lastIndexOf('/') + 1);
            assertThat(FaultRecoveryTest.sameFields(account.json(), stripe.customer(id))).isTrue();
            if (renames.containsKey(path)) {
                assertThat(renames.get(path)).as("acknowledged renames of " + path).contains(account.text("name"));
            }
        }
        long pending = outcomes.stream().filter(o -> "stripe_outcome_pending".equals(o.reply().text("code"))).count();
        await("the API to list what Stripe holds").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String ws : workspaces) {
                List<String> listed = new ArrayList<>();
                api.get("usr_alice", ServiceScenarios.accounts(ws)).json().path("data")
                        .forEach(a -> listed.add(a.path("id").asString()));
                assertThat(listed).as("accounts of " + ws).containsExactlyInAnyOrderElementsOf(
                        stripe.customersOf(ws).keySet());
            }
        });
        long customers = workspaces.stream().mapToLong(ws -> stripe.customersOf(ws).size()).sum();
        assertThat(customers).as("Stripe customers: the 16 made first, one per acknowledged create, and at most one"
                + " per create whose outcome was pending").isBetween(existing.size() + created,
                existing.size() + created + pending);
    }

    private record Outcome(String path, String name, Reply reply) {
    }
}
