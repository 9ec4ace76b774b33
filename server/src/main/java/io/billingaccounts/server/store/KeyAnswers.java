package io.billingaccounts.server.store;

import java.util.Optional;

/**
 * The answer a keyed create's caller gets, made from what the create stored: {@link IdempotencyKeys#settled}
 * keeps it with the caller's Idempotency-Key in the transaction that settles the create, so that the key is
 * answered the moment the write is, with no commit of its own. Provided by the web layer, which alone knows the
 * wire; empty for what it does not answer that way.
 */
public interface KeyAnswers {

    Optional<KeyAnswer> of(Object stored);
}
