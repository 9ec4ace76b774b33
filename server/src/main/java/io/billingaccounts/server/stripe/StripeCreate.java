package io.billingaccounts.server.stripe;

import java.util.function.BiFunction;

/**
 * A create made ready and not sent yet: its request as it will be sent, which the write keeps in the transaction
 * that records it, before the first try ({@link ReplayableRequest}), and {@link #send}, which makes the call.
 * Making it ready reads nothing: it may run inside a transaction.
 */
public final class StripeCreate<T> {

    private final ReplayableRequest request;
    private final BiFunction<String, Deadline, T> send;

    StripeCreate(ReplayableRequest request, BiFunction<String, Deadline, T> send) {
        this.request = request;
        this.send = send;
    }

    public ReplayableRequest request() {
        return request;
    }

    /** Sends the request, every try with {@code idempotencyKey}, inside {@code deadline}. */
    public T send(String idempotencyKey, Deadline deadline) {
        return send.apply(idempotencyKey, deadline);
    }
}
