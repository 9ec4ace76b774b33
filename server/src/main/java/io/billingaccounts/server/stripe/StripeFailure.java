package io.billingaccounts.server.stripe;

import java.util.List;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;

import io.billingaccounts.server.problem.Problem;

/**
 * Stripe did not do what was asked. {@code UPSTREAM_UNAVAILABLE} (unreachable, timed out, rate limited, out of
 * time) is worth retrying as it is; {@code UPSTREAM_FAILED} is Stripe answering with an error.
 */
public final class StripeFailure extends Problem {

    private final boolean objectMissing;
    private final boolean maybeApplied;
    private final boolean retryable;
    private final boolean refused;

    private StripeFailure(Kind kind, String code, String message, boolean objectMissing, boolean maybeApplied,
                          boolean retryable, boolean refused, Throwable cause) {
        super(kind, code, message, List.of(), cause);
        this.objectMissing = objectMissing;
        this.maybeApplied = maybeApplied;
        this.retryable = retryable;
        this.refused = refused;
    }

    /** {@code appliedBefore}: an earlier try of the same call may have been applied. */
    static StripeFailure from(StripeException e, boolean appliedBefore) {
        if (e instanceof ApiConnectionException) {
            return new StripeFailure(Kind.UPSTREAM_UNAVAILABLE, "stripe_unavailable",
                    "Stripe could not be reached; nothing was changed. Retry later.", false, true, true, false, e);
        }
        if (e instanceof CardException card) {
            // Stripe's answer is final: with payment_behavior=error_if_incomplete it kept nothing of the request.
            return new StripeFailure(Kind.PAYMENT_REQUIRED, card.getCode() != null ? card.getCode() : "card_declined",
                    "The card was declined; nothing was created or charged. Use another payment method.", false,
                    appliedBefore, false, true, e);
        }
        if (e instanceof RateLimitException) {
            // Also Stripe's lock_timeout: another request held the object.
            return new StripeFailure(Kind.UPSTREAM_UNAVAILABLE, "stripe_rate_limited",
                    "Stripe is limiting the rate of requests; nothing was changed. Retry later.", false,
                    appliedBefore, true, false, e);
        }
        Integer status = e.getStatusCode();
        boolean missing = e instanceof InvalidRequestException && status != null && status == 404
                && "resource_missing".equals(e.getCode());
        boolean serverSide = status == null || status >= 500;
        // An Idempotency-Key still in flight on Stripe's side: the first try is still being applied.
        boolean inFlight = e instanceof IdempotencyException || status != null && status == 409;
        return new StripeFailure(Kind.UPSTREAM_FAILED, missing ? "stripe_object_missing" : "stripe_error",
                "Stripe could not complete the request; nothing was changed. Retry later.", missing,
                appliedBefore || serverSide || inFlight, serverSide || inFlight, !serverSide && !inFlight, e);
    }

    /** This service's own limit on Stripe calls left no turn before the deadline: the try was never sent. */
    static StripeFailure rateLimitedHere(boolean maybeApplied) {
        return new StripeFailure(Kind.UPSTREAM_UNAVAILABLE, "stripe_rate_limited",
                "Stripe's rate limit is used up for now; nothing was changed. Retry later.", false, maybeApplied,
                false, false, null);
    }

    static StripeFailure deadlineExceeded(boolean maybeApplied) {
        return new StripeFailure(Kind.UPSTREAM_UNAVAILABLE, "stripe_timeout",
                "Stripe did not answer in time; nothing was changed. Retry later.", false, maybeApplied, false,
                false, null);
    }

    /** Stripe's own error code ({@code charge_already_refunded} ...), null when Stripe gave none or did not answer. */
    public String stripeCode() {
        return getCause() instanceof StripeException e ? e.getCode() : null;
    }

    /** The object does not exist in Stripe (any more). */
    public boolean objectMissing() {
        return objectMissing;
    }

    /** Stripe may have applied the change although it answered with a failure, so it must be checked later. */
    public boolean maybeApplied() {
        return maybeApplied;
    }

    /**
     * Stripe answered the request with its final refusal (a 4xx such as a declined card or an invalid parameter):
     * that try made nothing, and sending it again gets the same answer.
     */
    public boolean refused() {
        return refused;
    }

    boolean retryable() {
        return retryable;
    }
}
