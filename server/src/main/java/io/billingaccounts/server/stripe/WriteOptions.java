package io.billingaccounts.server.stripe;

import java.util.function.Consumer;

/**
 * What a create's Stripe call needs beside its parameters: the Idempotency-Key every try carries, the deadline its
 * tries share, and {@code journal}, which keeps the request before it is sent (see {@link ReplayableRequest}).
 */
public record WriteOptions(String idempotencyKey, Deadline deadline, Consumer<ReplayableRequest> journal) {
}
