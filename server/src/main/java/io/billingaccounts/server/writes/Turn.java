package io.billingaccounts.server.writes;

import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionTemplate;

import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.store.IdempotencyKeys;
import io.billingaccounts.server.store.PendingWriteRow;
import io.billingaccounts.server.store.PendingWriteStore;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.StripeCreate;
import io.billingaccounts.server.stripe.StripeFailure;

/**
 * One write's hold on its object: the deadline its Stripe calls share, the Idempotency-Key of its Stripe write,
 * and {@link #settle}, which stores the outcome and ends the write in one transaction. It knows whether Stripe may
 * hold something of the write: from the moment the write is sent until Stripe refuses it for sure; whatever fails
 * after that (a read, a mapping, the deadline, the settle) leaves the write to recovery, never to "nothing done".
 * A {@code marked} write's row is in {@code pending_write} (a create's always); an unmarked one is held in this
 * process alone, and gets its row only if it is handed to recovery.
 */
public final class Turn {

    private final PendingWriteRow write;
    private final boolean marked;
    private final Deadline deadline;
    private final PendingWriteStore pending;
    private final IdempotencyKeys idempotency;
    private final TransactionTemplate transaction;
    private final SettledWrites settledWrites;
    private boolean stripeWritten;
    private boolean refusedByStripe;
    private boolean stripeApplied;
    private boolean settled;

    Turn(PendingWriteRow write, boolean marked, Deadline deadline, PendingWriteStore pending,
         IdempotencyKeys idempotency, TransactionTemplate transaction, SettledWrites settledWrites) {
        this.write = write;
        this.marked = marked;
        this.deadline = deadline;
        this.pending = pending;
        this.idempotency = idempotency;
        this.transaction = transaction;
        this.settledWrites = settledWrites;
    }

    /** Unique to this write: its Stripe write's Idempotency-Key, and what a create tags its object with. */
    public String writeId() {
        return write.id();
    }

    public Deadline deadline() {
        return deadline;
    }

    /**
     * Makes a change of this write in Stripe (most writes make one; a decrease also schedules). From here on, a
     * write that does not settle is left to recovery, unless Stripe surely holds none of its changes: it refused
     * the first one sent.
     */
    public <T> T stripeWrite(Supplier<T> call) {
        stripeWritten = true;
        // Its echo may come back before the write settles: it is settled then, or handed to recovery.
        settledWrites.add(write.id());
        try {
            T answer = call.get();
            stripeApplied = true;
            return answer;
        } catch (StripeFailure failure) {
            refusedByStripe = !stripeApplied && !failure.maybeApplied();
            throw failure;
        }
    }

    /**
     * Sends a create's one call to Stripe, whose request its write keeps, so that recovery can learn what it made by
     * sending it again ({@link RecoveryLoop}).
     */
    <T> T stripeCreate(StripeCreate<T> create) {
        return stripeWrite(() -> create.send(write.id(), deadline));
    }

    /** Stores what Stripe answered and ends the write, all or nothing. */
    public void settle(Runnable databaseWrites) {
        settle(() -> {
            databaseWrites.run();
            return null;
        });
    }

    /**
     * The same, for a write whose {@code databaseWrites} return what they stored: a keyed create's caller is
     * answered from it, and the answer is kept with the caller's Idempotency-Key in the same transaction
     * ({@link IdempotencyKeys#settled}), so that a retry gets it whatever happens to this request from here on.
     */
    public <T> T settle(Supplier<T> databaseWrites) {
        T stored = transaction.execute(status -> {
            T made = databaseWrites.get();
            idempotency.settled(write, made);
            if (marked && !pending.delete(write.id(), write.holder())) {
                // Recovery took the write over after its lease ran out, and will finish it.
                throw new Problem(Problem.Kind.BUSY, "write_taken_over",
                        "The change took too long and was handed to recovery; retry it.");
            }
            return made;
        });
        settled = true;
        return stored;
    }

    PendingWriteRow write() {
        return write;
    }

    boolean marked() {
        return marked;
    }

    /** Whether Stripe surely holds nothing of this write: it was never sent, or Stripe refused it. */
    boolean stripeUntouched() {
        return !stripeWritten || refusedByStripe;
    }

    boolean settled() {
        return settled;
    }
}
