package io.billingaccounts.server.writes;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.billingaccounts.server.basics.Backoff;
import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.store.DatabaseSharing;
import io.billingaccounts.server.store.IdempotencyKeys;
import io.billingaccounts.server.store.PendingWriteRow;
import io.billingaccounts.server.store.PendingWriteStore;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.StripeCreate;
import io.billingaccounts.server.stripe.StripeEvent;
import io.billingaccounts.server.stripe.StripeFailure;
import io.billingaccounts.server.stripe.StripeSettings;

/**
 * The write protocol of every Stripe-backed resource. A write of a Stripe object takes the object's turn (writers
 * in this process queue in memory; across instances the turn is a row in {@code pending_write}, committed before
 * Stripe is called), makes at most one Stripe write inside one deadline, and stores Stripe's answer while ending
 * the turn, in one transaction ({@link Turn#settle}). No database connection or lock is held while Stripe works.
 * So each acknowledged change costs one Stripe write, contention queues instead of failing, and a write that ends
 * unsettled after Stripe may have applied it leaves a row that the {@link RecoveryLoop} finishes or undoes. A
 * resource plugs in by calling {@link #write} or {@link #create} and providing a {@link WriteRecoverer} for its
 * {@code resource} name.
 *
 * <p>One durable commit per write of an existing object: a crash while Stripe works on it needs no row, because
 * Stripe's event of the change brings the mirror in line (webhooks, and catch-up after a restart). So on a
 * database one process owns the in-memory line is the whole turn, and on one that instances share the turn's row
 * is committed without waiting for the disk ({@link PendingWriteStore#insertUnflushedIfFree}). A create keeps its
 * row, committed durably: it holds a place in its scope's limit, and its kept request is how recovery learns what
 * Stripe made.
 */
@Component
public class StripeWrites {

    // Another instance's write of the object takes a Stripe call's time: look again soon, then less often.
    private static final Backoff TURN_TAKEN = new Backoff(Duration.ofMillis(5), Duration.ofMillis(100),
            Long.MAX_VALUE);
    private static final int RETRY_SECONDS = 2;
    private static final Duration KEY_LIFETIME = Duration.ofHours(24);

    private final PendingWriteStore pending;
    private final DatabaseSharing database;
    private final IdempotencyKeys idempotency;
    private final RecoveryLoop recovery;
    private final TransactionTemplate transaction;
    private final WriteSettings settings;
    private final StripeSettings stripe;
    private final Clock clock;
    // Turns of a hot object follow each other on one thread for this long, sparing each a thread's wake-up.
    private final ObjectLines lines = new ObjectLines(Duration.ofMillis(10));
    private final SettledWrites settledWrites = new SettledWrites();
    // Null on a database instances share, where a turn is always a row.
    private final RecoveryRows recoveryRows;

    public StripeWrites(PendingWriteStore pending, DatabaseSharing database, IdempotencyKeys idempotency,
                        RecoveryLoop recovery, TransactionTemplate transaction, WriteSettings settings,
                        StripeSettings stripe, Clock clock) {
        this.pending = pending;
        this.database = database;
        this.idempotency = idempotency;
        this.recovery = recovery;
        this.transaction = transaction;
        this.settings = settings;
        this.stripe = stripe;
        this.clock = clock;
        this.recoveryRows = database.sharedByInstances() ? null : new RecoveryRows(pending.objectIds());
    }

    /**
     * Runs {@code work} holding the turn of {@code resource}'s object {@code objectId}. {@code work} reads the
     * current state afresh (nobody else writes it now), makes its Stripe write through {@link Turn#stripeWrite}
     * and ends with {@link Turn#settle}; returning without settling ends the turn with nothing written.
     */
    public <T> T write(String resource, String objectId, String kind, Function<Turn, T> work) {
        Deadline deadline = Deadline.in(stripe.deadline());
        try {
            return lines.inTurn(objectId, deadline, () -> run(takeTurn(resource, objectId, kind, deadline), work));
        } catch (TimeoutException e) {
            throw busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    /**
     * Brings the mirror of one object in line with what a Stripe event tells of it. An event that needs nothing of
     * the mirror costs nothing (no turn, no Stripe call): the echo of a write this service settled, or one for which
     * {@code upToDate} holds. Otherwise, holding the object's turn, both are asked again (the write the event
     * echoes may have settled while it waited) and only then does {@code readAfresh} read the object from Stripe
     * and store it, so events that come twice or out of order lead to the same result.
     */
    public void refresh(StripeEvent event, String resource, String objectId, BooleanSupplier upToDate,
                        Consumer<Turn> readAfresh) {
        refresh(resource, objectId, () -> settledWrites.contains(event.requestKey()) || upToDate.getAsBoolean(),
                readAfresh);
    }

    /**
     * The same for what a read of Stripe found (a card a caller confirmed a moment ago): nothing when the mirror
     * holds it ({@code nothingToDo}, asked again holding the turn), otherwise {@code readAfresh} stores it there.
     */
    public void refresh(String resource, String objectId, BooleanSupplier nothingToDo, Consumer<Turn> readAfresh) {
        if (nothingToDo.getAsBoolean()) {
            return;
        }
        write(resource, objectId, "refresh", turn -> {
            if (!nothingToDo.getAsBoolean()) {
                readAfresh.accept(turn);
            }
            return null;
        });
    }

    /**
     * Runs a create. In one transaction, {@code reserve} checks the scope's limit and decides what it needs to (it
     * throws when there is no place; it locks what it counts, and counts creates under way with
     * {@link PendingWriteStore#CREATES_UNDER_WAY} in the statement that counts what they become), {@code prepare}
     * makes the Stripe create ready for the write's id and that decision (it reads nothing), and the create is
     * recorded with its request: it holds its place while Stripe works, and recovery can learn what it made by
     * sending the request again. Then the request is sent, and {@code work} gets the turn and Stripe's answer, and
     * settles.
     *
     * <p>A create asked for with an Idempotency-Key ({@code requestKey}, null without one) has
     * the write id that key makes, which is also its Stripe Idempotency-Key: a retry of it can never make a second
     * object. The retry gets what the first made ({@code madeBy}, by write id, once it is in the mirror), waits for
     * recovery to learn the outcome (409 {@code idempotency_key_in_use}), or runs when nothing was made.
     * {@code context} is kept with the write for recovery to take the object into the mirror.
     */
    public <R, S, T> T create(String resource, String scopeId, RequestKey requestKey, String context,
                              Function<String, Optional<T>> madeBy, Supplier<R> reserve,
                              BiFunction<String, R, StripeCreate<S>> prepare, BiFunction<Turn, S, T> work) {
        Deadline deadline = Deadline.in(stripe.deadline());
        String id = requestKey == null ? UUID.randomUUID().toString() : WriteIds.forRequest(resource, scopeId,
                requestKey);
        if (requestKey != null) {
            Optional<T> made = outcomeOfEarlierTry(id, madeBy);
            if (made.isPresent()) {
                return made.get();
            }
        }
        Reserved<S> reserved = transaction.execute(status -> {
            StripeCreate<S> create = prepare.apply(id, reserve.get());
            PendingWriteRow row = newRow(id, resource, "create/" + id, "create", scopeId, create.request().encoded(),
                    context, requestKey);
            if (!pending.insertIfFree(row)) {
                throw keyInUse();
            }
            return new Reserved<>(row, create);
        });
        return run(turn(reserved.write(), true, deadline),
                turn -> work.apply(turn, turn.stripeCreate(reserved.create())));
    }

    /**
     * What an earlier try of the same keyed create made, if it is in the mirror now; an unfinished one is recovered
     * here when its writer is gone, and otherwise makes this try wait (409) rather than race it.
     */
    private <T> Optional<T> outcomeOfEarlierTry(String id, Function<String, Optional<T>> madeBy) {
        Optional<PendingWriteRow> earlier = pending.find(id);
        if (earlier.isPresent()) {
            if (!earlier.get().expiresAt().isBefore(Timestamps.now(clock))) {
                throw keyInUse();
            }
            try {
                if (!recovery.recover(earlier.get())) {
                    throw keyInUse();
                }
            } catch (StripeFailure stillUnknown) {
                // Stripe cannot tell yet what the earlier try made: this try must not run beside it.
                throw keyInUse();
            }
        }
        return madeBy.apply(id);
    }

    /**
     * Objects made before this were made for an earlier use of the same key: a caller's key, and Stripe's, live 24
     * hours, and then a key may ask for something new.
     */
    public static OffsetDateTime oldestRetry(Clock clock) {
        return Timestamps.now(clock).minus(KEY_LIFETIME);
    }

    private record Reserved<S>(PendingWriteRow write, StripeCreate<S> create) {
    }

    /**
     * Runs a write holding its turn. A write that ends unsettled after Stripe may have applied it is handed to
     * recovery, and its caller is told just that: the outcome is being learned, not that nothing was done.
     */
    private <T> T run(Turn turn, Function<Turn, T> work) {
        T result;
        try {
            result = work.apply(turn);
        } catch (RuntimeException | Error failure) {
            if (turn.settled()) {
                throw failure;
            }
            end(turn);
            if (turn.stripeUntouched()) {
                throw failure;
            }
            throw outcomePending(failure);
        }
        if (!turn.settled()) {
            end(turn);
        }
        return result;
    }

    /**
     * Ends an unsettled turn: freed when Stripe surely holds nothing of it, otherwise handed to recovery now (an
     * unmarked write gets its row for that; should the row not be written, the write's events are the mirror's
     * news of it).
     */
    private void end(Turn turn) {
        PendingWriteRow write = turn.write();
        if (turn.stripeUntouched()) {
            if (turn.marked()) {
                pending.delete(write.id(), write.holder());
            }
            return;
        }
        try {
            if (turn.marked()) {
                pending.giveUp(write.id(), write.holder(), Timestamps.now(clock));
            } else {
                // Nobody else writes the object meanwhile: this process holds its line, and no instance shares it.
                recoveryRows.handedToRecovery(write.objectId());
                pending.insertIfFree(write.givenUpAt(Timestamps.now(clock)));
            }
        } catch (RuntimeException databaseFailed) {
            settledWrites.forget(write.id());
            throw databaseFailed;
        }
    }

    /**
     * The object's turn: free, or held by a write that its holder stopped working on (then recovered here first),
     * or held by another instance's write (then asked again after a short pause) until the deadline.
     */
    private Turn takeTurn(String resource, String objectId, String kind, Deadline deadline) {
        Backoff.Pauses pauses = TURN_TAKEN.start();
        while (true) {
            PendingWriteRow row = newRow(UUID.randomUUID().toString(), resource, objectId, kind, null, null, null,
                    null);
            Optional<PendingWriteRow> holder;
            if (database.sharedByInstances()) {
                if (Boolean.TRUE.equals(transaction.execute(status -> pending.insertUnflushedIfFree(row)))) {
                    return turn(row, true, deadline);
                }
                holder = pending.findByObject(objectId);
            } else {
                // Only a write handed to recovery, or left by a process that died, can hold it.
                holder = recoveryRows.mayHold(objectId) ? pending.findByObject(objectId) : Optional.empty();
                if (holder.isEmpty()) {
                    recoveryRows.ended(objectId);
                    return turn(row, false, deadline);
                }
            }
            if (holder.isPresent() && holder.get().expiresAt().isBefore(Timestamps.now(clock))) {
                // Its writer is gone: finish its work now rather than wait for the next round of recovery.
                recovery.recover(holder.get());
                continue;
            }
            if (!pauses.pauseWithin(deadline.remaining())) {
                throw busy();
            }
        }
    }

    private Turn turn(PendingWriteRow write, boolean marked, Deadline deadline) {
        return new Turn(write, marked, deadline, pending, idempotency, transaction, settledWrites);
    }

    private PendingWriteRow newRow(String id, String resource, String objectId, String kind, String scopeId,
                                   String stripeRequest, String context, RequestKey requestKey) {
        OffsetDateTime now = Timestamps.now(clock);
        return new PendingWriteRow(id, resource, objectId, kind, scopeId, false, id, now,
                now.plus(settings.settleTime()), stripeRequest, context,
                requestKey == null ? null : requestKey.caller(), requestKey == null ? null : requestKey.idempotencyKey());
    }

    /** 502 when Stripe answered with an error (a 500), 503 when it did not answer (unreachable, too slow). */
    private static Problem outcomePending(Throwable cause) {
        Problem.Kind kind = cause instanceof Problem problem && problem.kind() == Problem.Kind.UPSTREAM_FAILED
                ? Problem.Kind.UPSTREAM_FAILED : Problem.Kind.UPSTREAM_UNAVAILABLE;
        return new Problem(kind, "stripe_outcome_pending",
                "Stripe may have applied this change, and its outcome is not known yet: the service learns it from"
                        + " Stripe within a minute, and the API then shows it. A retry with the same Idempotency-Key"
                        + " gets that outcome and never applies the change twice.", cause).retryAfter(RETRY_SECONDS);
    }

    private static Problem keyInUse() {
        return new Problem(Problem.Kind.CONFLICT, "idempotency_key_in_use",
                "An earlier request with this Idempotency-Key may have reached Stripe, and its outcome is being"
                        + " learned; retry in a moment to get it.").retryAfter(RETRY_SECONDS);
    }

    private static Problem busy() {
        return new Problem(Problem.Kind.BUSY, "concurrent_changes",
                "Other changes of this object kept it busy for longer than a request may wait; nothing was changed."
                        + " Retry it.");
    }
}
