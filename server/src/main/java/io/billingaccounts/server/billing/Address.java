package io.billingaccounts.server.billing;

/** A billing address: {@code country}, {@code line1} and {@code city} are always set, the rest may be null. */
public record Address(String country, String line1, String line2, String city, String state, String postalCode) {
}
