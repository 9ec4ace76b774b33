package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.limits.SearchLag;
import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * /v1/customers/search and /v1/subscriptions/search: the query as {@link SearchQuery} reads it, over what the search
 * index holds, which lags writes as the {@link SearchLag} says (see {@link SearchPage}).
 */
public final class SearchOperations {

    private final SearchLag searchLag;

    public SearchOperations(SearchLag searchLag) {
        this.searchLag = searchLag;
    }

    /** {@code metadata['k']:'v'}, {@code email}, {@code name}, {@code phone} and {@code created}. */
    public Outcome customers(ResourceRequest request, EmulatorState state) {
        return search(request, SearchQuery.CUSTOMERS, state.customersNewestFirst(),
                (expansions, customer) -> expansions.customer(customer, state));
    }

    /** {@code metadata['k']:'v'}, {@code status:'active'} and {@code created}. */
    public Outcome subscriptions(ResourceRequest request, EmulatorState state) {
        return search(request, SearchQuery.SUBSCRIPTIONS, state.subscriptionsNewestFirst(),
                (expansions, subscription) -> expansions.subscription(subscription, state));
    }

    private Outcome search(ResourceRequest request, SearchQuery.Resource resource, List<ObjectNode> newestFirst,
            BiFunction<Expansions, ObjectNode, ObjectNode> expand) {
        ParamNode.Branch params = request.params();
        Predicate<ObjectNode> query = SearchQuery.parse(params.string("query"), resource);
        return Outcome.read(SearchPage.of(newestFirst, query, searchLag, params, "/v1/" + resource.name() + "/search",
                expand));
    }
}
