package io.billingaccounts.server.stripe;

public record CustomerAddress(String country, String line1, String line2, String city, String state,
                              String postalCode) {
}
