package io.billingaccounts.stripe.emulator.limits;

import io.billingaccounts.stripe.emulator.store.Change;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's search index lags writes (under a minute normally, more in outages): search sees an object only once the
 * lag has passed since it was created or last changed. The emulator keeps when each object was last written and
 * search leaves out those written less than the lag ago. It does not keep the version a change replaced: a changed
 * object drops out of search for the lag, then comes back as it is now.
 *
 * <p>The lag runs on real (monotonic) time, not the account's clock: it stands for Stripe's indexing work, which
 * advancing the account's time does not hurry. With no lag (the default) no times are kept.
 */
public final class SearchLag {

    /** Writes between two sweeps of the times that no longer hide anything. */
    private static final int WRITES_BETWEEN_SWEEPS = 1024;

    private final LongSupplier nanoTime;
    /** Object id to when it was last written, in {@link #nanoTime} units; only while there is a lag. */
    private final Map<String, Long> writtenAt = new ConcurrentHashMap<>();
    private volatile long lagNanos;
    private int writesSinceSweep;

    public SearchLag(Duration lag) {
        this(lag, System::nanoTime);
    }

    SearchLag(Duration lag, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        set(lag);
    }

    /** From now on search leaves out objects written less than this ago; zero shows every write at once. */
    public void set(Duration lag) {
        if (lag.isNegative()) {
            throw new IllegalArgumentException("search lag must not be negative, got " + lag);
        }
        lagNanos = lag.toNanos();
        if (lag.isZero()) {
            writtenAt.clear();
        }
    }

    public Duration get() {
        return Duration.ofNanos(lagNanos);
    }

    /** Notes the objects a commit wrote; called under the data lock, in commit order. */
    public void written(List<Change> changes) {
        long now = nanoTime.getAsLong();
        long lag = lagNanos;
        for (Change change : changes) {
            if (change instanceof Change.WipeAll) {
                writtenAt.clear();
            } else if (lag > 0) {
                String id = writtenId(change);
                if (id != null) {
                    writtenAt.put(id, now);
                }
            }
        }
        if (lag > 0 && ++writesSinceSweep >= WRITES_BETWEEN_SWEEPS) {
            writesSinceSweep = 0;
            writtenAt.values().removeIf(at -> now - at >= lag);
        }
    }

    /** Whether search shows this object: it was written at least the lag ago (or before there was a lag). */
    public boolean isIndexed(ObjectNode object) {
        Long at = writtenAt.get(object.get("id").asString());
        return at == null || nanoTime.getAsLong() - at >= lagNanos;
    }

    private static String writtenId(Change change) {
        if (change instanceof Change.PutCustomer put) {
            return put.customer().get("id").asString();
        }
        if (change instanceof Change.PutSubscription put) {
            return put.subscription().get("id").asString();
        }
        if (change instanceof Change.PutObject put) {
            return put.object().get("id").asString();
        }
        return null;
    }
}
