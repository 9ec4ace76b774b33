package io.billingaccounts.server.subscriptions;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Violations;

/**
 * One kind of change to a subscription: an {@code action}, the whole set of products, products added or
 * overwritten, or products removed; {@code metadata} (a null value removes its key) alone or with the whole set.
 * Absent parts are null (or empty).
 */
public record SubscriptionPatch(Action action, Map<Product, Long> productQuantities, Map<Product, Long> addProducts,
                                Set<Product> removeProducts, Map<String, String> metadata) {

    public enum Action { PAUSE, RESUME, SYNC }

    public static final List<String> KINDS = List.of("action", "product_quantities", "add_products",
            "remove_products");

    public List<FieldViolation> violations() {
        Violations found = new Violations();
        List<String> kinds = new ArrayList<>();
        if (action != null) {
            kinds.add("action");
        }
        if (productQuantities != null) {
            kinds.add("product_quantities");
        }
        if (addProducts != null) {
            kinds.add("add_products");
        }
        if (removeProducts != null && !removeProducts.isEmpty()) {
            kinds.add("remove_products");
        }
        boolean hasMetadata = metadata != null && !metadata.isEmpty();
        if (kinds.size() > 1) {
            for (String kind : kinds) {
                found.add(kind, "one_change_at_a_time", "must be the only one of " + String.join(", ", KINDS)
                        + " in an update");
            }
        } else if (kinds.isEmpty() && !hasMetadata) {
            found.add("action", "required", "an update needs one of " + String.join(", ", KINDS) + " or metadata");
        } else if (hasMetadata && !kinds.isEmpty() && !kinds.contains("product_quantities")) {
            found.add("metadata", "one_change_at_a_time", "may come alone or with product_quantities only");
        }
        if (productQuantities != null && productQuantities.isEmpty()) {
            found.add("product_quantities", "required", "must name at least one product");
        }
        if (addProducts != null && addProducts.isEmpty()) {
            found.add("add_products", "required", "must name at least one product");
        }
        found.addAll(SubscriptionRules.metadataViolations(metadata));
        return found.list();
    }

    /** The products after this change; the same when it changes none. */
    public Map<Product, Long> productsAfter(Map<Product, Long> current) {
        if (productQuantities != null) {
            return new EnumMap<>(productQuantities);
        }
        Map<Product, Long> after = current.isEmpty() ? new EnumMap<>(Product.class) : new EnumMap<>(current);
        if (addProducts != null) {
            after.putAll(addProducts);
        }
        if (removeProducts != null) {
            removeProducts.forEach(after::remove);
        }
        return after;
    }

    public boolean changesProducts() {
        return productQuantities != null || addProducts != null
                || removeProducts != null && !removeProducts.isEmpty();
    }
}
