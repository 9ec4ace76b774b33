package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * The products and prices the emulated account starts with, as the billing-accounts service expects them in
 * its Stripe account: products {@code prod_locations}, {@code prod_users} and {@code prod_sso}, each with one
 * active monthly price per currency, found by the lookup key {@code <product>_monthly_<currency>} and with the
 * id {@code price_<product>_monthly_<currency>}.
 */
public final class ProductCatalog {

    /** A product of the catalog and its monthly amount in every currency's minor unit. */
    private record Product(String key, String name, long monthlyAmount) {
    }

    private static final List<Product> PRODUCTS = List.of(
            new Product("locations", "Locations", 1000),
            new Product("users", "Users", 500),
            new Product("sso", "SSO", 5000));
    private static final List<String> CURRENCIES = List.of("usd", "zar", "eur", "gbp", "aud");

    private ProductCatalog() {
    }

    /** The changes that add what the state lacks of the catalog: none once it is all there. */
    public static List<Change> missingFrom(EmulatorState state, long now) {
        List<Change> changes = new ArrayList<>();
        for (Product product : PRODUCTS) {
            String productId = "prod_" + product.key();
            if (state.object(ProductDocument.KIND, productId) == null) {
                changes.add(new Change.PutObject(ProductDocument.create(productId, product.name(), now)));
            }
            for (String currency : CURRENCIES) {
                String lookupKey = product.key() + "_monthly_" + currency.toLowerCase(Locale.ROOT);
                String priceId = "price_" + lookupKey;
                if (state.object(PriceDocument.KIND, priceId) == null) {
                    ObjectNode price = PriceDocument.recurring(priceId, productId, currency, product.monthlyAmount(),
                            "month", 1, "unspecified", lookupKey, now);
                    changes.add(new Change.PutObject(price));
                }
            }
        }
        return changes;
    }
}
