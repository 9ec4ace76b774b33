package io.billingaccounts.server.store;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether other instances of the service use this database at the same time. PostgreSQL is production's database,
 * shared by every instance behind the load balancer: what must hold across instances (a write's turn, rate-limit
 * buckets) lives there. Any other (the embedded H2 file, which the process that opened it locks) belongs to one
 * process, where memory serves for it.
 */
@Component
public class DatabaseSharing {

    private final boolean shared;

    public DatabaseSharing(@Value("${spring.datasource.url:}") String jdbcUrl) {
        this.shared = jdbcUrl.startsWith("jdbc:postgresql:");
    }

    public boolean sharedByInstances() {
        return shared;
    }
}
