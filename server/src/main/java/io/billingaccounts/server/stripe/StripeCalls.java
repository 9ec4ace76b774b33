package io.billingaccounts.server.stripe;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.google.gson.JsonElement;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiRequestParams;
import com.stripe.net.ApiResource;
import com.stripe.net.FormEncoder;
import com.stripe.net.RawRequestOptions;
import com.stripe.net.RequestOptions;

import io.billingaccounts.server.basics.Backoff;

/**
 * Runs one Stripe call inside a request's {@link Deadline}: each try waits at most the read timeout and never
 * past the deadline, failures worth retrying are retried after a growing random pause ({@link Backoff}) while
 * the deadline allows, and a POST carries the same Idempotency-Key on every try, so Stripe applies it at most once.
 * stripe-java's own retries are off ({@link StripeConfiguration}): they would restart the timeout on each try.
 */
@Component
class StripeCalls {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);
    // What a call waiting for its turn at the rate limit keeps of the deadline for itself.
    private static final Duration MIN_TIME_TO_SEND = Duration.ofSeconds(1);

    private final StripeSettings settings;
    private final StripeRateLimiter limiter;
    private final Backoff backoff;

    StripeCalls(StripeSettings settings, StripeRateLimiter limiter) {
        this.settings = settings;
        this.limiter = limiter;
        this.backoff = new Backoff(FIRST_PAUSE, LONGEST_PAUSE, settings.maxNetworkRetries());
    }

    /** A read, or with {@code idempotencyKey} a POST (a write) that carries it on every try. */
    <T> T call(Deadline deadline, String idempotencyKey, StripeCall<T> call) {
        return send(deadline, idempotencyKey != null, idempotencyKey, call);
    }

    /**
     * A read of one object; empty when Stripe has no such object ({@code resource_missing}): the one place where a
     * missing object means "nothing there".
     */
    <T> Optional<T> find(Deadline deadline, StripeCall<T> call) {
        return orNothing(StripeFailure::objectMissing, () -> call(deadline, null, call));
    }

    /** A DELETE: a write that Stripe does not apply twice anyway, so it carries no Idempotency-Key. */
    <T> T delete(Deadline deadline, StripeCall<T> call) {
        return send(deadline, true, null, call);
    }

    /** A DELETE of an object that may be gone already: gone counts as deleted, so a repeated delete is harmless. */
    void deleteIfPresent(Deadline deadline, StripeCall<?> call) {
        orNothing(StripeFailure::objectMissing, () -> delete(deadline, call));
    }

    /**
     * What {@code call} answers, or empty when it fails as {@code nothing} picks out: Stripe's way of saying there
     * is nothing to answer (no such object, no invoice to preview, a refund already made, a request it refuses).
     */
    static <T> Optional<T> orNothing(Predicate<StripeFailure> nothing, Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (StripeFailure failure) {
            if (nothing.test(failure)) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /**
     * A stripe-java object from Stripe's JSON, the one way to it for an answer a write kept (a create replayed by
     * recovery) and for an event's object ({@link StripeEvent#objectAs}): read by stripe-java's own Gson, which alone
     * knows its models (expandable fields, its naming).
     */
    static <T> T model(String json, Class<T> type) {
        return ApiResource.GSON.fromJson(json, type);
    }

    static <T> T model(JsonElement json, Class<T> type) {
        return ApiResource.GSON.fromJson(json, type);
    }

    private <T> T send(Deadline deadline, boolean write, String idempotencyKey, StripeCall<T> call) {
        Backoff.Pauses pauses = backoff.start();
        boolean maybeApplied = false;
        while (true) {
            if (deadline.passed()) {
                throw StripeFailure.deadlineExceeded(maybeApplied);
            }
            if (!limiter.acquire(write, deadline, MIN_TIME_TO_SEND)) {
                throw StripeFailure.rateLimitedHere(maybeApplied);
            }
            try {
                return call.run(options(deadline, idempotencyKey));
            } catch (StripeException e) {
                StripeFailure failure = StripeFailure.from(e, maybeApplied);
                maybeApplied = failure.maybeApplied();
                if (!failure.retryable() || !pauses.pauseWithin(deadline.remaining())) {
                    throw failure;
                }
            }
        }
    }

    /**
     * A create made ready: its request as stripe-java will send {@code params}, byte for byte, for the write to keep
     * before it is first sent, so that recovery can send it again ({@link StripeReplays}); it is sent as
     * {@link #call} sends a write.
     */
    <T> StripeCreate<T> create(String path, ApiRequestParams params, StripeCall<T> call) {
        return new StripeCreate<>(new ReplayableRequest("POST", path, FormEncoder.createQueryString(params.toMap())),
                (idempotencyKey, deadline) -> call(deadline, idempotencyKey, call));
    }

    /** The same try's options for stripe-java's raw requests (a kept request sent again, a list it has no call for). */
    static RawRequestOptions raw(RequestOptions options) {
        RawRequestOptions.RawRequestOptionsBuilder raw = RawRequestOptions.builder()
                .setReadTimeout(options.getReadTimeout()).setConnectTimeout(options.getConnectTimeout())
                .setMaxNetworkRetries(0);
        if (options.getIdempotencyKey() != null) {
            raw.setIdempotencyKey(options.getIdempotencyKey());
        }
        return raw.build();
    }

    private RequestOptions options(Deadline deadline, String idempotencyKey) {
        long remaining = Math.max(1, deadline.remaining().toMillis());
        RequestOptions.RequestOptionsBuilder options = RequestOptions.builder()
                .setReadTimeout((int) Math.min(settings.readTimeout().toMillis(), remaining))
                .setConnectTimeout((int) Math.min(settings.connectTimeout().toMillis(), remaining))
                .setMaxNetworkRetries(0);
        if (idempotencyKey != null) {
            options.setIdempotencyKey(idempotencyKey);
        }
        return options.build();
    }

    @FunctionalInterface
    interface StripeCall<T> {
        T run(RequestOptions options) throws StripeException;
    }
}
