package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Requests real Stripe would refuse fail here first, with Stripe's error. */
class ParameterValidationTest extends EmulatorTest {

    @Test
    void refusesAParameterStripeDoesNotTakeLikeACustomersCurrency() {
        assertRefused(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                        .setName("Ann").putExtraParam("currency", "eur").build()),
                "currency", "Received unknown parameter: currency");
        assertThat(emulator.requests().count("POST /v1/customers")).isEqualTo(1);
        assertThat(RawHttp.json(http.stripe("GET", "/v1/customers", null)).get("data")).isEmpty();
    }

    @Test
    void refusesParametersStripeDroppedByTheApiVersionStripeJavaPins() {
        assertRefused(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                .putExtraParam("coupon", "SAVE10").build()), "coupon", "Received unknown parameter: coupon");
    }

    @Test
    void takesParametersOfTheApiVersionStripeJavaPins() throws StripeException {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setBusinessName("Acme").setIndividualName("Ann Lee").build());

        assertThat(customer.getBusinessName()).isEqualTo("Acme");
        assertThat(customer.getIndividualName()).isEqualTo("Ann Lee");
    }

    @Test
    void refusesUnknownNestedKeysByTheirBracketedName() {
        assertRefused(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                        .setAddress(CustomerCreateParams.Address.builder().setCity("Paris")
                                .putExtraParam("planet", "Earth").build())
                        .build()),
                "address[planet]", "Received unknown parameter: address[planet]");
    }

    @Test
    void refusesWrongTypesAndValues() {
        assertRefusedRaw("POST", "/v1/customers", "balance=lots", "balance", "Invalid integer: lots");
        assertRefusedRaw("POST", "/v1/customers", "tax_exempt=sometimes", "tax_exempt",
                "Invalid tax_exempt: must be one of exempt, none, or reverse");
        assertRefusedRaw("POST", "/v1/customers", "address=Paris", "address", "Invalid hash");
        assertRefusedRaw("POST", "/v1/customers", "preferred_locales=fr", "preferred_locales", "Invalid array");
        assertRefusedRaw("GET", "/v1/customers?limit=ten", null, "limit", "Invalid integer: ten");
        assertRefusedRaw("GET", "/v1/customers?created=yesterday", null, "created", "Invalid integer: yesterday");
        assertRefusedRaw("GET", "/v1/customers?created[after]=1", null, "created[after]",
                "Received unknown parameter: created[after]");
        assertRefusedRaw("POST", "/v1/customers", "shipping[address][city]=Paris", "shipping[name]",
                "Missing required param: shipping[name].");
    }

    @Test
    void enforcesTheSpecsMaximumLengths() {
        String email = "a".repeat(501) + "@example.com";
        assertRefused(() -> stripe.v1().customers().create(CustomerCreateParams.builder().setEmail(email).build()),
                "email", "Invalid string: " + "a".repeat(50) + "...; must be at most 512 characters");
        assertRefused(() -> stripe.v1().customers().create(CustomerCreateParams.builder().setName("n".repeat(257)).build()),
                "name", null);
    }

    @Test
    void enforcesStripesMetadataLimits() throws StripeException {
        assertRefused(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                .putMetadata("k".repeat(41), "v").build()), "metadata[" + "k".repeat(41) + "]", null);
        assertRefused(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                .putMetadata("key", "v".repeat(501)).build()), "metadata[key]", null);
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("key" + i, "v");
        }
        Map<String, String> fiftyOne = new HashMap<>(fifty);
        fiftyOne.put("one_more", "v");
        assertRefused(() -> stripe.v1().customers().create(CustomerCreateParams.builder().putAllMetadata(fiftyOne).build()),
                "metadata", null);

        String id = stripe.v1().customers().create(CustomerCreateParams.builder().putAllMetadata(fifty).build()).getId();
        assertRefused(() -> stripe.v1().customers().update(id, CustomerUpdateParams.builder()
                .putMetadata("one_more", "v").build()), "metadata", null);
        assertThat(stripe.v1().customers().update(id, CustomerUpdateParams.builder()
                .putMetadata("key0", "").putMetadata("one_more", "v").build()).getMetadata()).hasSize(50);
    }

    @Test
    void refusesIdsOfObjectsTheEmulatedAccountDoesNotHave() {
        assertRefused(() -> stripe.v1().customers().create(CustomerCreateParams.builder().setTestClock("clock_1").build()),
                "test_clock", "No such test clock: 'clock_1'");
        assertRefused(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                        .setInvoiceSettings(CustomerCreateParams.InvoiceSettings.builder()
                                .setDefaultPaymentMethod("pm_card_visa").build()).build()),
                "invoice_settings[default_payment_method]", "No such PaymentMethod: 'pm_card_visa'");
    }

    @Test
    void refusesUnknownUrlsLikeStripe() {
        HttpResponse<String> response = http.stripe("GET", "/v1/charges", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(RawHttp.json(response).at("/error/message").asString())
                .startsWith("Unrecognized request URL (GET: /v1/charges).");
        assertThat(http.stripe("PUT", "/v1/customers", null).statusCode()).isEqualTo(404);
        assertThat(RawHttp.json(http.stripe("GET", "/v2/billing", null)).at("/error/type").asString())
                .isEqualTo("invalid_request_error");
    }

    private static void assertRefused(ThrowingCallable call, String param, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
            assertThat(e.getParam()).isEqualTo(param);
            if (message != null) {
                assertThat(e.getStripeError().getMessage()).isEqualTo(message);
            }
        });
    }

    private void assertRefusedRaw(String method, String path, String body, String param, String message) {
        HttpResponse<String> response = http.stripe(method, path, body);
        JsonNode error = RawHttp.json(response).get("error");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.get("param").asString()).isEqualTo(param);
        assertThat(error.get("message").asString()).isEqualTo(message);
    }
}
