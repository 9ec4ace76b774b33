package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's cursor pagination over a newest-first list: {@code limit} (1 to 100, default 10), and
 * either {@code starting_after} (older than the cursor) or {@code ending_before} (newer than it);
 * {@code has_more} says whether the walk could go on in its direction.
 */
final class ListPage {

    private ListPage() {
    }

    static int limit(ParamNode.Branch params) {
        if (!params.has("limit")) {
            return 10;
        }
        long limit = Params.integer(params, "limit");
        if (limit < 1) {
            throw StripeError.invalidRequest("This value must be greater than or equal to 1.", "limit");
        }
        if (limit > 100) {
            throw StripeError.invalidRequest("This value must be less than or equal to 100.", "limit");
        }
        return (int) limit;
    }

    /**
     * @param newestFirst every object of the kind, filtered or not: a cursor keeps its place even when
     *     a filter leaves it out
     * @param resourceLabel the kind's name in Stripe's "No such ..." message for an unknown cursor
     */
    static ObjectNode of(List<ObjectNode> newestFirst, Predicate<ObjectNode> filter, ParamNode.Branch params,
            String url, String resourceLabel, UnaryOperator<ObjectNode> expand) {
        return of(newestFirst, object -> object.get("id").asString(), filter, params, url, resourceLabel, expand);
    }

    /**
     * The same over objects kept in another form than their JSON (events), rendered only when on the page.
     *
     * @param id an object's id, for the cursors
     * @param render the object as the page shows it
     */
    static <T> ObjectNode of(List<T> newestFirst, Function<T, String> id, Predicate<T> filter,
            ParamNode.Branch params, String url, String resourceLabel, Function<T, ObjectNode> render) {
        int limit = limit(params);
        String startingAfter = params.string("starting_after");
        String endingBefore = params.string("ending_before");
        if (startingAfter != null && endingBefore != null) {
            throw StripeError.invalidRequest(
                    "You may only specify one of these parameters: ending_before, starting_after.", "ending_before");
        }
        List<T> page;
        boolean hasMore;
        if (endingBefore != null) {
            List<T> newer = matching(newestFirst.subList(0,
                    position(newestFirst, id, endingBefore, "ending_before", resourceLabel)), filter);
            page = newer.subList(Math.max(0, newer.size() - limit), newer.size());
            hasMore = newer.size() > limit;
        } else {
            int from = startingAfter == null ? 0
                    : position(newestFirst, id, startingAfter, "starting_after", resourceLabel) + 1;
            List<T> older = matching(newestFirst.subList(from, newestFirst.size()), filter);
            page = older.subList(0, Math.min(limit, older.size()));
            hasMore = older.size() > limit;
        }
        ArrayNode data = Json.array();
        page.forEach(object -> data.add(render.apply(object)));
        return list(data, hasMore, url);
    }

    /** Stripe's list object around {@code data}, one page of what {@code url} lists. */
    static ObjectNode list(ArrayNode data, boolean hasMore, String url) {
        ObjectNode list = Json.object();
        list.put("object", "list");
        list.set("data", data);
        list.put("has_more", hasMore);
        list.put("url", url);
        return list;
    }

    private static <T> int position(List<T> objects, Function<T, String> id, String cursor, String param,
            String resourceLabel) {
        for (int i = 0; i < objects.size(); i++) {
            if (id.apply(objects.get(i)).equals(cursor)) {
                return i;
            }
        }
        throw StripeError.noSuch(resourceLabel, cursor, param);
    }

    private static <T> List<T> matching(List<T> objects, Predicate<T> filter) {
        List<T> matching = new ArrayList<>();
        for (T object : objects) {
            if (filter.test(object)) {
                matching.add(object);
            }
        }
        return matching;
    }
}
