package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingaccounts.stripe.emulator.limits.RateLimits;
import java.time.Duration;
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
        assertThat(http.control("POST", "/_emulator/search-lag", "{\"millis\": 60000}").statusCode()).isEqualTo(401);
        assertThat(http.control("POST", "/_emulator/rate-limits", "{\"writes_per_second\": 1}").statusCode())
                .isEqualTo(401);
        assertThat(http.control("POST", "/_emulator/lock-timeouts", "{\"enabled\": true}").statusCode()).isEqualTo(401);
        // Stripe's API answers there: 401 without a key, and with one Stripe's 404 for an unknown URL.
        assertThat(http.control("GET", "/_emulator/clock", null).statusCode()).isEqualTo(401);
        assertThat(http.control("POST", "/_emulator/clock/advance", "{\"seconds\": 86400}").statusCode())
                .isEqualTo(401);
        assertThat(http.stripe("GET", "/_emulator/clock", null).statusCode()).isEqualTo(404);
        assertThat(RawHttp.json(http.stripe("POST", "/_emulator/clock/advance", "seconds=86400"))
                .at("/error/message").asString()).startsWith("Unrecognized request URL");
        assertThat(emulator.clock().now()).as("the clock is not moved").isEqualTo(clock.instant());

        assertThat(emulator.faults().list()).isEmpty();
        assertThat(http.stripe("POST", "/v1/customers", "name=Bo").statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(http.stripe("GET", "/v1/customers", null)).get("data")).hasSize(2);
    }

    @Test
    void searchLagRateLimitsAndLockTimeoutsAreOff() {
        assertThat(emulator.searchLag()).isZero();
        assertThat(emulator.rateLimits()).isEqualTo(RateLimits.NONE);
        assertThat(emulator.lockTimeouts()).isFalse();
        for (int i = 0; i < 60; i++) {
            assertThat(http.stripe("POST", "/v1/customers", "metadata[n]=" + i).statusCode()).isEqualTo(200);
        }
        assertThat(RawHttp.json(http.stripe("GET", "/v1/customers/search?query=metadata%5B%27n%27%5D%3A%2759%27", null))
                .get("data")).as("found at once").hasSize(1);
    }

    @Test
    void itKeepsNoRequestLogThatNobodyCouldRead() {
        assertThat(http.stripe("POST", "/v1/customers", "name=Ann").statusCode()).isEqualTo(200);
        assertThat(http.stripe("GET", "/v1/customers", null).statusCode()).isEqualTo(200);

        assertThat(emulator.requests().entries()).isEmpty();
    }

    @Test
    void theEmbedderStillMovesTheClockThroughTheJavaApi() {
        emulator.clock().advance(Duration.ofDays(1));

        assertThat(emulator.clock().now()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));
    }
}
