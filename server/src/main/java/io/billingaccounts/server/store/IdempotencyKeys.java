package io.billingaccounts.server.store;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Who runs the request of a caller's Idempotency-Key, and what a retry of it gets. Keys live 24 hours ({@link
 * #LIFETIME}); a request's answer is kept once it has one ({@link #answer}), a keyed create's in the transaction
 * that settles it ({@link #settled}), and a request that ends without one lets the key go ({@link #release}).
 *
 * <p>On a database that instances share, a key is claimed by committing its row before the request runs, so
 * every instance sees the claim; a claim whose request went silent for {@code abandoned-after} is taken over, and
 * one whose create settled without an answer (marked in the create's transaction) is taken over at once, its retry
 * answered from the mirror. On a database this process owns, the claim is held in memory and the row is written
 * once, with the answer: a request that dies without one dies with this process, and a retry in the next finds no
 * claim and runs (a keyed create's retry is the same Stripe write and is answered with what the first made).
 */
@Component
public class IdempotencyKeys {

    public static final Duration LIFETIME = Duration.ofHours(24);

    /** What a request holding a key should do. */
    public enum Outcome {
        /** Run: this request holds the key now. */
        RUN,
        /** Answer with the first request's answer, {@link Claim#answer()}. */
        REPLAY,
        /** The first request with this key is still running: retry in a moment. */
        IN_USE,
        /** The key was used with another request. */
        REUSED
    }

    public record Claim(Outcome outcome, IdempotencyRecord answer) {

        static final Claim RUN = new Claim(Outcome.RUN, null);
        static final Claim IN_USE = new Claim(Outcome.IN_USE, null);
        static final Claim REUSED = new Claim(Outcome.REUSED, null);
    }

    private record Key(String caller, String key) {
    }

    /** A claim held in memory: the request it stands for, and whether the key has a row (to update) already. */
    private record Held(String requestHash, OffsetDateTime claimedAt, boolean hasRow) {
    }

    private final IdempotencyStore store;
    private final KeyAnswers answers;
    private final boolean shared;
    private final Duration abandonedAfter;
    private final Map<Key, Held> held = new ConcurrentHashMap<>();
    // Keys whose answer a create's settle kept: their request's own answer is not written again.
    private final Set<Key> answeredAtSettle = ConcurrentHashMap.newKeySet();

    public IdempotencyKeys(IdempotencyStore store, KeyAnswers answers, DatabaseSharing database,
                           @Value("${billing.idempotency.abandoned-after}") Duration abandonedAfter) {
        this.store = store;
        this.answers = answers;
        this.shared = database.sharedByInstances();
        this.abandonedAfter = abandonedAfter;
    }

    /** Claims the key for the request {@code requestHash} stands for, or says why not. */
    public Claim claim(String caller, String key, String requestHash, OffsetDateTime now) {
        return shared ? claimRow(caller, key, requestHash, now) : claimHere(caller, key, requestHash, now);
    }

    /**
     * Keeps the answer of the request that holds the key, and lets the key go; nothing more to write when the
     * create it ran kept it already ({@link #settled}).
     */
    public void answer(String caller, String key, KeyAnswer answer) {
        Key claimed = new Key(caller, key);
        boolean keptAtSettle = answeredAtSettle.remove(claimed);
        if (shared) {
            if (!keptAtSettle) {
                store.complete(caller, key, answer.status(), answer.body(), answer.etag());
            }
            return;
        }
        try {
            if (!keptAtSettle) {
                write(held.get(claimed), caller, key, answer, null);
            }
        } finally {
            held.remove(claimed);
        }
    }

    /** Lets the key go without an answer: a retry runs again. */
    public void release(String caller, String key) {
        answeredAtSettle.remove(new Key(caller, key));
        if (shared) {
            store.release(caller, key);
        } else {
            held.remove(new Key(caller, key));
        }
    }

    /**
     * In the transaction that settles a write (nothing for one without a caller's key): keeps the answer its
     * caller gets for {@code stored} ({@link KeyAnswers}; null when nobody waits for one, as in recovery), which then
     * needs no commit of its own; without one, marks the key with the write where other instances see the claim, so
     * that a retry of a request that died after this is answered from the mirror at once. A claim that dies with its
     * process needs no mark: a retry in the next finds no claim and runs.
     */
    public void settled(PendingWriteRow write, Object stored) {
        if (write.idempotencyKey() == null) {
            return;
        }
        String caller = write.idempotencyCaller();
        String key = write.idempotencyKey();
        String writeId = write.id();
        Key claimed = new Key(caller, key);
        Held claim = held.get(claimed);
        Optional<KeyAnswer> answer = stored == null || (!shared && claim == null) ? Optional.empty()
                : answers.of(stored);
        if (answer.isEmpty()) {
            if (shared) {
                store.markSettled(caller, key, writeId);
            }
            return;
        }
        if (shared) {
            if (!store.completeSettled(caller, key, answer.get().status(), answer.get().body(),
                    answer.get().etag(), writeId)) {
                return;
            }
        } else {
            write(claim, caller, key, answer.get(), writeId);
        }
        // Known as answered once the settle commits: should it roll back, the request answers as it ends.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                answeredAtSettle.add(claimed);
            }
        });
    }

    private void write(Held claim, String caller, String key, KeyAnswer answer, String writeId) {
        IdempotencyRecord answered = new IdempotencyRecord(caller, key, claim.requestHash(), answer.status(),
                answer.body(), answer.etag(), claim.claimedAt(), writeId);
        if (claim.hasRow()) {
            store.replace(answered);
        } else {
            store.insert(answered);
        }
    }

    private Claim claimHere(String caller, String key, String requestHash, OffsetDateTime now) {
        Key claimed = new Key(caller, key);
        Held mine = new Held(requestHash, now, false);
        Held running = held.putIfAbsent(claimed, mine);
        if (running != null) {
            return running.requestHash().equals(requestHash) ? Claim.IN_USE : Claim.REUSED;
        }
        Optional<IdempotencyRecord> existing = store.find(caller, key);
        if (existing.isEmpty()) {
            return Claim.RUN;
        }
        // A row without an answer was left by a request of an earlier life of this process: it runs again.
        if (existing.get().responseStatus() != null && !expired(existing.get(), now)) {
            held.remove(claimed);
            return answerFrom(existing.get(), requestHash);
        }
        held.put(claimed, new Held(requestHash, now, true));
        return Claim.RUN;
    }

    private Claim claimRow(String caller, String key, String requestHash, OffsetDateTime now) {
        if (store.claim(caller, key, requestHash, now)) {
            return Claim.RUN;
        }
        Optional<IdempotencyRecord> existing = store.find(caller, key);
        boolean expired = existing.isEmpty() || expired(existing.get(), now);
        boolean unanswered = existing.isPresent() && existing.get().responseStatus() == null;
        boolean abandoned = unanswered && existing.get().createdAt().isBefore(now.minus(abandonedAfter));
        boolean settledUnanswered = unanswered && existing.get().writeId() != null
                && existing.get().requestHash().equals(requestHash);
        if (settledUnanswered && !expired) {
            // Its write settled and its request died before answering: the retry answers from the mirror.
            return store.reclaimSettled(caller, key, requestHash, now) ? Claim.RUN : Claim.IN_USE;
        }
        if (expired || abandoned) {
            return store.reclaimIfOlder(caller, key, now.minus(abandoned ? abandonedAfter : LIFETIME), requestHash,
                    now) ? Claim.RUN : Claim.IN_USE;
        }
        return answerFrom(existing.get(), requestHash);
    }

    private static boolean expired(IdempotencyRecord record, OffsetDateTime now) {
        return record.createdAt().isBefore(now.minus(LIFETIME));
    }

    private static Claim answerFrom(IdempotencyRecord record, String requestHash) {
        if (!record.requestHash().equals(requestHash)) {
            return Claim.REUSED;
        }
        return record.responseStatus() == null ? Claim.IN_USE : new Claim(Outcome.REPLAY, record);
    }
}
