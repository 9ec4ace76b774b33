package io.billingaccounts.server.writes;

import io.billingaccounts.server.store.PendingWriteRow;
import io.billingaccounts.server.stripe.Deadline;

/**
 * Finishes or undoes the unfinished writes of one resource: what each resource adds to the write protocol. The
 * recovery loop calls it holding the object's turn, so no other write of the object runs meanwhile. It must be
 * safe to run more than once for the same write (a crash may interrupt it too). A create's caller was never told
 * of success, so recovery undoes it; other writes are brought to what the database holds, since that is what
 * callers were told.
 */
public interface WriteRecoverer {

    /** The {@code resource} of the writes it recovers, as given to {@link StripeWrites}. */
    String resource();

    /**
     * @param write the unfinished write; {@code write.id()} is the Idempotency-Key its Stripe call carried
     * @param idempotencyKey a key of this recovery's own for any Stripe write it makes
     */
    void recover(PendingWriteRow write, String idempotencyKey, Deadline deadline);
}
