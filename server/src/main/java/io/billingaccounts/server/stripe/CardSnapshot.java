package io.billingaccounts.server.stripe;

/**
 * A card payment method as Stripe holds it now. {@code customerId} is null once it is detached; {@code name} is the
 * cardholder's name from its billing details, null when none was given.
 */
public record CardSnapshot(String id, String customerId, String brand, String last4, int expMonth, int expYear,
                           String name) {
}
