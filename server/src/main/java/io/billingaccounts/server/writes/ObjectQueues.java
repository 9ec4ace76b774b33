package io.billingaccounts.server.writes;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.billingaccounts.server.stripe.Deadline;

/**
 * The writers of one object in this process wait in line, first come first served, without touching the
 * database: only the head of the line asks the database for the object's turn, which other instances share.
 * A line is forgotten once nobody holds or waits for it (weak values).
 */
final class ObjectQueues {

    private final LoadingCache<String, ReentrantLock> lines = Caffeine.newBuilder().weakValues()
            .build(objectId -> new ReentrantLock(true));

    /** Waits for this object's line until the deadline; null when it passed first. */
    Place enter(String objectId, Deadline deadline) throws InterruptedException {
        ReentrantLock line = lines.get(objectId);
        if (!line.tryLock(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
            return null;
        }
        return new Place(line);
    }

    /** The head of one object's line; holding it keeps the line alive. */
    static final class Place implements AutoCloseable {

        private final ReentrantLock line;

        private Place(ReentrantLock line) {
            this.line = line;
        }

        @Override
        public void close() {
            line.unlock();
        }
    }
}
