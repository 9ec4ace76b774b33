package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * 32 clients for 30 seconds (system property {@code soak.seconds}) on four shared accounts: 24 writers each own
 * one field of one account and write it over and over, 8 others read, list and send no-op patches. No answer is
 * a 5xx, and in the end each field holds its writer's last acknowledged value, in the database and in Stripe.
 */
@Tag("long")
class SoakTest extends AgainstServerWithEmulator {

    private static final List<String> FIELDS = List.of("name", "email", "phone", "description", "city", "postal_code");
    private static final int ACCOUNTS = 4;
    private static final int READERS = 8;

    @Override
    List<String> serverArgs() {
        return FaultRecoveryTest.RECOVERY_ARGS;
    }

    @Test
    void mixedLoadLosesNoAcknowledgedWriteAndNeverFails() throws Exception {
        String ws = api.post("usr_soak", "/workspaces", "{\"name\": \"S\", \"billing_mode\": \"pooled\"}").text("id");
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.add(ServiceScenarios.accounts(ws) + "/"
                    + api.post("usr_soak", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT).text("id"));
        }
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        long end = System.nanoTime() + Duration.ofSeconds(Long.getLong("soak.seconds", 30)).toNanos();
        int writers = ACCOUNTS * FIELDS.size();

        ServiceScenarios.concurrently(writers + READERS, client -> {
            for (int n = 0; System.nanoTime() < end; n++) {
                Reply reply;
                if (client < writers) {
                    String account = accounts.get(client / FIELDS.size());
                    String field = FIELDS.get(client % FIELDS.size());
                    String value = valueOf(field, client, n);
                    reply = api.patch("usr_soak", account, patchOf(field, value));
                    if (reply.status() == 200) {
                        acknowledged.put(account + " " + field, value);
                    }
                } else {
                    String account = accounts.get(ThreadLocalRandom.current().nextInt(ACCOUNTS));
                    reply = switch (client % 3) {
                        case 0 -> api.get("usr_soak", account);
                        case 1 -> api.get("usr_soak", ServiceScenarios.accounts(ws));
                        default -> api.patch("usr_soak", account, "{}");
                    };
                }
                statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
            }
            return null;
        });

        assertThat(statuses.keySet()).as("statuses seen: " + statuses).allMatch(s -> s < 500);
        assertThat(statuses.get(200).get()).as("statuses seen: " + statuses).isGreaterThan(writers * 5);
        assertThat(acknowledged).hasSize(writers);
        for (String account : accounts) {
            JsonNode stored = api.get("usr_soak", account).json();
            for (String field : FIELDS) {
                JsonNode actual = field.equals("city") || field.equals("postal_code")
                        ? stored.path("address").path(field) : stored.path(field);
                assertThat(actual.asString()).as(account + " " + field).isEqualTo(acknowledged.get(account + " " + field));
            }
        }
        awaitStripeMatches(accounts);
    }

    private void awaitStripeMatches(List<String> accounts) {
        await("Stripe to match the accounts").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(accounts).allMatch(path -> FaultRecoveryTest.sameFields(
                        api.get("usr_soak", path).json(), stripe.customer(path.substring(path.lastIndexOf('/') + 1))),
                        "the same fields in Stripe"));
    }

    private static String valueOf(String field, int client, int n) {
        return switch (field) {
            case "email" -> "w" + client + "n" + n + "@example.com";
            case "phone" -> "+1555" + client + "0" + n;
            case "postal_code" -> client + "-" + n;
            default -> "writer " + client + " #" + n;
        };
    }

    private static String patchOf(String field, String value) {
        return field.equals("city") || field.equals("postal_code")
                ? "{\"address\": {\"" + field + "\": \"" + value + "\"}}"
                : "{\"" + field + "\": \"" + value + "\"}";
    }
}
