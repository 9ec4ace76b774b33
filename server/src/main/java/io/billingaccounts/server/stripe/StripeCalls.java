package io.billingaccounts.server.stripe;

import java.time.Duration;

import org.springframework.stereotype.Component;

import com.stripe.exception.StripeException;
import com.stripe.net.ApiRequestParams;
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

    /** A DELETE: a write that Stripe does not apply twice anyway, so it carries no Idempotency-Key. */
    <T> T delete(Deadline deadline, StripeCall<T> call) {
        return send(deadline, true, null, call);
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
     * A create: the request goes into the write's journal before it is first sent, so that recovery can send it
     * again ({@link StripeReplays}), byte for byte as stripe-java sends {@code params}; then it is sent as
     * {@link #call} sends it.
     */
    <T> T create(WriteOptions options, String path, ApiRequestParams params, StripeCall<T> call) {
        options.journal().accept(new ReplayableRequest("POST", path, FormEncoder.createQueryString(params.toMap())));
        return call(options.deadline(), options.idempotencyKey(), call);
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
