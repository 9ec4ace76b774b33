package io.billingaccounts.stripe.emulator.api;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.billingaccounts.stripe.emulator.events.EventPublisher;
import io.billingaccounts.stripe.emulator.faults.FaultInjector;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import io.billingaccounts.stripe.emulator.limits.ObjectLocks;
import io.billingaccounts.stripe.emulator.limits.RequestRateLimiter;
import io.billingaccounts.stripe.emulator.limits.StripeLimits;
import io.billingaccounts.stripe.emulator.params.FormParams;
import io.billingaccounts.stripe.emulator.params.ParamCatalog;
import io.billingaccounts.stripe.emulator.params.ParamValidator;
import io.billingaccounts.stripe.emulator.requestlog.RequestLog;
import io.billingaccounts.stripe.emulator.resources.Outcome;
import io.billingaccounts.stripe.emulator.resources.ResourceRequest;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.DataStore;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeError;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import io.billingaccounts.stripe.emulator.webhooks.WebhookDeliverer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serves /v1 the way Stripe does (and any other URL but the control API's, with Stripe's 404 for an
 * unrecognized URL). Each request is logged, authenticated, held to the rate limits (when set), offered to the
 * fault injector, routed, checked against the parameters Stripe accepts, run (under the data lock, with its
 * Idempotency-Key when it is a POST carrying one, holding the object it writes when lock timeouts are on), delayed
 * by the configured latency and answered with a {@code Request-Id}. Faults that drop the connection drop it at once.
 * A committed change's events are stored with it as Stripe {@code event} objects and handed to the webhook deliverer
 * in commit order.
 */
public final class StripeApiHandler implements HttpHandler {

    /** API version whose object shapes the emulator answers with: the one stripe-java (33.3.0) pins. */
    public static final String STRIPE_VERSION = "2026-07-29.dahlia";

    /** Longer than any client waits; the emulator's stop interrupts it. */
    private static final Duration TIMEOUT_FAULT_HOLD = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(StripeApiHandler.class.getName());

    private final DataStore store;
    private final Router router;
    private final Clock clock;
    private final ParamValidator validator = new ParamValidator(ParamCatalog.load());
    private final IdempotentRequests idempotentRequests;
    private final FaultInjector faults;
    private final RequestLog requestLog;
    private final EventPublisher events;
    private final EventingCommit eventingCommit;
    private final long delayMillis;
    private final RequestRateLimiter rateLimiter;
    private final ObjectLocks objectLocks;

    public StripeApiHandler(DataStore store, Clock clock, FaultInjector faults, RequestLog requestLog,
            EventPublisher events, WebhookDeliverer webhooks, long delayMillis, StripeLimits limits) {
        this.store = store;
        this.router = new Router(limits.searchLag());
        this.clock = clock;
        this.idempotentRequests = new IdempotentRequests(store, clock);
        this.faults = faults;
        this.requestLog = requestLog;
        this.events = events;
        this.eventingCommit = new EventingCommit(webhooks);
        this.delayMillis = delayMillis;
        this.rateLimiter = limits.rateLimiter();
        this.objectLocks = limits.objectLocks();
    }

    @Override
    public void handle(HttpExchange exchange) {
        String requestId = StripeIds.request();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        RequestLog.Entry logged = requestLog.arrived(requestId, method, path, idempotencyKey);
        Latency latency = new Latency(delayMillis);
        try {
            Optional<ApiResponse> response = answer(exchange, method, path, idempotencyKey, requestId, latency);
            if (response.isPresent()) {
                latency.spend();
                // Logged before it is sent: a client that has its answer finds it in the log with its status.
                logged.answered(response.get().status());
                send(exchange, response.get(), requestId, method.equals("POST") ? idempotencyKey : null);
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            LOG.log(System.Logger.Level.DEBUG, "could not answer " + requestId, clientGone);
        } finally {
            // Closing an exchange that has sent no headers closes its connection: how faults drop one.
            exchange.close();
        }
    }

    /** @return the answer, or empty when a fault drops the connection instead */
    private Optional<ApiResponse> answer(HttpExchange exchange, String method, String path, String idempotencyKey,
            String requestId, Latency latency) throws IOException, InterruptedException {
        StripeError unauthorized = ApiKeys.check(exchange.getRequestHeaders().getFirst("Authorization"));
        if (unauthorized != null) {
            return Optional.of(new ApiResponse(unauthorized.status(), unauthorized.toJson(),
                    Map.of("WWW-Authenticate", "Bearer realm=\"Stripe\"")));
        }
        // Stripe counts an account's requests: only those whose key passed. One refused uses up no fault.
        if (path.startsWith("/v1/") && !rateLimiter.tryAdmit(method)) {
            return Optional.of(ApiResponse.error(StripeError.rateLimit()));
        }
        FaultKind fault = faults.take(method, path).orElse(null);
        if (fault == FaultKind.HTTP_500) {
            return Optional.of(ApiResponse.error(injected500()));
        }
        if (fault == FaultKind.HTTP_429) {
            return Optional.of(ApiResponse.error(StripeError.rateLimit()));
        }
        if (fault == FaultKind.TIMEOUT) {
            Thread.sleep(TIMEOUT_FAULT_HOLD.toMillis());
            return Optional.empty();
        }
        if (fault == FaultKind.RESET) {
            return Optional.empty();
        }
        ApiResponse response = run(exchange, method, path, idempotencyKey, requestId, latency);
        if (fault == FaultKind.COMMIT_THEN_TIMEOUT) {
            Thread.sleep(TIMEOUT_FAULT_HOLD.toMillis());
            return Optional.empty();
        }
        return Optional.of(fault == FaultKind.COMMIT_THEN_500 ? ApiResponse.error(injected500()) : response);
    }

    private ApiResponse run(HttpExchange exchange, String method, String path, String idempotencyKey,
            String requestId, Latency latency) throws IOException {
        try {
            Router.Match match = router.match(method, path);
            if (match == null) {
                throw new StripeError(404, StripeError.INVALID_REQUEST, null, "Unrecognized request URL (" + method
                        + ": " + path + "). Please see https://stripe.com/docs or we can help at"
                        + " https://support.stripe.com/.", null);
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            FormParams params = FormParams.decode(exchange.getRequestURI().getRawQuery(), body);
            validator.validate(match.route().operationKey(), params);
            if (!match.route().mutating()) {
                return store.read(state -> {
                    Outcome outcome = match.route().operation().execute(request(match, params), state);
                    return ApiResponse.of(outcome.status(), outcome.body());
                });
            }
            if (method.equals("POST") && idempotencyKey != null) {
                String fingerprint = params.fingerprint();
                // A lock timeout is thrown before anything is stored: a retry with the key runs afresh, as on Stripe.
                return idempotentRequests.handle(idempotencyKey, method, path, fingerprint,
                        () -> holdingTheObject(match, latency, () -> {
                            latency.spend();
                            return commit(match, params, requestId, idempotencyKey, outcome -> List.of(
                                    new Change.PutIdempotencyRecord(idempotentRequests.record(idempotencyKey, method,
                                            path, fingerprint, outcome.status(), outcome.body(), requestId))));
                        }));
            }
            return holdingTheObject(match, latency, () -> commit(match, params, requestId, null, outcome -> List.of()));
        } catch (StripeError refused) {
            return ApiResponse.error(refused);
        } catch (RuntimeException bug) {
            LOG.log(System.Logger.Level.ERROR, "failed on " + method + " " + path + " (" + requestId + ")", bug);
            return ApiResponse.error(StripeError.api("stripe-emulator failed: " + bug));
        }
    }

    /**
     * With lock timeouts on, runs a write of the object in its path holding that object for the whole of its
     * processing, the configured delay included (so that concurrent writes of one object can meet, as they do on
     * Stripe); a write that finds it held is refused with {@code lock_timeout}. Otherwise just runs it.
     */
    private ApiResponse holdingTheObject(Router.Match match, Latency latency, Supplier<ApiResponse> write) {
        if (!objectLocks.enabled() || match.id() == null) {
            return write.get();
        }
        try (ObjectLocks.Hold held = objectLocks.hold(match.id())) {
            latency.spend();
            return write.get();
        }
    }

    /**
     * Runs a mutating operation under the write lock and commits its changes, with the extra ones
     * (the idempotency record) made from its outcome and the events they make, in one log record. An
     * operation that refuses the request commits only the extras: Stripe stores such an answer for
     * its key too.
     *
     * @param idempotencyKey the key of a POST, for the events' {@code request}; else null
     */
    private ApiResponse commit(Router.Match match, FormParams params, String requestId, String idempotencyKey,
            Function<Outcome, List<Change>> extras) {
        Outcome outcome = store.write(transaction -> {
            Outcome result;
            try {
                result = match.route().operation().execute(request(match, params), transaction.state());
            } catch (StripeError refused) {
                result = Outcome.error(refused);
            }
            List<Change> changes = new ArrayList<>(result.changes());
            changes.addAll(extras.apply(result));
            eventingCommit.commit(transaction, changes, result.events(), requestId, idempotencyKey);
            return result;
        });
        events.publish(outcome.events());
        return ApiResponse.of(outcome.status(), outcome.body());
    }

    /**
     * Made under the data lock, so that the request's time is the account's as it runs: after any clock advance
     * committed before it.
     */
    private ResourceRequest request(Router.Match match, FormParams params) {
        return new ResourceRequest(match.id(), params.root(), clock.instant().getEpochSecond());
    }

    private static StripeError injected500() {
        return StripeError.api("An unknown error occurred (fault injected by stripe-emulator).");
    }

    private static void send(HttpExchange exchange, ApiResponse response, String requestId, String idempotencyKey)
            throws IOException {
        byte[] bytes = Json.prettyBytes(response.body());
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Request-Id", requestId);
        headers.set("Stripe-Version", STRIPE_VERSION);
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        response.headers().forEach(headers::set);
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
