package io.billingaccounts.server.stripe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.stripe.StripeClient;
import com.stripe.model.Price;
import com.stripe.param.PriceListParams;

/**
 * The catalog's prices as Stripe holds them, both ways: a lookup key's active price (what a subscription is made of)
 * and a price's lookup key (what an invoice line names). Read from Stripe once, then kept until Stripe says a price
 * changed ({@link #forget}, on its {@code price.*} events): a lookup key moved to a new price is followed from then.
 */
@Component
public class StripePrices {

    private final StripeClient stripe;
    private final StripeCalls calls;
    private final Map<String, String> idsByLookupKey = new ConcurrentHashMap<>();
    private final Map<String, String> lookupKeysById = new ConcurrentHashMap<>();
    private final Set<String> withoutObject = ConcurrentHashMap.newKeySet();

    StripePrices(StripeClient stripe, StripeCalls calls) {
        this.stripe = stripe;
        this.calls = calls;
    }

    /** The ids of the active prices with these lookup keys; a key Stripe has no active price for is left out. */
    public Map<String, String> idsByLookupKey(List<String> lookupKeys, Deadline deadline) {
        List<String> unknown = lookupKeys.stream().filter(key -> !idsByLookupKey.containsKey(key)).toList();
        if (!unknown.isEmpty()) {
            PriceListParams params = PriceListParams.builder().addAllLookupKey(unknown).setActive(true)
                    .setLimit(100L).build();
            for (Price price : calls.call(deadline, null, options -> stripe.v1().prices().list(params, options))
                    .getData()) {
                learn(price.getId(), price.getLookupKey());
            }
        }
        Map<String, String> found = new HashMap<>();
        for (String key : lookupKeys) {
            String id = idsByLookupKey.get(key);
            if (id != null) {
                found.put(key, id);
            }
        }
        return found;
    }

    /**
     * The lookup key of a price an invoice names, read from Stripe the first time; null when it has none, or Stripe
     * keeps no such price (one made inline for a single subscription): either way it names no product of ours.
     */
    String lookupKey(String priceId, Deadline deadline) {
        String known = lookupKeysById.get(priceId);
        if (known != null || withoutObject.contains(priceId)) {
            return known;
        }
        Optional<Price> price = calls.find(deadline, options -> stripe.v1().prices().retrieve(priceId, options));
        if (price.isEmpty()) {
            withoutObject.add(priceId);
            return null;
        }
        learn(price.get().getId(), price.get().getLookupKey());
        return price.get().getLookupKey();
    }

    /** The lookup key known for a price, without asking Stripe; null when none is known. */
    String knownLookupKey(String priceId) {
        return lookupKeysById.get(priceId);
    }

    /** What Stripe just showed of a price (in a list, or in an answer's items). */
    void learn(String priceId, String lookupKey) {
        if (priceId != null && lookupKey != null) {
            idsByLookupKey.put(lookupKey, priceId);
            lookupKeysById.put(priceId, lookupKey);
        }
    }

    /** Stripe changed a price: everything is read afresh when next needed (the catalog is a handful of prices). */
    public void forget() {
        idsByLookupKey.clear();
        lookupKeysById.clear();
        withoutObject.clear();
    }
}
