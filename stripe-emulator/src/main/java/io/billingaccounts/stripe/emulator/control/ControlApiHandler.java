package io.billingaccounts.stripe.emulator.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.billingaccounts.stripe.emulator.clock.ClockAdvance;
import io.billingaccounts.stripe.emulator.clock.EmulatorClock;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import io.billingaccounts.stripe.emulator.faults.FaultRule;
import io.billingaccounts.stripe.emulator.limits.RateLimits;
import io.billingaccounts.stripe.emulator.limits.StripeLimits;
import io.billingaccounts.stripe.emulator.requestlog.LoggedRequest;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.webhooks.WebhookDelivery;
import io.billingaccounts.stripe.emulator.webhooks.WebhookSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulator's own endpoints under /_emulator, for tests; JSON in and out, no authentication.
 * <ul>
 *   <li>{@code POST /_emulator/faults} {@code {"match": "POST /v1/customers/*", "fault": "http_500",
 *       "times": 1}} arms a fault; {@code GET} lists the armed ones; {@code DELETE} disarms all.</li>
 *   <li>{@code GET /_emulator/requests} lists the /v1 requests received, oldest first;
 *       {@code DELETE} forgets them.</li>
 *   <li>{@code GET /_emulator/webhooks} lists the webhook deliveries, in send order;
 *       {@code POST /_emulator/webhooks/resend} {@code {"event_id": "evt_..."}} sends a stored event
 *       again; {@code POST /_emulator/webhooks/settings} {@code {"retry_schedule": "0.2s,1s", "duplicate_probability":
 *       0.1, "shuffle_ms": 500, "seed": 42}} (any may be left out, keeping it) sets how later events are retried,
 *       duplicated and shuffled (see {@link WebhookSettings}), answering, as its {@code GET} does, the settings
 *       now.</li>
 *   <li>{@code DELETE /_emulator/data} forgets every object, event, idempotency key, logged request
 *       and webhook delivery, and sets the clock back.</li>
 *   <li>{@code GET /_emulator/clock} tells the account's time: {@code {"now": 1768471200, "iso":
 *       "2026-01-15T10:00:00Z"}}; {@code POST /_emulator/clock/advance} {@code {"seconds": N}} moves it forward
 *       and runs what falls due (see {@link EmulatorClock}), answering the new time and what ran.</li>
 *   <li>{@code POST /_emulator/search-lag} {@code {"millis": N}}, {@code POST /_emulator/rate-limits}
 *       {@code {"reads_per_second": N, "writes_per_second": N}} (either may be left out, keeping it) and
 *       {@code POST /_emulator/lock-timeouts} {@code {"enabled": true}} set how Stripe holds clients back (see
 *       {@link StripeLimits}); each answers, as its {@code GET} does, the setting now.</li>
 * </ul>
 */
public final class ControlApiHandler implements HttpHandler {

    private final EmulatorControls controls;

    public ControlApiHandler(EmulatorControls controls) {
        this.controls = controls;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            try {
                switch (route) {
                    case "POST /_emulator/faults" -> send(exchange, 200, faultJson(armFault(exchange)));
                    case "GET /_emulator/faults" -> send(exchange, 200, faultList());
                    case "DELETE /_emulator/faults" -> {
                        controls.faults().clear();
                        send(exchange, 200, faultList());
                    }
                    case "GET /_emulator/requests" -> send(exchange, 200,
                            dataList(controls.requestLog().entries(), ControlApiHandler::requestJson));
                    case "DELETE /_emulator/requests" -> {
                        controls.requestLog().clear();
                        send(exchange, 200, dataList(List.<LoggedRequest>of(), ControlApiHandler::requestJson));
                    }
                    case "GET /_emulator/webhooks" -> send(exchange, 200, deliveryList());
                    case "POST /_emulator/webhooks/resend" -> resend(exchange);
                    case "GET /_emulator/webhooks/settings" -> send(exchange, 200, webhookSettingsJson());
                    case "POST /_emulator/webhooks/settings" -> {
                        setWebhookSettings(exchange);
                        send(exchange, 200, webhookSettingsJson());
                    }
                    case "DELETE /_emulator/data" -> {
                        controls.wipeData().run();
                        send(exchange, 200, Json.object().put("wiped", true));
                    }
                    case "GET /_emulator/clock" -> send(exchange, 200, time(controls.clock().now()));
                    case "POST /_emulator/clock/advance" -> send(exchange, 200, advanceJson(advance(exchange)));
                    case "GET /_emulator/search-lag" -> send(exchange, 200, searchLagJson());
                    case "POST /_emulator/search-lag" -> {
                        setSearchLag(exchange);
                        send(exchange, 200, searchLagJson());
                    }
                    case "GET /_emulator/rate-limits" -> send(exchange, 200, rateLimitsJson());
                    case "POST /_emulator/rate-limits" -> {
                        setRateLimits(exchange);
                        send(exchange, 200, rateLimitsJson());
                    }
                    case "GET /_emulator/lock-timeouts" -> send(exchange, 200, lockTimeoutsJson());
                    case "POST /_emulator/lock-timeouts" -> {
                        setLockTimeouts(exchange);
                        send(exchange, 200, lockTimeoutsJson());
                    }
                    default -> send(exchange, 404, error("no control endpoint " + route + "; see "
                            + "POST|GET|DELETE /_emulator/faults, GET|DELETE /_emulator/requests,"
                            + " GET /_emulator/webhooks, POST /_emulator/webhooks/resend,"
                            + " GET|POST /_emulator/webhooks/settings, DELETE /_emulator/data,"
                            + " GET /_emulator/clock, POST /_emulator/clock/advance, GET|POST /_emulator/search-lag,"
                            + " GET|POST /_emulator/rate-limits, GET|POST /_emulator/lock-timeouts"));
                }
            } catch (IllegalArgumentException | JacksonException badRequest) {
                send(exchange, 400, error(badRequest.getMessage()));
            }
        }
    }

    private FaultRule armFault(HttpExchange exchange) throws IOException {
        JsonNode body = Json.parse(exchange.getRequestBody().readAllBytes());
        if (!body.path("match").isString() || !body.path("fault").isString()) {
            throw new IllegalArgumentException("expected {\"match\": \"METHOD /path/glob\", \"fault\": \"http_500|http_429"
                    + "|timeout|reset|commit_then_500\", \"times\": N}");
        }
        JsonNode times = body.path("times");
        if (!times.isMissingNode() && !times.isInt()) {
            throw new IllegalArgumentException("times must be an integer");
        }
        return controls.faults().inject(body.get("match").asString(),
                FaultKind.fromWireName(body.get("fault").asString()), times.asInt(1));
    }

    private ClockAdvance advance(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        JsonNode seconds = bytes.length == 0 ? null : Json.parse(bytes).get("seconds");
        if (seconds == null || !seconds.isIntegralNumber() || !seconds.canConvertToLong() || seconds.asLong() <= 0) {
            throw new IllegalArgumentException("expected {\"seconds\": N} with N a whole number of seconds above 0,"
                    + " got " + (seconds == null ? "no seconds" : seconds.toString()));
        }
        return controls.clock().advance(Duration.ofSeconds(seconds.asLong()));
    }

    private void setSearchLag(HttpExchange exchange) throws IOException {
        JsonNode millis = jsonBody(exchange).get("millis");
        if (millis == null || !millis.isIntegralNumber() || !millis.canConvertToLong() || millis.asLong() < 0) {
            throw new IllegalArgumentException("expected {\"millis\": N} with N a whole number of milliseconds, 0 or"
                    + " more, got " + (millis == null ? "no millis" : millis.toString()));
        }
        controls.limits().searchLag().set(Duration.ofMillis(millis.asLong()));
    }

    private ObjectNode searchLagJson() {
        return Json.object().put("millis", controls.limits().searchLag().get().toMillis());
    }

    private void setRateLimits(HttpExchange exchange) throws IOException {
        JsonNode body = jsonBody(exchange);
        RateLimits now = controls.limits().rateLimiter().get();
        controls.limits().rateLimiter().set(new RateLimits(perSecond(body, "reads_per_second", now.readsPerSecond()),
                perSecond(body, "writes_per_second", now.writesPerSecond())));
    }

    private static int perSecond(JsonNode body, String field, int unchanged) {
        JsonNode value = body.get(field);
        if (value == null) {
            return unchanged;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw new IllegalArgumentException(field + " must be a whole number, 0 (no limit) or more, got " + value);
        }
        return value.asInt();
    }

    private ObjectNode rateLimitsJson() {
        RateLimits now = controls.limits().rateLimiter().get();
        return Json.object().put("reads_per_second", now.readsPerSecond())
                .put("writes_per_second", now.writesPerSecond());
    }

    private void setLockTimeouts(HttpExchange exchange) throws IOException {
        JsonNode enabled = jsonBody(exchange).get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw new IllegalArgumentException("expected {\"enabled\": true|false}, got "
                    + (enabled == null ? "no enabled" : enabled.toString()));
        }
        controls.limits().objectLocks().enable(enabled.asBoolean());
    }

    private ObjectNode lockTimeoutsJson() {
        return Json.object().put("enabled", controls.limits().objectLocks().enabled());
    }

    /** The request's JSON object; an empty body reads as {@code {}}. */
    private static JsonNode jsonBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        JsonNode body = bytes.length == 0 ? Json.object() : Json.parse(bytes);
        if (!body.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + body);
        }
        return body;
    }

    private static ObjectNode time(Instant now) {
        return Json.object().put("now", now.getEpochSecond()).put("iso", Instant.ofEpochSecond(now.getEpochSecond()).toString());
    }

    private static ObjectNode advanceJson(ClockAdvance advance) {
        ObjectNode json = time(advance.now());
        json.put("advanced_seconds", advance.now().getEpochSecond() - advance.from().getEpochSecond());
        ArrayNode ran = json.putArray("ran");
        for (ClockAdvance.Ran one : advance.ran()) {
            ObjectNode entry = ran.addObject()
                    .put("at", one.at().getEpochSecond())
                    .put("iso", one.at().toString())
                    .put("action", one.action())
                    .put("subscription", one.subscription())
                    .put("status", one.status())
                    .put("invoice", one.invoice())
                    .put("invoice_status", one.invoiceStatus());
            ArrayNode types = entry.putArray("events");
            one.events().forEach(types::add);
        }
        return json;
    }

    private void resend(HttpExchange exchange) throws IOException {
        JsonNode body = Json.parse(exchange.getRequestBody().readAllBytes());
        if (!body.path("event_id").isString()) {
            throw new IllegalArgumentException("expected {\"event_id\": \"evt_...\"}");
        }
        String eventId = body.get("event_id").asString();
        Optional<WebhookDelivery> delivery;
        try {
            delivery = controls.webhooks().resend(eventId);
        } catch (IllegalStateException webhooksOff) {
            send(exchange, 409, error(webhooksOff.getMessage()));
            return;
        }
        if (delivery.isPresent()) {
            send(exchange, 200, deliveryJson(delivery.get()));
        } else {
            send(exchange, 404, error("no stored event " + eventId));
        }
    }

    private void setWebhookSettings(HttpExchange exchange) throws IOException {
        JsonNode body = jsonBody(exchange);
        WebhookSettings settings = controls.webhooks().settings();
        JsonNode schedule = body.get("retry_schedule");
        if (schedule != null) {
            if (!schedule.isString()) {
                throw new IllegalArgumentException("retry_schedule is text like \"0.2s,1s,3s\" (none: no retries), got "
                        + schedule);
            }
            settings = settings.withRetrySchedule(WebhookSettings.parseSchedule(schedule.asString()));
        }
        JsonNode duplicates = body.get("duplicate_probability");
        if (duplicates != null) {
            if (!duplicates.isNumber()) {
                throw new IllegalArgumentException("duplicate_probability is a number from 0 to 1, got " + duplicates);
            }
            settings = settings.withDuplicateProbability(duplicates.asDouble());
        }
        JsonNode shuffle = body.get("shuffle_ms");
        if (shuffle != null) {
            if (!shuffle.isIntegralNumber() || !shuffle.canConvertToLong()) {
                throw new IllegalArgumentException("shuffle_ms is a whole number of milliseconds, got " + shuffle);
            }
            settings = settings.withShuffleWindow(Duration.ofMillis(shuffle.asLong()));
        }
        JsonNode seed = body.get("seed");
        if (seed != null && (!seed.isIntegralNumber() || !seed.canConvertToLong())) {
            throw new IllegalArgumentException("seed is a whole number, got " + seed);
        }
        controls.webhooks().setSettings(settings);
        if (seed != null) {
            controls.webhooks().reseed(seed.asLong());
        }
    }

    private ObjectNode webhookSettingsJson() {
        WebhookSettings settings = controls.webhooks().settings();
        return Json.object()
                .put("retry_schedule", settings.retryScheduleText())
                .put("duplicate_probability", settings.duplicateProbability())
                .put("shuffle_ms", settings.shuffleWindow().toMillis());
    }

    private ObjectNode deliveryList() {
        ObjectNode list = Json.object().put("url", controls.webhooks().url());
        list.setAll(dataList(controls.webhooks().deliveries(), ControlApiHandler::deliveryJson));
        return list;
    }

    private static ObjectNode deliveryJson(WebhookDelivery delivery) {
        return Json.object()
                .put("event_id", delivery.eventId())
                .put("type", delivery.type())
                .put("status", delivery.state().wireName())
                .put("attempts", delivery.attempts())
                .put("delivered", delivery.delivered())
                .put("http_status", delivery.httpStatus())
                .put("last_error", delivery.lastError())
                .put("resend", delivery.resend())
                .put("duplicate", delivery.duplicate());
    }

    private ObjectNode faultList() {
        return dataList(controls.faults().list(), ControlApiHandler::faultJson);
    }

    private static ObjectNode faultJson(FaultRule rule) {
        return Json.object()
                .put("id", rule.id())
                .put("match", rule.match())
                .put("fault", rule.kind().wireName())
                .put("times", rule.times())
                .put("remaining", rule.remaining());
    }

    private static ObjectNode requestJson(LoggedRequest request) {
        return Json.object()
                .put("method", request.method())
                .put("path", request.path())
                .put("status", request.status())
                .put("idempotency_key", request.idempotencyKey())
                .put("at", request.at().toString())
                .put("request_id", request.requestId());
    }

    /** {@code {"data": [...]}}: what every listing of the control API answers, in the order given. */
    private static <T> ObjectNode dataList(List<T> elements, Function<T, ObjectNode> json) {
        ObjectNode list = Json.object();
        ArrayNode data = list.putArray("data");
        elements.forEach(element -> data.add(json.apply(element)));
        return list;
    }

    private static ObjectNode error(String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("message", message);
        return body;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.prettyBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
