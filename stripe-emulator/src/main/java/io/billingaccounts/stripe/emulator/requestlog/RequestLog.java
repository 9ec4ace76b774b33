package io.billingaccounts.stripe.emulator.requestlog;

import io.billingaccounts.stripe.emulator.support.RequestPattern;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The /v1 requests received, in arrival order: how tests count Stripe calls per operation. An emulator without its
 * control API keeps none ({@link #off}): nobody reads them there, and a service running for days would keep them all.
 */
public final class RequestLog {

    /** Handed to the handler of one request, to put the answer's status on its entry. */
    public final class Entry {
        private final int index;
        private final long generation;

        private Entry(int index, long generation) {
            this.index = index;
            this.generation = generation;
        }

        public void answered(int status) {
            synchronized (RequestLog.this) {
                if (keeping && generation == RequestLog.this.generation) {
                    LoggedRequest arrived = entries.get(index);
                    entries.set(index, new LoggedRequest(arrived.requestId(), arrived.method(), arrived.path(),
                            status, arrived.idempotencyKey(), arrived.at()));
                }
            }
        }
    }

    private final Clock clock;
    private final boolean keeping;
    private final List<LoggedRequest> entries = new ArrayList<>();
    /** Bumped by {@link #clear()} so that requests still running then do not write into the new log. */
    private long generation;

    public RequestLog(Clock clock) {
        this(clock, true);
    }

    private RequestLog(Clock clock, boolean keeping) {
        this.clock = clock;
        this.keeping = keeping;
    }

    /** A log that keeps nothing. */
    public static RequestLog off(Clock clock) {
        return new RequestLog(clock, false);
    }

    public synchronized Entry arrived(String requestId, String method, String path, String idempotencyKey) {
        if (!keeping) {
            return new Entry(-1, -1);
        }
        entries.add(new LoggedRequest(requestId, method, path, null, idempotencyKey, clock.instant()));
        return new Entry(entries.size() - 1, generation);
    }

    public synchronized List<LoggedRequest> entries() {
        return List.copyOf(entries);
    }

    /** @param match "METHOD /path/glob", e.g. "POST /v1/customers" */
    public synchronized long count(String match) {
        RequestPattern pattern = RequestPattern.parse(match);
        return entries.stream().filter(entry -> pattern.matches(entry.method(), entry.path())).count();
    }

    public synchronized void clear() {
        entries.clear();
        generation++;
    }
}
