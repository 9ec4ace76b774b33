package io.billingaccounts.server.stripe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How to reach Stripe. {@code apiBase} points the client at another Stripe-compatible server (blank means Stripe
 * itself). {@code deadline} bounds the time one request spends on Stripe, every call and retry included;
 * {@code readTimeout} bounds one try. {@code webhookSecret} is the signing secret of the webhook endpoint;
 * without one the endpoint does not exist. {@code publishableKey} ({@code pk_...}) is handed to browsers with each
 * setup intent, for Stripe.js.
 */
@ConfigurationProperties("stripe")
public record StripeSettings(String apiKey, String apiBase, Duration connectTimeout, Duration readTimeout,
                             int maxNetworkRetries, Duration deadline, String webhookSecret,
                             String publishableKey) {
}
