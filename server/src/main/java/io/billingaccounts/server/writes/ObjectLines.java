package io.billingaccounts.server.writes;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.MDC;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.billingaccounts.server.stripe.Deadline;

/**
 * The writers of one object in this process take turns, first come first served, without touching the database:
 * only the writer at the head of the line asks the database for the object's turn, which other instances share.
 *
 * <p>The turns of a busy object run back to back: the head, its own turn done, runs the turn of the writer behind
 * it on its own thread, and that writer's thread is only woken to answer its caller, beside the next turn. Were
 * each writer to run its own turn, every turn would first wait for a sleeping thread to get a core. The head runs
 * on while the turns it ran, its own included, took less than a budget in all (a few milliseconds: turns that
 * short are where a wake-up counts), then hands the line to the next writer's thread, so a caller's answer waits
 * for at most one turn beyond the budget. A turn run for another writer runs in that writer's logging context and
 * hands back what it added there (the Stripe request id). A turn whose deadline passed before it began never runs.
 *
 * <p>A line is forgotten once nobody holds or waits for it (weak values).
 */
final class ObjectLines {

    private final long runOnNanos;
    private final LoadingCache<String, Line> lines = Caffeine.newBuilder().weakValues()
            .build(objectId -> new Line());

    /** @param runOn how long a head runs turns, its own included, before it hands the line on */
    ObjectLines(Duration runOn) {
        this.runOnNanos = runOn.toNanos();
    }

    /**
     * Runs {@code turn} when this object's line comes to it, here or on the thread of the writer ahead, and returns
     * what it returned or throws what it threw.
     *
     * @throws TimeoutException when the deadline passed before the turn began (it never runs then)
     */
    <T> T inTurn(String objectId, Deadline deadline, Supplier<T> turn) throws InterruptedException, TimeoutException {
        Line line = lines.get(objectId);
        Writer<T> writer = new Writer<>(turn, deadline);
        boolean nested;
        boolean head;
        synchronized (line) {
            nested = line.runner == Thread.currentThread();
            head = !nested && !line.busy;
            if (head) {
                line.busy = true;
            } else if (!nested) {
                line.waiting.add(writer);
            }
        }
        if (nested) {
            // A step of a turn of this object that writes it again: this thread holds the line already.
            return turn.get();
        }
        if (!head && writer.awaitTurn(line)) {
            return writer.outcome();
        }
        line.runFrom(writer, runOnNanos);
        return writer.outcome();
    }

    /** One object's line: whether a head runs its turns, and the writers waiting behind it. */
    private static final class Line {

        private final ArrayDeque<Writer<?>> waiting = new ArrayDeque<>();
        private boolean busy;
        private Thread runner;

        /** Runs the head's turn, then those behind it within the budget; then frees the line or hands it on. */
        void runFrom(Writer<?> head, long runOnNanos) {
            long began = System.nanoTime();
            synchronized (this) {
                runner = Thread.currentThread();
            }
            head.run();
            while (true) {
                Writer<?> next;
                synchronized (this) {
                    next = waiting.poll();
                    if (next == null || System.nanoTime() - began >= runOnNanos) {
                        runner = null;
                        if (next == null) {
                            busy = false;
                        } else {
                            next.becomeHead();
                        }
                        return;
                    }
                    next.started = true;
                }
                next.runFor();
            }
        }

        /** Takes a writer out of the line if its turn has not begun; false when it has (or it became the head). */
        synchronized boolean leave(Writer<?> writer) {
            return !writer.started && waiting.remove(writer);
        }
    }

    /** A writer's turn and its outcome: done by whoever ran it, or "you are the head now". */
    private static final class Writer<T> {

        private final Supplier<T> turn;
        private final Deadline deadline;
        private final Map<String, String> context = MDC.getCopyOfContextMap();
        // True once its turn is done by another thread, false when this writer is to run it itself as the head.
        private final CompletableFuture<Boolean> done = new CompletableFuture<>();
        private boolean started;
        private boolean tooLate;
        private T result;
        private Throwable failure;
        private Map<String, String> contextAfter;

        Writer(Supplier<T> turn, Deadline deadline) {
            this.turn = turn;
            this.deadline = deadline;
        }

        /**
         * Waits until another thread has run this writer's turn (true) or this writer is the head (false). A
         * writer whose deadline passes first leaves the line; once its turn has begun it waits for the outcome,
         * whose Stripe calls keep the same deadline.
         */
        boolean awaitTurn(Line line) throws InterruptedException, TimeoutException {
            try {
                return done.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | InterruptedException waitedTooLong) {
                if (line.leave(this)) {
                    throw waitedTooLong;
                }
                if (waitedTooLong instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                // Its turn has begun (and keeps its deadline) or it is the head now: it can no longer leave.
                return done.join();
            } catch (ExecutionException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        void run() {
            if (deadline.passed()) {
                tooLate = true;
                return;
            }
            try {
                result = turn.get();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        /** Runs the turn on the head's thread, in this writer's logging context, and wakes this writer. */
        void runFor() {
            Map<String, String> headContext = MDC.getCopyOfContextMap();
            setContext(context);
            try {
                run();
                contextAfter = MDC.getCopyOfContextMap();
            } finally {
                setContext(headContext);
            }
            done.complete(true);
        }

        void becomeHead() {
            done.complete(false);
        }

        T outcome() throws TimeoutException {
            if (contextAfter != null) {
                setContext(contextAfter);
            }
            if (tooLate) {
                throw new TimeoutException("the deadline passed before the turn began");
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return result;
        }

        private static void setContext(Map<String, String> context) {
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
        }
    }
}
