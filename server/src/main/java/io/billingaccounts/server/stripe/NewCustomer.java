package io.billingaccounts.server.stripe;

import java.util.Map;

/** A customer to create; phone and description may be null. */
public record NewCustomer(String name, String email, String phone, String description, CustomerAddress address,
                          Map<String, String> metadata) {
}
