package io.billingaccounts.server.mode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The mode follows the settings, and settings that would fail open refuse to start, saying what is missing. */
class DeploymentModeTest {

    private static final String POSTGRESQL = "jdbc:postgresql://db.example.com:5432/billing";
    private static final String ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    private static final String PUBLISHABLE_KEY = "stripe.publishable-key";
    private static final String AUDIENCES = "spring.security.oauth2.resourceserver.jwt.audiences";
    private static final String EMULATOR = "http://127.0.0.1:12111";
    private static final String WEBHOOK_SECRET = "stripe.webhook-secret";

    @Test
    void nothingSetIsTheEmbeddedMode() {
        assertThat(DeploymentMode.of(new MockEnvironment())).isEqualTo(DeploymentMode.EMBEDDED);
        assertThat(DeploymentMode.of(new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:h2:file:/tmp/x"))).isEqualTo(DeploymentMode.EMBEDDED);
    }

    @Test
    void aDatabaseServerWithoutAStripeKeyIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> DeploymentMode.of(new MockEnvironment()
                .withProperty("spring.datasource.url", POSTGRESQL + "?user=secret")))
                .isInstanceOf(StartupRefused.class)
                .hasMessageContaining("STRIPE_API_KEY")
                .hasMessageContaining(POSTGRESQL)
                .hasMessageNotContaining("secret");
    }

    @Test
    void aTokenIssuerWithoutAStripeKeyIsRefused() {
        assertThatThrownBy(() -> DeploymentMode.of(new MockEnvironment().withProperty(ISSUER, "https://id.example/")))
                .isInstanceOf(StartupRefused.class)
                .hasMessageContaining("STRIPE_API_KEY")
                .hasMessageContaining(ISSUER);
    }

    @Test
    void theEmulatorBesideProductionSettingsMustBeAskedForByName() {
        assertThat(DeploymentMode.of(new MockEnvironment()
                .withProperty("spring.datasource.url", POSTGRESQL)
                .withProperty("billing.embedded-stripe", "true"))).isEqualTo(DeploymentMode.EMBEDDED);
    }

    @Test
    void aStripeKeyWithoutItsPublishableKeyIsRefusedNamingIt() {
        assertThatThrownBy(() -> DeploymentMode.of(new MockEnvironment().withProperty("stripe.api-key", "sk_test_1")
                .withProperty("stripe.api-base", EMULATOR).withProperty(WEBHOOK_SECRET, "whsec_1")))
                .isInstanceOf(StartupRefused.class)
                .hasMessageContaining("STRIPE_PUBLISHABLE_KEY");
    }

    @Test
    void aStripeKeyWithoutAWebhookSecretIsRefusedUnlessCatchUpAloneIsAskedFor() {
        MockEnvironment withoutSecret = new MockEnvironment().withProperty("stripe.api-key", "sk_test_1")
                .withProperty("stripe.api-base", EMULATOR).withProperty(PUBLISHABLE_KEY, "pk_test_1");
        assertThatThrownBy(() -> DeploymentMode.of(withoutSecret))
                .isInstanceOf(StartupRefused.class)
                .hasMessageContaining("STRIPE_WEBHOOK_SECRET")
                .hasMessageContaining("stripe.events.catch-up-only");
        assertThat(DeploymentMode.of(withoutSecret.withProperty("stripe.events.catch-up-only", "true")))
                .isEqualTo(DeploymentMode.STRIPE);
    }

    @Test
    void aStripeKeyMeansStripe() {
        assertThat(DeploymentMode.of(new MockEnvironment()
                .withProperty("stripe.api-key", "sk_test_123")
                .withProperty(PUBLISHABLE_KEY, "pk_test_123")
                .withProperty("spring.datasource.url", POSTGRESQL)
                .withProperty(ISSUER, "https://id.example/")
                .withProperty(AUDIENCES, "billing-accounts")
                .withProperty(WEBHOOK_SECRET, "whsec_1"))).isEqualTo(DeploymentMode.STRIPE);
    }

    @Test
    void liveAndRestrictedLiveKeysBesideDevelopmentTokensAreRefused() {
        for (String key : java.util.List.of("sk_live_1", "rk_live_1")) {
            assertThatThrownBy(() -> DeploymentMode.of(new MockEnvironment().withProperty("stripe.api-key", key)
                    .withProperty("stripe.api-base", EMULATOR).withProperty(PUBLISHABLE_KEY, "pk_live_1")))
                    .isInstanceOf(StartupRefused.class)
                    .hasMessageContaining("live Stripe key")
                    .hasMessageContaining(key.substring(0, 8));
            assertThat(DeploymentMode.of(new MockEnvironment().withProperty("stripe.api-key", key)
                    .withProperty(PUBLISHABLE_KEY, "pk_live_1")
                    .withProperty(ISSUER, "https://id.example/")
                    .withProperty(AUDIENCES, "billing-accounts")
                    .withProperty(WEBHOOK_SECRET, "whsec_1"))).isEqualTo(DeploymentMode.STRIPE);
        }
    }

    @Test
    void developmentTokensNeedAStripeEmulatorBesideThem() {
        for (String base : java.util.List.of("", "https://api.stripe.com")) {
            assertThatThrownBy(() -> DeploymentMode.of(new MockEnvironment().withProperty("stripe.api-key", "sk_test_1")
                    .withProperty("stripe.api-base", base).withProperty(PUBLISHABLE_KEY, "pk_test_1")))
                    .isInstanceOf(StartupRefused.class)
                    .hasMessageContaining("token issuer");
        }
        assertThat(DeploymentMode.of(new MockEnvironment().withProperty("stripe.api-key", "sk_test_1")
                .withProperty("stripe.api-base", EMULATOR).withProperty(PUBLISHABLE_KEY, "pk_test_1")
                .withProperty(WEBHOOK_SECRET, "whsec_1"))).isEqualTo(DeploymentMode.STRIPE);
    }

    @Test
    void everyTokenKeySettingNeedsTheAudienceTokensMustCarry() {
        for (String setting : java.util.List.of(ISSUER, "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                "spring.security.oauth2.resourceserver.jwt.public-key-location")) {
            assertThatThrownBy(() -> DeploymentMode.of(new MockEnvironment().withProperty(setting, "https://id.example/")
                    .withProperty("billing.embedded-stripe", "true")))
                    .isInstanceOf(StartupRefused.class)
                    .hasMessageContaining(setting)
                    .hasMessageContaining(AUDIENCES);
        }
    }
}
