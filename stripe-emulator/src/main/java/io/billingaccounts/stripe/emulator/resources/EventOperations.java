package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.store.KeptEvent;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * /v1/events: the events the account's changes made, as their webhooks carried them, retrieved or listed newest first.
 * As on Stripe, only those of the last {@value EmulatorState#EVENT_DAYS} days by the account's clock are there.
 */
public final class EventOperations {

    /** Stripe's limit on {@code types}. */
    private static final int MAX_TYPES = 20;
    private static final long WINDOW_SECONDS = EmulatorState.EVENT_DAYS * 24L * 3600;

    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        ObjectNode event = state.event(request.id());
        if (event == null || event.path("created").asLong() < oldestShown(request.now())) {
            throw StripeError.noSuch("event", request.id(), null);
        }
        return Outcome.read(Expansions.of(request.params()).event(event));
    }

    /**
     * Filters by {@code created}, {@code type} (an event's type, or a group of them with {@code *} standing for any
     * characters, as in {@code customer.*}) or {@code types} (up to 20 types, no wildcards; not with {@code type}).
     * {@code delivery_success} is refused: how webhooks fared is not kept with the events.
     */
    public Outcome list(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        if (params.has("delivery_success")) {
            throw StripeError.invalidRequest("stripe-emulator does not filter events by delivery_success: see"
                    + " GET /_emulator/webhooks for how each was delivered", "delivery_success");
        }
        long oldestShown = oldestShown(request.now());
        Predicate<KeptEvent> filter = event -> event.created() >= oldestShown;
        filter = filter.and(RangeFilter.on(KeptEvent::created, params.get("created")));
        filter = filter.and(types(params));
        Expansions items = Expansions.of(params).ofListItems(Set.of());
        return Outcome.read(ListPage.of(state.eventsNewestFirst(), KeptEvent::id, filter, params, "/v1/events",
                "event", event -> items.event(event.event())));
    }

    private static Predicate<KeptEvent> types(ParamNode.Branch params) {
        if (params.has("type") && params.has("types")) {
            throw StripeError.invalidRequest("You may only specify one of these parameters: type, types.", "type");
        }
        if (params.has("types")) {
            List<String> types = Params.strings(params.get("types"));
            if (types.size() > MAX_TYPES) {
                throw StripeError.invalidRequest("Invalid array: types can have at most " + MAX_TYPES + " elements",
                        "types");
            }
            Set<String> wanted = Set.copyOf(types);
            return event -> wanted.contains(event.type());
        }
        String type = params.string("type");
        if (type == null) {
            return event -> true;
        }
        Pattern pattern = Pattern.compile(Arrays.stream(type.split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*")));
        return event -> pattern.matcher(event.type()).matches();
    }

    private static long oldestShown(long now) {
        return now - WINDOW_SECONDS;
    }
}
