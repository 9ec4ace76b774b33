package io.billingaccounts.server.organizations;

import java.util.EnumMap;
import java.util.Map;

import io.billingaccounts.server.catalog.Product;

/** A count per product: an organization's usage, a subtree's, or a pool's capacity. */
public record ProductCounts(int locations, int users, int sso) {

    public static final ProductCounts ZERO = new ProductCounts(0, 0, 0);

    public static ProductCounts of(Map<Product, Integer> counts) {
        return new ProductCounts(counts.getOrDefault(Product.LOCATIONS, 0), counts.getOrDefault(Product.USERS, 0),
                counts.getOrDefault(Product.SSO, 0));
    }

    public int get(Product product) {
        return switch (product) {
            case LOCATIONS -> locations;
            case USERS -> users;
            case SSO -> sso;
        };
    }

    public ProductCounts plus(ProductCounts other) {
        return new ProductCounts(locations + other.locations, users + other.users, sso + other.sso);
    }

    public ProductCounts minus(ProductCounts other) {
        return new ProductCounts(locations - other.locations, users - other.users, sso - other.sso);
    }

    public boolean isZero() {
        return locations == 0 && users == 0 && sso == 0;
    }

    public Map<Product, Integer> asMap() {
        Map<Product, Integer> map = new EnumMap<>(Product.class);
        for (Product product : Product.values()) {
            map.put(product, get(product));
        }
        return map;
    }
}
