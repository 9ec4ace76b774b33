package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An emulator inside another service serves Stripe's API only: its callers reach no control endpoint. */
class EmbeddedWithoutControlApiTest extends EmulatorTest {

    @Override
    protected EmulatorOptions.Builder options() {
        return super.options().controlApi(false);
    }

    @Test
    void theControlEndpointsAreNotServed() {
        assertThat(http.stripe("POST", "/v1/customers", "name=Ann").statusCode()).isEqualTo(200);

        assertThat(http.control("GET", "/_emulator/requests", null).statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(http.control("POST", "/_emulator/faults",
                "{\"match\": \"POST /v1/customers\", \"fault\": \"http_500\"}").statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(http.control("DELETE", "/_emulator/data", null).statusCode()).isGreaterThanOrEqualTo(400);

        assertThat(emulator.faults().list()).isEmpty();
        assertThat(http.stripe("POST", "/v1/customers", "name=Bo").statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(http.stripe("GET", "/v1/customers", null)).get("data")).hasSize(2);
    }
}
