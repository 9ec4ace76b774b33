package io.billingaccounts.server.stripe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.stereotype.Component;

import com.stripe.StripeClient;
import com.stripe.net.ApiResource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's own record of its events ({@code GET /v1/events}, 30 days of them): what catch-up reads when webhooks
 * did not come. Events are read as trees, as webhooks are, whatever API version made them.
 */
@Component
public class StripeEventLog {

    private static final int PAGE = 100;

    private final StripeClient stripe;
    private final StripeCalls calls;
    private final JsonMapper json;

    StripeEventLog(StripeClient stripe, StripeCalls calls, JsonMapper json) {
        this.stripe = stripe;
        this.calls = calls;
        this.json = json;
    }

    /**
     * The events created at or after {@code createdFrom} (epoch seconds), oldest first. Each page is one call within
     * {@code perPage}: a long backlog takes many calls, none of which waits on the others' time.
     */
    public List<JsonNode> since(long createdFrom, Duration perPage) {
        List<JsonNode> newestFirst = new ArrayList<>();
        String after = null;
        while (true) {
            String query = "/v1/events?limit=" + PAGE + "&created%5Bgte%5D=" + createdFrom
                    + (after == null ? "" : "&starting_after=" + after);
            JsonNode page = json.readTree(calls.call(Deadline.in(perPage), null, options -> stripe.rawRequest(
                    ApiResource.RequestMethod.GET, query, null, StripeCalls.raw(options))).body());
            page.path("data").forEach(newestFirst::add);
            if (!page.path("has_more").asBoolean() || newestFirst.isEmpty()) {
                break;
            }
            after = newestFirst.get(newestFirst.size() - 1).path("id").asString();
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
