package io.billingaccounts.server.subscriptions;

import java.util.List;

import io.billingaccounts.server.catalog.Product;

/**
 * What to preview: {@code subscriptionId} null for a new subscription; {@code items} the complete desired set of
 * products (null when not sent), in the order sent; {@code cancel} the subscription's cancellation instead.
 */
public record InvoicePreviewRequest(String subscriptionId, List<ItemWanted> items, boolean cancel) {

    /** A product and its desired quantity; 0 removes it. */
    public record ItemWanted(Product product, long quantity) {
    }
}
