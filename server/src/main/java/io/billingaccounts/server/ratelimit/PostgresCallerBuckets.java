package io.billingaccounts.server.ratelimit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import io.billingaccounts.server.basics.Sha256;
import io.billingaccounts.server.store.BucketTable;

/**
 * Buckets in the PostgreSQL table {@code rate_limit_bucket} (migration V3), shared by every instance on the
 * database: each consumption is one short transaction that locks the caller's row ({@code SELECT ... FOR UPDATE}),
 * so concurrent requests on any instance take tokens one after the other. Each row carries when its bucket will
 * be full again; such rows are deleted every minute, so the table holds only recently active callers.
 *
 * <p>A row's id is {@code <requests-per-minute>/<SHA-256 of the sub, hex>}: fixed length whatever the issuer puts in
 * {@code sub}, no user ids in the table, and a change of the setting starts every caller with a fresh bucket of
 * the new size instead of keeping the old size in the stored state. Refill is computed from each instance's clock,
 * so instances should keep their clocks synchronized (NTP), as for any other timestamp they write.
 */
final class PostgresCallerBuckets implements CallerBuckets {

    static final String TABLE = BucketTable.NAME;
    private static final int CLEANUP_BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(PostgresCallerBuckets.class);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final String keyPrefix;

    PostgresCallerBuckets(DataSource dataSource, int requestsPerMinute) {
        this.buckets = BucketTable.on(dataSource);
        this.configuration = BucketConfiguration.builder().addLimit(CallerBuckets.limit(requestsPerMinute)).build();
        this.keyPrefix = requestsPerMinute + "/";
    }

    @Override
    public ConsumptionProbe tryConsume(String caller) {
        return buckets.builder().build(keyPrefix + Sha256.hex(caller), () -> configuration)
                .tryConsumeAndReturnRemaining(1);
    }

    @Override
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
    public void evictIdle() {
        try {
            int removed;
            do {
                // FOR UPDATE SKIP LOCKED: instances cleaning at the same moment do not wait for each other.
                removed = buckets.removeExpired(CLEANUP_BATCH);
            } while (removed == CLEANUP_BATCH);
        } catch (RuntimeException e) {
            log.warn("Could not delete refilled rate-limit buckets; retrying in a minute: {}", e.toString());
        }
    }

    @Override
    public String where() {
        return "in the PostgreSQL table " + TABLE + ", shared by every instance";
    }
}
