package io.billingaccounts.server.subscriptions;

import java.util.Map;

import io.billingaccounts.server.catalog.Product;

/** A subscription asked for: quantities of products, and the caller's metadata. */
public record NewSubscription(Map<Product, Long> products, Map<String, String> metadata) {
}
