package io.billingaccounts.server.stripe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How to reach Stripe. With no {@code apiKey} the service runs its own Stripe emulator in-process; {@code apiBase}
 * points the client at another Stripe-compatible server (blank means Stripe itself). {@code webhookSecret} is the
 * signing secret of the webhook endpoint; without one the endpoint does not exist.
 */
@ConfigurationProperties("stripe")
public record StripeSettings(String apiKey, String apiBase, Duration connectTimeout, Duration readTimeout,
                             int maxNetworkRetries, String webhookSecret) {

    public boolean embedded() {
        return apiKey == null || apiKey.isBlank();
    }

    public boolean liveKey() {
        return !embedded() && apiKey.startsWith("sk_live_");
    }
}
