package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/** /v1/prices (list, retrieve) and /v1/products/{id}: the account's catalog, see {@link ProductCatalog}. */
public final class PriceOperations {

    /** Stripe's limit on {@code lookup_keys}. */
    private static final int MAX_LOOKUP_KEYS = 10;

    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        return KeptObjects.retrieve(request, state, PriceDocument.KIND, "price");
    }

    public Outcome retrieveProduct(ResourceRequest request, EmulatorState state) {
        return KeptObjects.retrieve(request, state, ProductDocument.KIND, "product");
    }

    /** Filters by {@code active}, {@code currency}, {@code product}, {@code lookup_keys}, {@code type}, {@code recurring} and {@code created}. */
    public Outcome list(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        Predicate<ObjectNode> filter = RangeFilter.on("/created", params.get("created"));
        filter = filter.and(Filters.equalTo("active", params.string("active")));
        String currency = params.string("currency");
        filter = filter.and(Filters.equalTo("currency", currency == null ? null : currency.toLowerCase(Locale.ROOT)));
        filter = filter.and(Filters.equalTo("product", params.string("product")));
        filter = filter.and(Filters.equalTo("type", params.string("type")));
        ParamNode.Branch recurring = params.branch("recurring");
        if (recurring != null) {
            filter = filter.and(Filters.atEqualTo("/recurring/interval", recurring.string("interval")));
            filter = filter.and(Filters.atEqualTo("/recurring/usage_type", recurring.string("usage_type")));
        }
        if (params.has("lookup_keys")) {
            List<String> keys = Params.strings(params.get("lookup_keys"));
            if (keys.size() > MAX_LOOKUP_KEYS) {
                throw StripeError.invalidRequest("Invalid array: lookup_keys can have at most " + MAX_LOOKUP_KEYS
                        + " elements", "lookup_keys");
            }
            Set<String> wanted = Set.copyOf(keys);
            filter = filter.and(price -> wanted.contains(price.path("lookup_key").asString("")));
        }
        Expansions items = Expansions.of(params).ofListItems(Set.of());
        return Outcome.read(ListPage.of(state.objectsNewestFirst(PriceDocument.KIND), filter, params, "/v1/prices",
                "price", price -> items.object(price, state)));
    }
}
