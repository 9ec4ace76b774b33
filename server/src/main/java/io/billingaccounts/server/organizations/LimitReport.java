package io.billingaccounts.server.organizations;

import java.util.Comparator;
import java.util.List;

/** An organization's limits, one per product in the catalog's order. */
public record LimitReport(String organizationId, String organizationName, List<ProductLimit> limits) {

    /** What binds the product with the least free capacity, the first of equals. */
    public LimitBinding binding() {
        return limits.stream().min(Comparator.comparingInt(ProductLimit::free)).map(ProductLimit::binding)
                .orElseThrow();
    }
}
