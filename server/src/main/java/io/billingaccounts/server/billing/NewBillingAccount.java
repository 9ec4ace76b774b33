package io.billingaccounts.server.billing;

/** What a caller asks for when creating an account; {@code currency} is null to take the service's default. */
public record NewBillingAccount(String name, String email, String phone, String description, String currency,
                                Address address) {
}
