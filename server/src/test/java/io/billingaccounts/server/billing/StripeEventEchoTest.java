package io.billingaccounts.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.billingaccounts.server.stripe.StripeEvent;
import io.billingaccounts.server.support.ServiceTest;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import io.billingaccounts.stripe.emulator.requestlog.LoggedRequest;
import tools.jackson.databind.JsonNode;

/**
 * Stripe's events of the service's own writes: their echo costs nothing even when it comes after later changes,
 * where the event's copy of the customer no longer matches the mirror.
 */
class StripeEventEchoTest extends ServiceTest {

    @Autowired
    private DriftReconciler drift;

    @Test
    void aLateEchoOfTheServicesOwnUpdateCostsNoStripeCallWhileAnUnknownChangeIsReadAfresh() {
        String workspace = api.workspace("usr_echo", "pooled");
        String account = api.account("usr_echo", workspace);
        String path = "/workspaces/" + workspace + "/billing-accounts/" + account;
        STRIPE.requests().clear();
        assertThat(api.patch("usr_echo", path, "{\"name\": \"First\"}").status()).isEqualTo(200);
        String firstWrite = latestStripeWrite();
        JsonNode afterFirst = stripeCustomer(account);
        assertThat(api.patch("usr_echo", path, "{\"name\": \"Second\"}").status()).isEqualTo(200);

        STRIPE.requests().clear();
        drift.on(new StripeEvent("customer.updated", account, afterFirst, firstWrite));
        assertThat(STRIPE.requests().count("GET /v1/customers/*")).isZero();

        drift.on(new StripeEvent("customer.updated", account, afterFirst, "made-elsewhere"));
        assertThat(STRIPE.requests().count("GET /v1/customers/*")).isEqualTo(1);
        assertThat(STRIPE.requests().count("POST /v1/customers/*")).isZero();
        assertThat(api.get("usr_echo", path).text("name")).isEqualTo("Second");
    }

    /**
     * A write is known as the service's own from the moment it is sent: its echo may arrive before it settles, or
     * after it was handed to recovery (which reads the customer afresh itself), and costs nothing either way.
     */
    @Test
    void theEchoOfAWriteStillUnsettledCostsNothing() {
        String workspace = api.workspace("usr_echo", "pooled");
        String account = api.account("usr_echo", workspace);
        String path = "/workspaces/" + workspace + "/billing-accounts/" + account;
        STRIPE.requests().clear();
        STRIPE.faults().inject("POST /v1/customers/*", FaultKind.COMMIT_THEN_500, 10);
        assertThat(api.patch("usr_echo", path, "{\"name\": \"Half done\"}").status()).isIn(502, 503);
        STRIPE.faults().clear();
        String unsettled = latestStripeWrite();

        JsonNode echoed = stripeCustomer(account);
        STRIPE.requests().clear();
        drift.on(new StripeEvent("customer.updated", account, echoed, unsettled));

        assertThat(STRIPE.requests().entries()).isEmpty();
        assertThat(api.get("usr_echo", path).text("name")).isEqualTo("ACME");
    }

    /** The Idempotency-Key of the newest POST Stripe received: the write id of the service's last write. */
    private static String latestStripeWrite() {
        return STRIPE.requests().entries().stream()
                .filter(request -> request.method().equals("POST")).map(LoggedRequest::idempotencyKey)
                .reduce((earlier, later) -> later).orElseThrow();
    }
}
