package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.ApiException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The /_emulator endpoints, over HTTP as other processes use them. */
class ControlApiTest extends EmulatorTest {

    @Test
    void armsListsAndClearsFaults() {
        HttpResponse<String> armed = http.control("POST", "/_emulator/faults",
                "{\"match\": \"POST /v1/customers\", \"fault\": \"http_500\", \"times\": 2}");

        assertThat(armed.statusCode()).isEqualTo(200);
        JsonNode rule = RawHttp.json(armed);
        assertThat(rule.get("id").asString()).startsWith("flt_");
        assertThat(rule.get("fault").asString()).isEqualTo("http_500");
        assertThat(rule.get("remaining").asInt()).isEqualTo(2);
        assertThat(http.stripe("POST", "/v1/customers", "name=Ann").statusCode()).isEqualTo(500);
        assertThat(RawHttp.json(http.control("GET", "/_emulator/faults", null)).at("/data/0/remaining").asInt()).isEqualTo(1);

        assertThat(http.control("DELETE", "/_emulator/faults", null).statusCode()).isEqualTo(200);

        assertThat(RawHttp.json(http.control("GET", "/_emulator/faults", null)).get("data")).isEmpty();
        assertThat(http.stripe("POST", "/v1/customers", "name=Ann").statusCode()).isEqualTo(200);
    }

    @Test
    void aFaultArmedWithoutTimesHitsOnce() {
        http.control("POST", "/_emulator/faults", "{\"match\": \"GET /v1/customers/*\", \"fault\": \"http_429\"}");

        assertThat(http.stripe("GET", "/v1/customers/cus_x", null).statusCode()).isEqualTo(429);
        assertThat(http.stripe("GET", "/v1/customers/cus_x", null).statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAFaultItCannotRead() {
        assertThat(http.control("POST", "/_emulator/faults", "{\"match\": \"POST /v1/customers\", \"fault\": \"meteor\"}")
                .statusCode()).isEqualTo(400);
        assertThat(http.control("POST", "/_emulator/faults", "{\"match\": \"/v1/customers\", \"fault\": \"reset\"}")
                .statusCode()).isEqualTo(400);
        assertThat(http.control("POST", "/_emulator/faults", "{\"match\": \"POST /v1/customers\", \"fault\": \"reset\", \"times\": 0}")
                .statusCode()).isEqualTo(400);
        assertThat(http.control("POST", "/_emulator/faults", "not json").statusCode()).isEqualTo(400);
        assertThat(emulator.faults().list()).isEmpty();
    }

    @Test
    void logsEveryV1RequestInArrivalOrder() throws StripeException {
        String id = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Ann").build(),
                RequestOptions.builder().setIdempotencyKey("key-1").build()).getId();
        stripe.v1().customers().retrieve(id);
        http.send("GET", "/v1/customers", null);
        http.control("GET", "/_emulator/faults", null);

        JsonNode requests = RawHttp.json(http.control("GET", "/_emulator/requests", null)).get("data");

        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).get("method").asString()).isEqualTo("POST");
        assertThat(requests.get(0).get("path").asString()).isEqualTo("/v1/customers");
        assertThat(requests.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(requests.get(0).get("idempotency_key").asString()).isEqualTo("key-1");
        assertThat(requests.get(0).get("at").asString()).isEqualTo(clock.instant().toString());
        assertThat(requests.get(1).get("path").asString()).isEqualTo("/v1/customers/" + id);
        assertThat(requests.get(1).get("idempotency_key").isNull()).isTrue();
        assertThat(requests.get(2).get("status").asInt()).isEqualTo(401);
        assertThat(emulator.requests().count("GET /v1/customers/*")).isEqualTo(1);
        assertThat(emulator.requests().count("* /v1/**")).isEqualTo(3);
    }

    @Test
    void clearsTheRequestLog() {
        http.stripe("GET", "/v1/customers", null);

        assertThat(http.control("DELETE", "/_emulator/requests", null).statusCode()).isEqualTo(200);

        assertThat(RawHttp.json(http.control("GET", "/_emulator/requests", null)).get("data")).isEmpty();
    }

    @Test
    void wipesAllDataKeysAndTheLogButNotTheFaults() throws StripeException {
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("key-2").build();
        String id = stripe.v1().customers().create(CustomerCreateParams.builder().build(), key).getId();
        emulator.faults().inject("DELETE /v1/customers/*", FaultKind.HTTP_500, 1);

        assertThat(http.control("DELETE", "/_emulator/data", null).statusCode()).isEqualTo(200);

        assertThat(http.stripe("GET", "/v1/customers/" + id, null).statusCode()).isEqualTo(404);
        assertThat(stripe.v1().customers().create(CustomerCreateParams.builder().build(), key).getId()).isNotEqualTo(id);
        assertThat(emulator.requests().entries()).hasSize(2);
        assertThatThrownBy(() -> stripe.v1().customers().delete(id)).isInstanceOf(ApiException.class);
    }

    @Test
    void answersUnknownControlPathsWith404() {
        assertThat(http.control("GET", "/_emulator/nothing", null).statusCode()).isEqualTo(404);
    }
}
