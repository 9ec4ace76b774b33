package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthenticationTest extends EmulatorTest {

    @Test
    void aRequestWithoutAKeyIsA401() {
        HttpResponse<String> response = http.send("GET", "/v1/customers", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(RawHttp.json(response).at("/error/type").asString()).isEqualTo("invalid_request_error");
        assertThat(RawHttp.json(response).at("/error/message").asString()).startsWith("You did not provide an API key.");
        assertThat(response.headers().firstValue("Request-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    }

    @Test
    void aLiveOrMalformedKeyIsA401WithTheKeyRedacted() {
        HttpResponse<String> live = http.send("GET", "/v1/customers", null,
                "Authorization", "Bearer sk_live_0123456789abcdef");
        HttpResponse<String> malformed = http.send("GET", "/v1/customers", null, "Authorization", "Token sk_test_x");

        assertThat(live.statusCode()).isEqualTo(401);
        assertThat(RawHttp.json(live).at("/error/message").asString())
                .isEqualTo("Invalid API Key provided: sk_live_" + "*".repeat(12) + "cdef");
        assertThat(malformed.statusCode()).isEqualTo(401);
    }

    @Test
    void stripeJavaWithAWrongKeyGetsAnAuthenticationException() {
        StripeClient wrongKey = StripeClient.builder()
                .setApiKey("pk_test_publishable").setApiBase(emulator.baseUrl()).setMaxNetworkRetries(0).build();

        assertThatThrownBy(() -> wrongKey.v1().customers().list())
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
    }

    @Test
    void basicAuthenticationWithTheKeyAsUserIsAccepted() {
        String basic = Base64.getEncoder().encodeToString("sk_test_x:".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = http.send("POST", "/v1/customers", "name=Ann", "Authorization", "Basic " + basic);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(response).get("name").asString()).isEqualTo("Ann");
    }

    @Test
    void theControlApiNeedsNoKey() {
        assertThat(http.control("GET", "/_emulator/requests", null).statusCode()).isEqualTo(200);
    }
}
