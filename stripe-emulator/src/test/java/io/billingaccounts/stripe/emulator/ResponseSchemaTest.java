package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.ValidationReport;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every shape the emulator answers with validates against Stripe's spec extract. */
class ResponseSchemaTest extends EmulatorTest {

    private static final String FULL_CUSTOMER = String.join("&",
            "name=Ann", "email=ann%40example.com", "description=first", "phone=%2B33123456", "balance=-500",
            "invoice_prefix=ANN1", "next_invoice_sequence=7", "tax_exempt=exempt",
            "preferred_locales[0]=fr", "preferred_locales[1]=en",
            "address[line1]=1+Rue+de+Rivoli", "address[city]=Paris", "address[country]=FR",
            "shipping[name]=Ann", "shipping[address][city]=Paris",
            "invoice_settings[footer]=Thanks", "invoice_settings[custom_fields][0][name]=VAT",
            "invoice_settings[custom_fields][0][value]=FR123", "invoice_settings[rendering_options][amount_tax_display]=exclude_tax",
            "metadata[workspace_id]=ws_1", "tax[ip_address]=127.0.0.1",
            "cash_balance[settings][reconciliation_mode]=manual", "tax_id_data[0][type]=eu_vat",
            "tax_id_data[0][value]=FR123");

    private static StripeResponseSchemas schemas;

    @BeforeAll
    static void loadSchemas() {
        schemas = new StripeResponseSchemas();
    }

    @Test
    void customerAnswersFitTheCustomerSchemas() {
        String id = RawHttp.json(valid("POST", "/v1/customers", FULL_CUSTOMER)).get("id").asString();
        valid("POST", "/v1/customers", "");
        valid("GET", "/v1/customers/" + id, null);
        valid("GET", "/v1/customers/" + id + "?expand[]=subscriptions&expand[]=sources&expand[]=tax_ids", null);
        valid("POST", "/v1/customers/" + id, "name=&address=&shipping=&metadata=&invoice_settings[custom_fields]=");
        valid("GET", "/v1/customers?limit=1", null);
        valid("GET", "/v1/customers/search?query=metadata%5B%27workspace_id%27%5D%3A%27ws_1%27&expand[]=total_count", null);
        valid("DELETE", "/v1/customers/" + id, null);
        valid("GET", "/v1/customers/" + id, null);
    }

    @Test
    void subscriptionAnswersFitTheSubscriptionSchemas() {
        String customer = RawHttp.json(valid("POST", "/v1/customers", "name=Ann")).get("id").asString();
        String id = RawHttp.json(valid("POST", "/v1/subscriptions", "customer=" + customer
                + "&items[0][price]=price_a&items[1][price_data][currency]=usd&items[1][price_data][product]=prod_1"
                + "&items[1][price_data][unit_amount]=500&items[1][price_data][recurring][interval]=month"
                + "&trial_period_days=7&metadata[plan]=pro&description=Pro&cancel_at_period_end=true")).get("id").asString();
        valid("GET", "/v1/subscriptions/" + id + "?expand[]=customer", null);
        valid("GET", "/v1/subscriptions?customer=" + customer + "&status=all&expand[]=data.customer", null);
        valid("DELETE", "/v1/subscriptions/" + id + "?cancellation_details[comment]=bye", null);
    }

    @Test
    void eventsFitTheEventSchemaAsRetrievedAndAsSent() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            emulator.webhooks().setEndpoint(receiver.url(), WebhookTest.SECRET);
            String customer = RawHttp.json(http.stripe("POST", "/v1/customers", FULL_CUSTOMER, "Idempotency-Key", "c1"))
                    .get("id").asString();
            http.stripe("POST", "/v1/customers/" + customer, "name=Anne&metadata[workspace_id]=&address=");
            String subscription = RawHttp.json(http.stripe("POST", "/v1/subscriptions", "customer=" + customer
                    + "&items[0][price]=price_a&trial_period_days=7")).get("id").asString();
            http.stripe("DELETE", "/v1/subscriptions/" + subscription, null);
            http.stripe("DELETE", "/v1/customers/" + customer, null);

            List<WebhookReceiver.Received> sent = receiver.next(6);

            assertThat(sent).extracting(WebhookReceiver.Received::type).containsExactly("customer.created",
                    "customer.updated", "customer.subscription.created", "customer.updated",
                    "customer.subscription.deleted", "customer.deleted");
            for (WebhookReceiver.Received event : sent) {
                valid("GET", "/v1/events/" + event.eventId() + "?expand[]=data&expand[]=request", null);
                ValidationReport asSent = schemas.validate("GET", "/v1/events/" + event.eventId(), 200, event.payload());
                assertThat(asSent.getMessages()).as("%s as sent:%n%s", event.type(), event.payload()).isEmpty();
            }
            assertThat(schemas.validate("GET", "/v1/events/x", 200,
                    sent.get(0).payload().replace("\"pending_webhooks\": 1", "\"pending_webhooks\": \"1\"")).hasErrors())
                    .as("the check sees into events").isTrue();
            valid("GET", "/v1/events/evt_missing", null);
            valid("GET", "/v1/events/" + sent.get(0).eventId() + "?expand[]=type", null);
        }
    }

    @Test
    void errorsFitTheErrorSchema() {
        valid("POST", "/v1/customers", "currency=eur");
        valid("GET", "/v1/customers/cus_missing", null);
        assertValid("GET", "/v1/customers", http.send("GET", "/v1/customers", null));
        http.stripe("POST", "/v1/customers", "name=Ann", "Idempotency-Key", "k");
        valid("POST", "/v1/customers", "name=Bob", "Idempotency-Key", "k");
        emulator.faults().inject("GET /v1/customers", FaultKind.HTTP_429, 1);
        valid("GET", "/v1/customers", null);
        emulator.faults().inject("GET /v1/customers", FaultKind.HTTP_500, 1);
        valid("GET", "/v1/customers", null);
    }

    @Test
    void theCheckCatchesAFieldStripeDoesNotHaveAndAValueOfTheWrongType() {
        String customer = http.stripe("POST", "/v1/customers", "name=Ann").body();

        ValidationReport unknownField = schemas.validate("GET", "/v1/customers/cus_x", 200,
                customer.replaceFirst("\"name\"", "\"nickname\""));
        ValidationReport stringAddress = schemas.validate("GET", "/v1/customers/cus_x", 200,
                customer.replaceFirst("\"address\": null", "\"address\": \"Paris\""));

        assertThat(unknownField.hasErrors()).isTrue();
        assertThat(stringAddress.hasErrors()).isTrue();
    }

    private HttpResponse<String> valid(String method, String pathAndQuery, String body, String... headers) {
        HttpResponse<String> response = http.stripe(method, pathAndQuery, body, headers);
        assertValid(method, pathAndQuery, response);
        return response;
    }

    private static void assertValid(String method, String pathAndQuery, HttpResponse<String> response) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        ValidationReport report = schemas.validate(method, path, response.statusCode(), response.body());
        assertThat(report.getMessages()).as("%s %s answered %s:%n%s", method, pathAndQuery, response.statusCode(),
                response.body()).isEmpty();
    }
}
