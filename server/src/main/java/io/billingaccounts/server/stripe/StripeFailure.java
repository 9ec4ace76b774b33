package io.billingaccounts.server.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;

import io.billingaccounts.server.problem.Problem;

/**
 * Stripe did not do what was asked. {@code UPSTREAM_UNAVAILABLE} (unreachable, timed out, rate limited) is worth
 * retrying as it is; {@code UPSTREAM_FAILED} is Stripe answering with an error.
 */
public final class StripeFailure extends Problem {

    private final boolean customerMissing;
    private final boolean maybeApplied;

    private StripeFailure(Kind kind, String code, String message, boolean customerMissing, boolean maybeApplied,
                          StripeException cause) {
        super(kind, code, message, java.util.List.of(), cause);
        this.customerMissing = customerMissing;
        this.maybeApplied = maybeApplied;
    }

    static StripeFailure from(StripeException e) {
        if (e instanceof ApiConnectionException) {
            return new StripeFailure(Kind.UPSTREAM_UNAVAILABLE, "stripe_unavailable",
                    "Stripe could not be reached; nothing was changed. Retry later.", false, true, e);
        }
        if (e instanceof RateLimitException) {
            return new StripeFailure(Kind.UPSTREAM_UNAVAILABLE, "stripe_rate_limited",
                    "Stripe is limiting the rate of requests; nothing was changed. Retry later.", false, false, e);
        }
        Integer status = e.getStatusCode();
        boolean missing = e instanceof InvalidRequestException && status != null && status == 404
                && "resource_missing".equals(e.getCode());
        boolean serverSide = status == null || status >= 500;
        return new StripeFailure(Kind.UPSTREAM_FAILED, missing ? "stripe_customer_missing" : "stripe_error",
                "Stripe could not complete the request; nothing was changed. Retry later.", missing, serverSide, e);
    }

    /** The customer does not exist in Stripe (any more). */
    public boolean customerMissing() {
        return customerMissing;
    }

    /** Stripe may have applied the change although it answered with a failure, so it must be checked later. */
    public boolean maybeApplied() {
        return maybeApplied;
    }
}
