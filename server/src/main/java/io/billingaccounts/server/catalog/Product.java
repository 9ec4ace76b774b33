package io.billingaccounts.server.catalog;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalog: what subscriptions are made of and invoices bill. Each product is one monthly Stripe price per
 * currency, found by its lookup key.
 */
public enum Product {
    LOCATIONS("locations"), USERS("users"), SSO("sso");

    private final String wireName;

    Product(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Product fromWire(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown product " + name));
    }

    /** The catalog's price of this product in {@code currency}: {@code users_monthly_eur}. */
    public String lookupKey(String currency) {
        return wireName + "_monthly_" + currency;
    }

    /** The product a catalog price is of; empty for a price outside the catalog. */
    public static Optional<Product> ofLookupKey(String lookupKey) {
        if (lookupKey == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(p -> lookupKey.startsWith(p.wireName + "_monthly_")).findFirst();
    }
}
