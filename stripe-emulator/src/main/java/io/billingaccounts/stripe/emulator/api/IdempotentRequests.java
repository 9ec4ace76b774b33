package io.billingaccounts.stripe.emulator.api;

import io.billingaccounts.stripe.emulator.store.DataStore;
import io.billingaccounts.stripe.emulator.store.IdempotencyRecord;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's Idempotency-Key on POST. The first request with a key runs and its answer is stored with
 * its changes, in the same log record, whatever its status; a later request with the key and the
 * same method, path and parameters gets that answer again, marked {@code Idempotent-Replayed: true};
 * with anything else it gets a 400 {@code idempotency_error}. While a request with a key runs, another
 * with the key gets a 409. Keys are forgotten 24 hours after their first use.
 *
 * <p>Requests refused before they run (bad parameters, injected faults that do nothing) store
 * nothing, as on Stripe. A {@code commit_then_500} fault runs the request and stores its real
 * answer before answering 500: a client that lost the answer retries with the same key and gets
 * the object that was created, which is how a client recovers on Stripe too.
 */
final class IdempotentRequests {

    private static final int MAX_KEY_LENGTH = 255;

    private final DataStore store;
    private final Clock clock;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    IdempotentRequests(DataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param firstRun runs the request and stores {@link #record} of its answer with its changes
     */
    ApiResponse handle(String key, String method, String path, String fingerprint, Supplier<ApiResponse> firstRun) {
        if (key.length() > MAX_KEY_LENGTH) {
            throw StripeError.invalidRequest("Idempotency-Key header is too long: keys can be at most "
                    + MAX_KEY_LENGTH + " characters long.", null);
        }
        if (!running.add(key)) {
            throw new StripeError(409, StripeError.INVALID_REQUEST, "idempotency_key_in_use",
                    "There is currently another in-progress request using this Idempotency Key (that probably means"
                            + " you submitted twice, and the other request is still going through): " + key
                            + ". Please try again later.", null);
        }
        try {
            IdempotencyRecord stored = store.read(state -> state.idempotencyRecord(key));
            if (stored == null || stored.isExpiredAt(clock.millis())) {
                return firstRun.get();
            }
            if (!stored.method().equals(method) || !stored.path().equals(path)) {
                throw new StripeError(400, StripeError.IDEMPOTENCY_ERROR, null,
                        "Keys for idempotent requests can only be used for the same endpoint they were first used for ('"
                                + stored.method() + " " + stored.path() + "' vs '" + method + " " + path
                                + "'). Try using a key other than '" + key + "' if you meant to execute a different"
                                + " request.", null);
            }
            if (!stored.fingerprint().equals(fingerprint)) {
                throw new StripeError(400, StripeError.IDEMPOTENCY_ERROR, null,
                        "Keys for idempotent requests can only be used with the same parameters they were first used"
                                + " with. Try using a key other than '" + key + "' if you meant to execute a different"
                                + " request.", null);
            }
            return new ApiResponse(stored.status(), (ObjectNode) Json.parse(stored.body()),
                    Map.of("Idempotent-Replayed", "true", "Original-Request", stored.requestId()));
        } finally {
            running.remove(key);
        }
    }

    IdempotencyRecord record(String key, String method, String path, String fingerprint, int status,
            ObjectNode body, String requestId) {
        return new IdempotencyRecord(key, method, path, fingerprint, status, Json.compact(body), requestId,
                clock.millis());
    }
}
