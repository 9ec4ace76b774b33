package io.billingaccounts.stripe.emulator.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestPatternTest {

    @Test
    void aStarIsExactlyOneSegment() {
        RequestPattern pattern = RequestPattern.parse("POST /v1/customers/*");

        assertThat(pattern.matches("POST", "/v1/customers/cus_1")).isTrue();
        assertThat(pattern.matches("post", "/v1/customers/cus_1")).isTrue();
        assertThat(pattern.matches("POST", "/v1/customers")).isFalse();
        assertThat(pattern.matches("POST", "/v1/customers/cus_1/sources")).isFalse();
        assertThat(pattern.matches("GET", "/v1/customers/cus_1")).isFalse();
    }

    @Test
    void aDoubleStarIsAnyRestEvenNone() {
        RequestPattern pattern = RequestPattern.parse("GET /v1/**");

        assertThat(pattern.matches("GET", "/v1")).isTrue();
        assertThat(pattern.matches("GET", "/v1/customers/cus_1/sources")).isTrue();
        assertThat(pattern.matches("GET", "/v2/customers")).isFalse();
        assertThat(RequestPattern.parse("DELETE /v1/**/cus_1").matches("DELETE", "/v1/customers/cus_1")).isTrue();
    }

    @Test
    void aStarMethodIsAnyMethodAndLiteralsMatchExactly() {
        assertThat(RequestPattern.parse("* /v1/customers").matches("DELETE", "/v1/customers")).isTrue();
        assertThat(RequestPattern.parse("GET /v1/customers").matches("GET", "/v1/customers/search")).isFalse();
    }

    @Test
    void needsAMethodAndAnAbsolutePath() {
        assertThatThrownBy(() -> RequestPattern.parse("/v1/customers")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestPattern.parse("POST v1/customers")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestPattern.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
