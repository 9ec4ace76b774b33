package io.billingaccounts.contract;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Stripe emulator the server under test talks to, seen from the test: its data, its request log, faults. */
final class StripeEmulatorControl {

    static final String API_KEY = "sk_test_contract";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    StripeEmulatorControl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    JsonNode customer(String id) {
        return JSON.readTree(send("GET", "/v1/customers/" + id, null, true).body());
    }

    /** The live customers Stripe holds for a workspace, by id. */
    java.util.Map<String, JsonNode> customersOf(String workspaceId) {
        String query = java.net.URLEncoder.encode("metadata['workspace_id']:'" + workspaceId + "'",
                java.nio.charset.StandardCharsets.UTF_8);
        JsonNode found = JSON.readTree(send("GET", "/v1/customers/search?limit=100&query=" + query, null, true).body());
        java.util.Map<String, JsonNode> customers = new java.util.TreeMap<>();
        found.path("data").forEach(c -> customers.put(c.path("id").asString(), c));
        return customers;
    }

    /** Changes a customer directly in Stripe, as somebody using Stripe's dashboard would. */
    void updateCustomer(String id, String form) {
        HttpResponse<String> response = send("POST", "/v1/customers/" + id, form, true);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Could not update the customer: " + response.body());
        }
    }

    void deleteCustomer(String id) {
        send("DELETE", "/v1/customers/" + id, null, true);
    }

    /** The ids of the webhook events sent so far, oldest first. */
    java.util.List<String> sentEvents(String type) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        JSON.readTree(send("GET", "/_emulator/webhooks", null, false).body()).path("data").forEach(d -> {
            if (d.path("type").asString().equals(type)) {
                ids.add(d.path("event_id").asString());
            }
        });
        return ids;
    }

    /** How many resent events the endpoint has taken (answered 2xx). */
    long deliveredResends() {
        long count = 0;
        for (JsonNode delivery : JSON.readTree(send("GET", "/_emulator/webhooks", null, false).body()).path("data")) {
            if (delivery.path("resend").asBoolean() && delivery.path("delivered").asBoolean()) {
                count++;
            }
        }
        return count;
    }

    void resend(String eventId) {
        HttpResponse<String> response = send("POST", "/_emulator/webhooks/resend",
                "{\"event_id\": \"" + eventId + "\"}", false);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Could not resend: " + response.body());
        }
    }

    /** A live subscription for the customer, as Stripe would have after a checkout. */
    String subscribe(String customerId) {
        String form = "customer=" + customerId + "&items[0][price]=price_contract";
        HttpResponse<String> response = send("POST", "/v1/subscriptions", form, true);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Could not subscribe: " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asString();
    }

    void cancel(String subscriptionId) {
        send("DELETE", "/v1/subscriptions/" + subscriptionId, null, true);
    }

    /** Confirms a setup intent with one of Stripe's test cards, as Stripe.js would in the customer's browser. */
    JsonNode confirmSetupIntent(String setupIntentId, String testCard) {
        return stripeOk("POST", "/v1/setup_intents/" + setupIntentId + "/confirm", "payment_method=" + testCard,
                "Could not confirm the setup intent");
    }

    JsonNode paymentMethod(String id) {
        return JSON.readTree(send("GET", "/v1/payment_methods/" + id, null, true).body());
    }

    /** Every subscription Stripe holds for the customer, canceled ones included, by id. */
    java.util.Map<String, JsonNode> subscriptionsOf(String customerId) {
        return byId(stripeOk("GET", "/v1/subscriptions?limit=100&status=all&customer=" + customerId, null,
                "Could not list subscriptions"));
    }

    JsonNode subscription(String id) {
        return stripeOk("GET", "/v1/subscriptions/" + id, null, "No such subscription");
    }

    /** Changes a subscription directly in Stripe, as somebody using Stripe's dashboard would. */
    void updateSubscription(String id, String form) {
        stripeOk("POST", "/v1/subscriptions/" + id, form, "Could not update the subscription");
    }

    /** A subscription schedule as Stripe holds it: its status, phases and subscription. */
    JsonNode subscriptionSchedule(String id) {
        return stripeOk("GET", "/v1/subscription_schedules/" + id, null, "No such subscription schedule");
    }

    /**
     * The requests Stripe received since the last clear that could change something, as "METHOD path": every one
     * but reads and invoice previews (which Stripe answers without keeping anything).
     */
    java.util.List<String> writesReceived() {
        java.util.List<String> writes = new java.util.ArrayList<>();
        for (JsonNode entry : JSON.readTree(send("GET", "/_emulator/requests", null, false).body()).path("data")) {
            String method = entry.path("method").asString();
            String path = entry.path("path").asString();
            if (!method.equals("GET") && !path.startsWith("/v1/invoices/create_preview")) {
                writes.add(method + " " + path);
            }
        }
        return writes;
    }

    /** The invoices Stripe holds for the customer, by id. */
    java.util.Map<String, JsonNode> invoicesOf(String customerId) {
        return byId(stripeOk("GET", "/v1/invoices?limit=100&customer=" + customerId, null, "Could not list invoices"));
    }

    /** The emulator's clock: the moment Stripe takes for now, in epoch seconds. */
    long clockNow() {
        HttpResponse<String> response = send("GET", "/_emulator/clock", null, false);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The emulator did not tell the time: " + response.body());
        }
        return JSON.readTree(response.body()).path("now").asLong();
    }

    /**
     * Moves the emulator's clock {@code seconds} forward; what falls due on the way (trial ends, renewals,
     * cancellations at period end) has happened in Stripe when this returns, its webhooks are on their way.
     * Answers the new now, in epoch seconds.
     */
    long advanceClock(long seconds) {
        HttpResponse<String> response = send("POST", "/_emulator/clock/advance", "{\"seconds\": " + seconds + "}",
                false);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The emulator's clock did not move: " + response.body());
        }
        return clockNow();
    }

    /** Moves the emulator's clock a minute past {@code epochSecond}, a moment still to come. */
    long advanceClockPast(long epochSecond) {
        long seconds = epochSecond - clockNow() + 60;
        if (seconds <= 0) {
            throw new IllegalStateException("The emulator's clock is already past " + epochSecond);
        }
        long now = advanceClock(seconds);
        if (now <= epochSecond) {
            throw new IllegalStateException("The emulator's clock answers " + now + ", not past " + epochSecond);
        }
        return now;
    }

    /** Whether every webhook event made so far has been delivered or given up. */
    boolean webhooksSettled() {
        for (JsonNode delivery : JSON.readTree(send("GET", "/_emulator/webhooks", null, false).body()).path("data")) {
            if (delivery.path("status").asString().equals("pending")
                    || delivery.path("status").asString().equals("retrying")) {
                return false;
            }
        }
        return true;
    }

    /** A card saved for the customer directly in Stripe, as a dashboard user would: its setup intent, confirmed. */
    JsonNode attachCard(String customerId, String testCard) {
        JsonNode intent = stripeOk("POST", "/v1/setup_intents", "customer=" + customerId
                + "&usage=off_session&payment_method_types[0]=card", "Could not make a setup intent");
        return confirmSetupIntent(intent.path("id").asString(), testCard);
    }

    private JsonNode stripeOk(String method, String path, String form, String failure) {
        HttpResponse<String> response = send(method, path, form, true);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(failure + ": " + method + " " + path + " -> " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static java.util.Map<String, JsonNode> byId(JsonNode list) {
        java.util.Map<String, JsonNode> objects = new java.util.TreeMap<>();
        list.path("data").forEach(o -> objects.put(o.path("id").asString(), o));
        return objects;
    }

    /** How many requests Stripe received whose method and path start as given, since the last clear. */
    long calls(String method, String pathPrefix) {
        JsonNode log = JSON.readTree(send("GET", "/_emulator/requests", null, false).body()).path("data");
        long count = 0;
        for (JsonNode entry : log) {
            if (entry.path("method").asString().equals(method) && entry.path("path").asString().startsWith(pathPrefix)) {
                count++;
            }
        }
        return count;
    }

    /** The distinct Idempotency-Keys of the requests to exactly this method and path, since the last clear. */
    java.util.Set<String> idempotencyKeys(String method, String path) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (JsonNode entry : JSON.readTree(send("GET", "/_emulator/requests", null, false).body()).path("data")) {
            if (entry.path("method").asString().equals(method) && entry.path("path").asString().equals(path)) {
                keys.add(entry.path("idempotency_key").asString());
            }
        }
        return keys;
    }

    /** Whether Stripe has received a request to exactly this method and path that it has not answered yet. */
    boolean working(String method, String path) {
        for (JsonNode entry : JSON.readTree(send("GET", "/_emulator/requests", null, false).body()).path("data")) {
            if (entry.path("method").asString().equals(method) && entry.path("path").asString().equals(path)
                    && entry.path("status").isNull()) {
                return true;
            }
        }
        return false;
    }

    long totalCalls() {
        return JSON.readTree(send("GET", "/_emulator/requests", null, false).body()).path("data").size();
    }

    void clearRequests() {
        send("DELETE", "/_emulator/requests", null, false);
    }

    void fault(String match, String fault, int times) {
        String body = "{\"match\": \"" + match + "\", \"fault\": \"" + fault + "\", \"times\": " + times + "}";
        HttpResponse<String> response = send("POST", "/_emulator/faults", body, false);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Fault not set: " + response.body());
        }
    }

    /** Stripe's per-second limits on reads and writes (0: none), answered as Stripe does with 429 beyond them. */
    void rateLimits(int readsPerSecond, int writesPerSecond) {
        HttpResponse<String> response = send("POST", "/_emulator/rate-limits", "{\"reads_per_second\": "
                + readsPerSecond + ", \"writes_per_second\": " + writesPerSecond + "}", false);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Rate limits not set: " + response.body());
        }
    }

    /** The requests Stripe refused for their rate, since the last clear. */
    long rateLimited() {
        long count = 0;
        for (JsonNode entry : JSON.readTree(send("GET", "/_emulator/requests", null, false).body()).path("data")) {
            if (entry.path("status").asInt() == 429) {
                count++;
            }
        }
        return count;
    }

    void clearFaults() {
        send("DELETE", "/_emulator/faults", null, false);
    }

    private HttpResponse<String> send(String method, String path, String body, boolean stripeApi) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (stripeApi) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((API_KEY + ":").getBytes()));
            if (body != null) {
                request.header("Content-Type", "application/x-www-form-urlencoded");
            }
        } else if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("The Stripe emulator did not answer " + method + " " + path, e);
        }
    }
}
