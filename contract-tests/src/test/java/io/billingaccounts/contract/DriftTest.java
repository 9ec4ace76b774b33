package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;


/**
 * Customers changed or deleted directly in Stripe: Stripe's signed webhooks reach the server, which brings the
 * account back in line, whether events come once, twice or out of order; forged events change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriftTest {

    private static final String SECRET = "whsec_contract_tests";

    private ServerWithEmulator service;
    private StripeEmulatorControl stripe;
    private RawApi api;
    private String accounts;

    @BeforeAll
    void start() throws Exception {
        service = ServerWithEmulator.startWithWebhooks(SECRET, List.of());
        stripe = service.stripe();
        api = service.api();
        String ws = api.post("usr_drift", "/workspaces", "{\"name\": \"D\", \"billing_mode\": \"pooled\"}").text("id");
        accounts = ServiceScenarios.accounts(ws);
    }

    @AfterAll
    void stop() throws Exception {
        service.close();
    }

    @Test
    void aChangeMadeInStripeIsTakenOverAndStaysSoWhateverTheEventOrder() throws Exception {
        String id = create();
        stripe.updateCustomer(id, "name=Renamed+in+Stripe&phone=%2B27215550101");
        awaitWebhookEffect(() -> "Renamed in Stripe".equals(api.get("usr_drift", accounts + "/" + id).text("name")));
        assertThat(api.get("usr_drift", accounts + "/" + id).text("phone")).isEqualTo("+27215550101");

        stripe.updateCustomer(id, "name=Renamed+again");
        awaitWebhookEffect(() -> "Renamed again".equals(api.get("usr_drift", accounts + "/" + id).text("name")));
        List<String> updates = stripe.sentEvents("customer.updated");
        long resent = stripe.deliveredResends();
        stripe.resend(updates.get(0));
        stripe.resend(updates.get(updates.size() - 1));
        // The endpoint answers once it has applied an event, so the account below is the one after both.
        await("the resent events to be taken").atMost(Duration.ofSeconds(20))
                .until(() -> stripe.deliveredResends() == resent + 2);
        assertThat(api.get("usr_drift", accounts + "/" + id).text("name")).isEqualTo("Renamed again");
        assertThat(FaultRecoveryTest.sameFields(api.get("usr_drift", accounts + "/" + id).json(), stripe.customer(id)))
                .isTrue();
    }

    @Test
    void theEchoOfTheServicesOwnChangeCostsNoStripeCall() throws Exception {
        String id = create();
        await("the create's events to be delivered").atMost(Duration.ofSeconds(20)).until(stripe::webhooksSettled);
        long readsBefore = stripe.calls("GET", "/v1/customers/" + id);
        long writesBefore = stripe.calls("POST", "/v1/customers/" + id);

        assertThat(api.patch("usr_drift", accounts + "/" + id, "{\"name\": \"Renamed through the API\"}").status())
                .isEqualTo(200);
        // Stripe makes the event before it answers the write: settled now means the endpoint has taken it.
        await("the update's customer.updated to be delivered").atMost(Duration.ofSeconds(20))
                .until(stripe::webhooksSettled);

        assertThat(stripe.calls("GET", "/v1/customers/" + id)).isEqualTo(readsBefore);
        assertThat(stripe.calls("POST", "/v1/customers/" + id)).isEqualTo(writesBefore + 1);
        assertThat(api.get("usr_drift", accounts + "/" + id).text("name")).isEqualTo("Renamed through the API");
    }

    @Test
    void aChangeInStripeThatBreaksTheRulesIsUndoneThere() throws Exception {
        String id = create();
        stripe.updateCustomer(id, "name=" + "n".repeat(150));
        awaitWebhookEffect(() -> stripe.customer(id).path("name").asString().equals("ACME Corp Billing"));
        assertThat(api.get("usr_drift", accounts + "/" + id).text("name")).isEqualTo("ACME Corp Billing");
    }

    @Test
    void aCustomerDeletedInStripeEndsItsAccount() throws Exception {
        String id = create();
        stripe.deleteCustomer(id);
        awaitWebhookEffect(() -> api.get("usr_drift", accounts + "/" + id).status() == 404);
        stripe.resend(stripe.sentEvents("customer.deleted").get(0));
        assertThat(api.get("usr_drift", accounts).json().path("data").toString()).doesNotContain(id);
    }

    @Test
    void aForgedEventChangesNothingAndIsCounted() throws Exception {
        String id = create();
        double rejectedBefore = metric("stripe_webhooks_total{result=\"rejected\"}");
        String forged = "{\"id\": \"evt_forged\", \"object\": \"event\", \"type\": \"customer.deleted\", "
                + "\"data\": {\"object\": {\"id\": \"" + id + "\", \"object\": \"customer\"}}}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(service.server().baseUrl() + "/stripe/webhooks"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=" + (System.currentTimeMillis() / 1000) + ",v1=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString(forged)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(api.get("usr_drift", accounts + "/" + id).status()).isEqualTo(200);
        assertThat(metric("stripe_webhooks_total{result=\"rejected\"}")).isEqualTo(rejectedBefore + 1);
        assertThat(service.server().output()).contains("Rejected a webhook call whose signature does not match");
    }

    @Test
    void theServicesMetricsAreScrapedWithoutAToken() throws Exception {
        create();
        awaitWebhookEffect(() -> metric("stripe_events_applied_total{source=\"webhook\"}") > 0);
        String scraped = scrape();
        for (String name : List.of("stripe_calls_seconds_count", "billing_writes_pending",
                "stripe_webhooks_total{result=\"received\"}", "stripe_events_lag_seconds")) {
            assertThat(scraped).as(name).contains(name);
        }
        assertThat(scraped).contains("operation=\"POST /v1/customers\"", "outcome=\"ok\"");
    }

    /** The value of one series in the server's Prometheus scrape; 0 when it is not there yet. */
    private double metric(String series) throws Exception {
        for (String line : scrape().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(service.server().baseUrl() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private String create() {
        return api.post("usr_drift", accounts, ServiceScenarios.ACCOUNT).text("id");
    }

    private static void awaitWebhookEffect(Callable<Boolean> condition) {
        await("the webhook's effect").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(condition);
    }
}
