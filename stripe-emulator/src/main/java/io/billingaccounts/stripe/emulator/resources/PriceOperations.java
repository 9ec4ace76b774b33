package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * /v1/prices (create, update, list, retrieve) and /v1/products/{id}: the account's catalog, which starts as
 * {@link ProductCatalog} has it. A lookup key names one price at most: {@code transfer_lookup_key=true} takes it
 * from the price that has it.
 */
public final class PriceOperations {

    /** Stripe's limit on {@code lookup_keys}. */
    private static final int MAX_LOOKUP_KEYS = 10;
    /** What Stripe's prices can be that the emulator's cannot (they bill a per-unit amount only). */
    private static final List<String> UNMODELLED = List.of("billing_scheme", "currency_options", "custom_unit_amount",
            "tiers", "tiers_mode", "transform_quantity");

    /** A per-unit price of an existing product or of one made from {@code product_data}. */
    public Outcome create(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        refuseUnmodelled(params);
        UnmodelledReferences.refuse(params, Map.of("product_data[tax_code]", "tax code"));
        ParamNode.Branch recurring = params.branch("recurring");
        if (recurring != null && (recurring.has("meter") || "metered".equals(recurring.string("usage_type")))) {
            throw StripeError.invalidRequest("stripe-emulator models licensed prices only; it does not take metered"
                    + " usage", recurring.has("meter") ? "recurring[meter]" : "recurring[usage_type]");
        }
        if (!params.has("unit_amount") && !params.has("unit_amount_decimal")) {
            throw StripeError.missingParameter("unit_amount");
        }
        if (params.has("unit_amount") && params.has("unit_amount_decimal")) {
            throw StripeError.invalidRequest(
                    "You may only specify one of these parameters: unit_amount, unit_amount_decimal.", "unit_amount");
        }
        List<Change> changes = new ArrayList<>();
        List<EmulatorEvent> events = new ArrayList<>();
        String product = product(params, state, changes, events, request.now());
        ObjectNode price = PriceDocument.create(params, product, request.now());
        if (params.has("lookup_key")) {
            takeLookupKey(price.get("id").asString(), params.string("lookup_key"), params, state, changes, events,
                    request.now());
            price = PriceDocument.withLookupKey(price, params.string("lookup_key"));
        }
        changes.add(new Change.PutObject(price));
        events.add(new EmulatorEvent("price.created", price, null, request.now()));
        return Outcome.committed(Expansions.of(params).object(price, state, changes), changes, events);
    }

    /** Changes {@code active}, {@code lookup_key}, {@code metadata}, {@code nickname}, {@code tax_behavior}. */
    public Outcome update(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        refuseUnmodelled(params);
        ObjectNode current = KeptObjects.existing(state, PriceDocument.KIND, "price", request.id(), null);
        List<Change> changes = new ArrayList<>();
        List<EmulatorEvent> events = new ArrayList<>();
        ObjectNode updated = PriceDocument.update(current, params);
        if (params.has("lookup_key")) {
            String lookupKey = params.string("lookup_key");
            if (!lookupKey.isEmpty()) {
                takeLookupKey(request.id(), lookupKey, params, state, changes, events, request.now());
            }
            updated = PriceDocument.withLookupKey(updated, lookupKey);
        }
        ObjectNode previous = PreviousAttributes.between(current, updated);
        if (!previous.isEmpty()) {
            changes.add(new Change.PutObject(updated));
            events.add(new EmulatorEvent("price.updated", updated, previous, request.now()));
        }
        return Outcome.committed(Expansions.of(params).object(updated, state), changes, events);
    }

    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        return KeptObjects.retrieve(request, state, PriceDocument.KIND, "price");
    }

    public Outcome retrieveProduct(ResourceRequest request, EmulatorState state) {
        return KeptObjects.retrieve(request, state, ProductDocument.KIND, "product");
    }

    /** The product the price is of: {@code product}, which must exist, or a new one of {@code product_data}. */
    private static String product(ParamNode.Branch params, EmulatorState state, List<Change> changes,
            List<EmulatorEvent> events, long now) {
        ParamNode.Branch data = params.branch("product_data");
        if (params.has("product") && data != null) {
            throw StripeError.invalidRequest("You may only specify one of these parameters: product, product_data.",
                    "product");
        }
        if (data == null) {
            if (!params.has("product")) {
                throw StripeError.missingParameter("product");
            }
            return KeptObjects.existing(state, ProductDocument.KIND, "product", params.string("product"), "product")
                    .get("id").asString();
        }
        ObjectNode product = ProductDocument.create(data, now);
        String id = product.get("id").asString();
        if (state.object(ProductDocument.KIND, id) != null) {
            throw StripeError.invalidRequest("Product already exists.", "product_data[id]");
        }
        changes.add(new Change.PutObject(product));
        events.add(new EmulatorEvent("product.created", product, null, now));
        return id;
    }

    /**
     * Frees a lookup key for the price {@code priceId}: with {@code transfer_lookup_key=true} the price that has it
     * loses it (a {@code price.updated} of its own); without, that price's having it refuses the request.
     */
    private static void takeLookupKey(String priceId, String lookupKey, ParamNode.Branch params,
            EmulatorState state, List<Change> changes, List<EmulatorEvent> events, long now) {
        for (ObjectNode holder : state.objectsNewestFirst(PriceDocument.KIND)) {
            String holderId = holder.get("id").asString();
            if (!holderId.equals(priceId) && lookupKey.equals(holder.path("lookup_key").asString(null))) {
                if (!"true".equals(params.string("transfer_lookup_key"))) {
                    throw StripeError.invalidRequest("A price (`" + holderId + "`) already uses that lookup key.",
                            "lookup_key");
                }
                ObjectNode released = PriceDocument.withLookupKey(holder, null);
                changes.add(new Change.PutObject(released));
                events.add(new EmulatorEvent("price.updated", released, PreviousAttributes.between(holder, released),
                        now));
            }
        }
    }

    private static void refuseUnmodelled(ParamNode.Branch params) {
        for (String param : UNMODELLED) {
            if (params.has(param) && !(param.equals("billing_scheme") && "per_unit".equals(params.string(param)))) {
                throw StripeError.invalidRequest("stripe-emulator models per-unit prices with one currency only; it"
                        + " does not take " + param, param);
            }
        }
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
