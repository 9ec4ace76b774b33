package io.billingaccounts.server.stripe;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.stripe.StripeClient;
import com.stripe.net.ApiResource;

/**
 * Learns what a create did by sending its request again with its Idempotency-Key: Stripe answers a key it has seen
 * with the first answer, for 24 hours, and runs a request it never received. So the answer is the one object the
 * create made, now or then, and never a second.
 */
@Component
public class StripeReplays {

    private final StripeClient stripe;
    private final StripeCalls calls;

    StripeReplays(StripeClient stripe, StripeCalls calls) {
        this.stripe = stripe;
        this.calls = calls;
    }

    /**
     * The object Stripe made, as JSON; empty when Stripe refused the request (a declined card, an invalid
     * parameter), so that nothing was made. A {@link StripeFailure} when Stripe cannot tell now.
     */
    public Optional<String> replay(ReplayableRequest request, String idempotencyKey, Deadline deadline) {
        return StripeCalls.orNothing(StripeFailure::refused, () -> calls.call(deadline, idempotencyKey,
                options -> stripe.rawRequest(ApiResource.RequestMethod.valueOf(request.method()), request.path(),
                        request.form(), StripeCalls.raw(options))).body());
    }
}
