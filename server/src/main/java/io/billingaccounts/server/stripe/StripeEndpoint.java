package io.billingaccounts.server.stripe;

/**
 * A Stripe stand-in that replaces the configured Stripe: the embedded mode's emulator declares itself as a bean
 * of this type, so that nothing in this package needs to know it. {@code webhookSecret} signs the events it sends
 * to this service's webhook endpoint; {@code publishableKey} is the key browsers are handed for it.
 */
public record StripeEndpoint(String apiBase, String apiKey, String webhookSecret, String publishableKey) {
}
