package io.billingaccounts.server.catchup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;
import tools.jackson.databind.JsonNode;

/**
 * Catch-up, with a Stripe that sends no webhook at all: what changed in Stripe reaches the API when Stripe's events
 * are read, through the same step as a webhook; the echo of the service's own writes costs nothing there.
 */
class EventCatchUpTest extends ServiceTest {

    private static final String OWNER = "usr_cato";

    @Autowired
    private EventCatchUp catchUp;

    @Test
    void aChangeMadeInStripeReachesTheApiWhenStripesEventsAreRead() {
        String workspace = api.workspace(OWNER, "pooled");
        String id = api.account(OWNER, workspace);
        String path = "/workspaces/" + workspace + "/billing-accounts/" + id;
        stripePost("/v1/customers/" + id, "name=Renamed+in+the+dashboard");
        assertThat(api.get(OWNER, path).text("name")).isEqualTo("ACME");

        catchUp.catchUp();

        assertThat(api.get(OWNER, path).text("name")).isEqualTo("Renamed in the dashboard");
    }

    @Test
    void theEchoOfTheServicesOwnWritesCostsNoStripeCall() {
        String workspace = api.workspace(OWNER, "pooled");
        String id = api.account(OWNER, workspace);
        assertThat(api.patch(OWNER, "/workspaces/" + workspace + "/billing-accounts/" + id,
                "{\"name\": \"Renamed here\"}").status()).isEqualTo(200);
        STRIPE.requests().clear();

        catchUp.catchUp();

        assertThat(STRIPE.requests().count("GET /v1/events")).isPositive();
        assertThat(STRIPE.requests().entries()).noneMatch(request -> request.path().contains(id));
    }

    @Test
    void aLookupKeyMovedToANewPriceIsFollowedOnceItsEventsAreRead() {
        String workspace = api.workspace(OWNER, "single");
        String account = "/workspaces/" + workspace + "/billing-accounts/" + api.account(OWNER, workspace);
        assertThat(api.send(OWNER, "POST", account + "/subscriptions", "{\"product_quantities\": {\"sso\": 1}}",
                Map.of()).status()).isEqualTo(201);
        JsonNode moved = stripePost("/v1/prices", "currency=usd&unit_amount=7000&product=prod_sso"
                + "&recurring[interval]=month&lookup_key=sso_monthly_usd&transfer_lookup_key=true");
        try {
            catchUp.catchUp();
            String other = api.workspace(OWNER, "single");
            String next = "/workspaces/" + other + "/billing-accounts/" + api.account(OWNER, other);

            Reply subscribed = api.send(OWNER, "POST", next + "/subscriptions",
                    "{\"product_quantities\": {\"sso\": 1}}", Map.of());

            assertThat(subscribed.json().path("product_quantities").path("sso").path("price_id").asString())
                    .isEqualTo(moved.path("id").asString());
        } finally {
            stripePost("/v1/prices/price_sso_monthly_usd", "lookup_key=sso_monthly_usd&transfer_lookup_key=true");
            catchUp.catchUp();
        }
    }
}
