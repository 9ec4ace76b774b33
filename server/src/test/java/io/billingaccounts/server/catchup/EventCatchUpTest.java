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
    void anInvoiceOfMoreLinesThanStripeEmbedsIsMirroredWhole() {
        String workspace = api.workspace(OWNER, "pooled");
        String customer = api.account(OWNER, workspace);
        String account = "/workspaces/" + workspace + "/billing-accounts/" + customer;
        Reply setup = api.send(OWNER, "POST", account + "/payment-methods", null, Map.of());
        confirmCard(setup.text("client_secret"), "pm_card_visa");
        assertThat(api.get(OWNER, account + "/payment-methods").json().path("data").size()).isEqualTo(1);
        StringBuilder items = new StringBuilder("customer=" + customer);
        for (int n = 0; n < 12; n++) {
            items.append("&items[").append(n).append("][price_data][currency]=usd&items[").append(n)
                    .append("][price_data][product]=prod_locations&items[").append(n)
                    .append("][price_data][unit_amount]=").append(100 * (n + 1)).append("&items[").append(n)
                    .append("][price_data][recurring][interval]=month");
        }
        JsonNode made = stripePost("/v1/subscriptions", items.toString() + "&expand[]=latest_invoice");
        assertThat(made.path("latest_invoice").path("lines").path("has_more").asBoolean()).isTrue();

        catchUp.catchUp();

        JsonNode invoices = api.get(OWNER, account + "/invoices").json().path("data");
        assertThat(invoices.size()).isEqualTo(1);
        assertThat(invoices.get(0).path("lines").size()).isEqualTo(12);
        assertThat(invoices.get(0).path("total").asLong()).isEqualTo(100L * 12 * 13 / 2);
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
