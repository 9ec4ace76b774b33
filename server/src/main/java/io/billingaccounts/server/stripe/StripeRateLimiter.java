package io.billingaccounts.server.stripe;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.store.BucketTable;
import io.billingaccounts.server.store.DatabaseSharing;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The one limiter in front of Stripe, for every try of every call ({@link StripeRateLimitSettings}). Calls are
 * spaced evenly, a little more than a second's share apart, so that no second, wherever it starts, holds more than
 * the limit even when requests reach Stripe a little late. A burst queues for its turn within its request's
 * deadline; one that would pass the deadline is refused before anything is sent. On PostgreSQL the buckets live in
 * the database ({@link BucketTable}), so every instance draws on the same budget.
 */
@Component
class StripeRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(StripeRateLimiter.class);
    // The space between two calls, in seconds' shares: more than 1 so that late arrivals cannot crowd a second.
    private static final double SPACING = 1.15;

    private final Bucket reads;
    private final Bucket writes;
    private final MeterRegistry meters;

    StripeRateLimiter(StripeRateLimitSettings settings, DataSource dataSource,
                      DatabaseSharing database, MeterRegistry meters) {
        this.meters = meters;
        BiFunction<String, Integer, Bucket> bucket = database.sharedByInstances()
                ? shared(dataSource) : (kind, perSecond) -> Bucket.builder().addLimit(spaced(perSecond)).build();
        this.reads = settings.readsPerSecond() > 0 ? bucket.apply("reads", settings.readsPerSecond()) : null;
        this.writes = settings.writesPerSecond() > 0 ? bucket.apply("writes", settings.writesPerSecond()) : null;
        if (reads != null || writes != null) {
            log.info("Stripe calls limited to {} reads and {} writes a second (0: unlimited), {}",
                    settings.readsPerSecond(), settings.writesPerSecond(),
                    database.sharedByInstances() ? "shared by every instance" : "in this instance");
        }
    }

    /**
     * Waits for the call's turn; false when it would not come while the deadline still leaves {@code toSend} for the
     * call itself (nothing is taken then): a write sent with no time left to hear the answer would leave its outcome
     * unknown. A write is a POST or DELETE.
     */
    boolean acquire(boolean write, Deadline deadline, Duration toSend) {
        Bucket bucket = write ? writes : reads;
        if (bucket == null) {
            return true;
        }
        Duration wait = deadline.remaining().minus(toSend);
        if (wait.isNegative()) {
            return false;
        }
        long started = System.nanoTime();
        try {
            boolean turn = bucket.asBlocking().tryConsume(1, wait);
            Timer.builder("stripe.rate_limit.waits").description("Waits for a turn at the limit on Stripe calls")
                    .tag("kind", write ? "write" : "read").tag("outcome", turn ? "sent" : "refused")
                    .register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return turn;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A row per kind and size: a change of the setting starts a fresh bucket of the new size. */
    private static BiFunction<String, Integer, Bucket> shared(DataSource dataSource) {
        var table = BucketTable.on(dataSource);
        return (kind, perSecond) -> table.builder().build("stripe-" + kind + "/" + perSecond,
                () -> BucketConfiguration.builder().addLimit(spaced(perSecond)).build());
    }

    private static Bandwidth spaced(int perSecond) {
        return Bandwidth.builder().capacity(1)
                .refillGreedy(1, Duration.ofNanos((long) (Duration.ofSeconds(1).toNanos() * SPACING / perSecond)))
                .build();
    }
}
