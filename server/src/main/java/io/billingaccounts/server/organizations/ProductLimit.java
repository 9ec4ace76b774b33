package io.billingaccounts.server.organizations;

import io.billingaccounts.server.catalog.Product;

/**
 * One product's limits of an organization: {@code direct} its own usage, {@code used} its subtree's, {@code
 * orgLimit} its own limit (or null), {@code total} the effective capacity and {@code binding} what sets it. Every
 * organization draws on a pool, so something always binds.
 */
public record ProductLimit(Product product, int used, int direct, Integer orgLimit, int total,
                           LimitBinding binding) {

    /** Never negative: a subtree over its capacity (after a limit or a subscription was lowered) has none free. */
    public int free() {
        return Math.max(0, total - used);
    }
}
