package io.billingaccounts.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;

/** The limit counts each authenticated caller's calls, once the security chain knows the caller. */
@TestPropertySource(properties = "billing.rate-limit.requests-per-minute=3")
class RateLimitTest extends ServiceTest {

    @Test
    void aCallerOverTheLimitIsAskedToWaitAndOthersAreNot() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("usr_rita", "/workspaces").status()).isEqualTo(200);
        }
        Reply refused = api.get("usr_rita", "/workspaces");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text("code")).isEqualTo("rate_limit_exceeded");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();

        assertThat(api.get("usr_rolf", "/workspaces").status()).isEqualTo(200);
        assertThat(api.get(null, "/workspaces").status()).isEqualTo(401);
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200);
    }
}
