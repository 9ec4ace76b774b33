package io.billingaccounts.server.organizations;

import java.util.EnumMap;
import java.util.Map;

import io.billingaccounts.server.catalog.Product;

/** An organization's own limits: a product without one is absent and inherits; {@code 0} blocks it. */
public record OrganizationLimits(Map<Product, Integer> byProduct) {

    public static final OrganizationLimits NONE = new OrganizationLimits(Map.of());

    public OrganizationLimits {
        byProduct = byProduct.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byProduct));
    }

    public Integer of(Product product) {
        return byProduct.get(product);
    }

    /** These limits with {@code changes} applied: a null value removes that product's limit. */
    public OrganizationLimits with(Map<Product, Integer> changes) {
        Map<Product, Integer> next = new EnumMap<>(Product.class);
        next.putAll(byProduct);
        changes.forEach((product, limit) -> {
            if (limit == null) {
                next.remove(product);
            } else {
                next.put(product, limit);
            }
        });
        return new OrganizationLimits(next);
    }
}
