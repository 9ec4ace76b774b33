package io.billingaccounts.server.subscriptions;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.StripePrices;
import io.billingaccounts.server.stripe.SubscriptionChanges.ItemChange;

/**
 * The Stripe item changes that take a subscription's items to the quantities wanted: the one diff that creates,
 * updates and invoice previews share. A product the subscription has keeps its item, given its new quantity (0
 * removes it); a product added takes the catalog's active price in the subscription's currency, found by its lookup
 * key in {@link StripePrices}.
 */
@Component
class ItemChanges {

    private final StripePrices prices;

    ItemChanges(StripePrices prices) {
        this.prices = prices;
    }

    /**
     * What changes the subscription's {@code items} (none for a new subscription), in {@code currency}, into
     * {@code wanted}: every product's quantity afterwards, a product left out being removed. A product added that
     * Stripe has no active price for fails the request, before anything is changed.
     */
    Diff between(Map<Product, Subscription.Item> items, String currency, Map<Product, Long> wanted,
                 Deadline deadline) {
        Map<Product, String> priceOf = new EnumMap<>(Product.class);
        items.forEach((product, item) -> priceOf.put(product, item.priceId()));
        List<Product> added = wanted.keySet().stream().filter(product -> !items.containsKey(product)).toList();
        if (!added.isEmpty()) {
            priceOf.putAll(catalogPrices(added, currency, deadline));
        }
        List<ItemChange> changes = new ArrayList<>();
        List<Product> lowered = new ArrayList<>();
        boolean raises = false;
        for (Product product : Product.values()) {
            Subscription.Item item = items.get(product);
            long before = item == null ? 0 : item.quantity();
            long after = wanted.getOrDefault(product, 0L);
            if (before == after) {
                continue;
            }
            raises |= after > before;
            if (after < before) {
                lowered.add(product);
            }
            changes.add(item == null ? new ItemChange(null, priceOf.get(product), after)
                    : new ItemChange(item.itemId(), null, after));
        }
        return new Diff(changes, lowered, raises, lookupKeysByPrice(priceOf, currency));
    }

    /**
     * The lookup key of each of the subscription's prices: what names the product of an invoice line or a schedule
     * phase that Stripe answers with, without asking Stripe again.
     */
    static Map<String, String> lookupKeysByPrice(Subscription subscription) {
        Map<Product, String> priceOf = new EnumMap<>(Product.class);
        subscription.items().forEach((product, item) -> priceOf.put(product, item.priceId()));
        return lookupKeysByPrice(priceOf, subscription.currency());
    }

    private static Map<String, String> lookupKeysByPrice(Map<Product, String> priceOf, String currency) {
        Map<String, String> keys = new HashMap<>();
        priceOf.forEach((product, price) -> keys.put(price, product.lookupKey(currency)));
        return keys;
    }

    private Map<Product, String> catalogPrices(List<Product> products, String currency, Deadline deadline) {
        Map<String, String> byKey = prices.idsByLookupKey(
                products.stream().map(product -> product.lookupKey(currency)).sorted().toList(), deadline);
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

    /**
     * {@code changes} in the catalog's product order; {@code lowered} the products whose quantity goes down (or
     * which go); {@code raises} whether any quantity goes up (or a product comes); {@code lookupKeysByPrice} the
     * lookup key of every price the subscription has or the changes name.
     */
    record Diff(List<ItemChange> changes, List<Product> lowered, boolean raises,
                Map<String, String> lookupKeysByPrice) {
    }
}
