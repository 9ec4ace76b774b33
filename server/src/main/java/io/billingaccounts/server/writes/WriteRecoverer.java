package io.billingaccounts.server.writes;

import io.billingaccounts.server.store.PendingWriteRow;
import io.billingaccounts.server.stripe.Deadline;

/**
 * Finishes the unfinished writes of one resource: what each resource adds to the write protocol. The recovery loop
 * calls it holding the object's turn, so no other write of the object runs meanwhile. It must be safe to run more
 * than once for the same write (a crash may interrupt it too).
 *
 * <p>A create is finished by the loop itself: it sends the create's request again with its Idempotency-Key and
 * hands the one object Stripe made to {@link #adopt}, so that the API shows whatever Stripe bills, and a caller's
 * retry with the same key gets it. Everything else comes to {@link #recover}.
 */
public interface WriteRecoverer {

    /** The {@code resource} of the writes it recovers, as given to {@link StripeWrites}. */
    String resource();

    /**
     * Takes into the mirror, tagged with {@code write.id()}, the object a create made: {@code answer} is Stripe's
     * JSON answer to the create's request. Runs in the transaction that ends the write. A resource that never
     * creates has nothing to take in.
     */
    default void adopt(PendingWriteRow write, String answer) {
        throw new IllegalStateException(resource() + " has no creates to take in");
    }

    /**
     * Any other unfinished write; and a create too old to be sent again (Stripe keeps an Idempotency-Key for 24
     * hours), whose caller can no longer learn its outcome: what it made is found by its tag and undone.
     *
     * @param write the unfinished write; {@code write.id()} is the Idempotency-Key its Stripe call carried
     * @param idempotencyKey a key of this recovery's own for any Stripe write it makes
     */
    void recover(PendingWriteRow write, String idempotencyKey, Deadline deadline);
}
