package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.limits.SearchLag;
import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A page of a search's results: {@code limit}, the {@code page} token of the previous page's {@code next_page},
 * and {@code expand[]=total_count}. Answers from the current state, leaving out what {@link SearchLag} says Stripe's
 * index does not hold yet: with no lag (the default) every write shows at once, although Stripe's lags writes by up to
 * a minute (more in outages), so code must not read its own writes through search anyway.
 */
final class SearchPage {

    private SearchPage() {
    }

    /**
     * @param expand how the expansions asked for the results apply to one of them
     */
    static ObjectNode of(List<ObjectNode> newestFirst, Predicate<ObjectNode> query, SearchLag searchLag,
            ParamNode.Branch params, String url, BiFunction<Expansions, ObjectNode, ObjectNode> expand) {
        Expansions expansions = Expansions.of(params);
        Expansions items = expansions.ofListItems(Set.of("total_count"));
        int limit = ListPage.limit(params);
        int offset = params.has("page") ? pageOffset(params.string("page")) : 0;
        List<ObjectNode> matches = newestFirst.stream().filter(searchLag::isIndexed).filter(query).toList();
        List<ObjectNode> page = matches.subList(Math.min(offset, matches.size()), Math.min(offset + limit, matches.size()));
        boolean hasMore = offset + limit < matches.size();
        ArrayNode data = Json.array();
        page.forEach(object -> data.add(expand.apply(items, object)));
        ObjectNode result = Json.object();
        result.put("object", "search_result");
        result.set("data", data);
        result.put("has_more", hasMore);
        if (hasMore) {
            result.put("next_page", pageToken(offset + limit));
        } else {
            result.putNull("next_page");
        }
        if (expansions.has("total_count")) {
            result.put("total_count", matches.size());
        }
        result.put("url", url);
        return result;
    }

    private static String pageToken(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int pageOffset(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("offset:")) {
                return Integer.parseInt(decoded.substring("offset:".length()));
            }
        } catch (IllegalArgumentException malformed) {
            // answered below like any other token this emulator did not hand out
        }
        throw StripeError.invalidRequest("Invalid page: " + token, "page");
    }
}
