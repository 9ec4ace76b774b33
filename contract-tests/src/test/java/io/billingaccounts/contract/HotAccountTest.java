package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


/**
 * 32 clients PATCHing one billing account for 10 seconds (system property {@code hot.seconds}) through an
 * emulator outside the server: the writers queue for the account's turn instead of failing, and each
 * acknowledged change costs Stripe at most one customer update, which a Stripe that answers concurrent writes of
 * one object with lock_timeout, and limits writes a second, needs.
 */
@Tag("long")
class HotAccountTest extends AgainstServerWithEmulator {

    private static final int WRITERS = 32;

    @Test
    void writersOfOneAccountQueueAndEachAcknowledgedChangeCostsOneStripeWrite() throws Exception {
        String ws = api.post("usr_hot", "/workspaces", "{\"name\": \"Hot\", \"billing_mode\": \"single\"}").text("id");
        String account = ServiceScenarios.accounts(ws) + "/"
                + api.post("usr_hot", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT).text("id");
        stripe.clearRequests();
        AtomicInteger acknowledged = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        long end = System.nanoTime() + Duration.ofSeconds(Long.getLong("hot.seconds", 10)).toNanos();

        ServiceScenarios.concurrently(WRITERS, client -> {
            for (int n = 0; System.nanoTime() < end; n++) {
                Reply reply = api.patch("usr_hot", account, "{\"name\": \"writer " + client + " #" + n + "\"}");
                statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
                if (reply.status() == 200) {
                    acknowledged.incrementAndGet();
                }
            }
            return null;
        });

        assertThat(statuses.keySet()).as("statuses seen: " + statuses).containsOnly(200);
        assertThat(acknowledged.get()).isGreaterThan(WRITERS);
        long customerUpdates = stripe.calls("POST", "/v1/customers/");
        assertThat(customerUpdates).as("Stripe customer updates for %d acknowledged changes", acknowledged.get())
                .isPositive().isLessThanOrEqualTo(acknowledged.get());
        String customerId = account.substring(account.lastIndexOf('/') + 1);
        assertThat(FaultRecoveryTest.sameFields(api.get("usr_hot", account).json(), stripe.customer(customerId)))
                .isTrue();
    }
}
