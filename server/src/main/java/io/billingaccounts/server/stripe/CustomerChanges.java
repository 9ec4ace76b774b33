package io.billingaccounts.server.stripe;

/**
 * The fields of a customer that changed, in Stripe's own terms: null leaves a field alone and an empty string
 * clears it. {@code address}, when not null, replaces the whole address, as Stripe does.
 */
public record CustomerChanges(String name, String email, String phone, String description, CustomerAddress address) {
}
