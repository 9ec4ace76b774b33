package io.billingaccounts.server.store;

import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/**
 * Token buckets in the PostgreSQL table {@value #NAME} (migration V3), shared by every instance on the database:
 * each consumption is one short transaction that locks the bucket's row ({@code SELECT ... FOR UPDATE}), so
 * instances take tokens one after the other. A row may be deleted 10 s after its bucket is full again.
 */
public final class BucketTable {

    public static final String NAME = "rate_limit_bucket";

    private BucketTable() {
    }

    public static PostgreSQLSelectForUpdateBasedProxyManager<String> on(DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(NAME)
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy
                        .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }
}
