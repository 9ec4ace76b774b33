package io.billingaccounts.server.payments;

/** What a browser needs to save a card with Stripe.js: the setup intent's client secret and the publishable key. */
public record PaymentMethodSetup(String clientSecret, String publishableKey) {
}
