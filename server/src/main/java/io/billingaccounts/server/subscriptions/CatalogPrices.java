package io.billingaccounts.server.subscriptions;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.StripePrices;

/** The catalog's Stripe price of each product in a currency, found by its lookup key. */
@Component
class CatalogPrices {

    private final StripePrices prices;

    CatalogPrices(StripePrices prices) {
        this.prices = prices;
    }

    /** A price for each of {@code products}; a product Stripe has no active price for fails the request. */
    Map<Product, String> of(Set<Product> products, String currency, Deadline deadline) {
        Map<String, String> byKey = prices.idsByLookupKey(
                products.stream().map(p -> p.lookupKey(currency)).sorted().toList(), deadline);
        Map<Product, String> found = new EnumMap<>(Product.class);
        for (Product product : products) {
            String price = byKey.get(product.lookupKey(currency));
            if (price == null) {
                throw new Problem(Problem.Kind.UPSTREAM_FAILED, "price_not_found", "Stripe has no active price with"
                        + " lookup key " + product.lookupKey(currency) + "; nothing was changed.");
            }
            found.put(product, price);
        }
        return found;
    }
}
