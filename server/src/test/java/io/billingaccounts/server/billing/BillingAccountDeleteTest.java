package io.billingaccounts.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;

/**
 * A billing account's delete judges its subscriptions from the mirror, with the subscription creates under way:
 * it asks Stripe nothing before refusing, and a create holding its place keeps the account as a subscription does.
 */
class BillingAccountDeleteTest extends ServiceTest {

    private static final String OWNER = "usr_dee";

    @Autowired
    private JdbcClient jdbc;

    @Test
    void anActiveSubscriptionInTheMirrorKeepsTheAccountUntilItHasEnded() {
        String workspace = api.workspace(OWNER, "single");
        String account = api.account(OWNER, workspace);
        String path = "/workspaces/" + workspace + "/billing-accounts/" + account;
        Reply subscribed = api.send(OWNER, "POST", path + "/subscriptions",
                "{\"product_quantities\": {\"users\": 1}}", Map.of());
        assertThat(subscribed.status()).as(subscribed.raw().body()).isEqualTo(201);

        STRIPE.requests().clear();
        assertRefused(path);
        assertThat(STRIPE.requests().entries()).as("asks Stripe nothing before refusing").isEmpty();

        // Ended in Stripe, and the mirror not told yet: the mirror's word still keeps the account.
        stripeDelete("/v1/subscriptions/" + subscribed.text("id"));
        assertRefused(path);
        Reply synced = api.patch(OWNER, path + "/subscriptions/" + subscribed.text("id"), "{\"action\": \"sync\"}");
        assertThat(synced.text("status")).isEqualTo("canceled");

        assertThat(api.send(OWNER, "DELETE", path, null, Map.of()).status()).isEqualTo(204);
        assertThat(stripeCustomer(account).path("deleted").asBoolean()).isTrue();
    }

    @Test
    void aSubscriptionCreateUnderWayKeepsTheAccount() {
        String workspace = api.workspace(OWNER, "single");
        String account = api.account(OWNER, workspace);
        String path = "/workspaces/" + workspace + "/billing-accounts/" + account;
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.sql("""
                insert into pending_write (id, resource, object_id, kind, scope_id, abandoned, holder, created_at,
                    expires_at)
                values ('create-under-way', 'subscription', 'create/create-under-way', 'create', ?, false,
                    'create-under-way', ?, ?)""")
                .params(account, now, now.plusHours(1)).update();
        try {
            assertRefused(path);
        } finally {
            jdbc.sql("delete from pending_write where id = 'create-under-way'").update();
        }

        assertThat(api.send(OWNER, "DELETE", path, null, Map.of()).status()).isEqualTo(204);
        assertThat(api.get(OWNER, path).status()).isEqualTo(404);
    }

    private void assertRefused(String path) {
        Reply refused = api.send(OWNER, "DELETE", path, null, Map.of());
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("active_subscriptions_exist");
        assertThat(api.get(OWNER, path).status()).isEqualTo(200);
    }
}
