package io.billingaccounts.contract;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server of the production path: 127.0.0.1:5432, trust authentication, database {@code test}.
 * Every run gets a schema of its own. Without one, the PostgreSQL tests are skipped locally and fail in CI.
 */
final class PostgresDatabase {

    private PostgresDatabase() {
    }

    private static final Map<String, List<String>> SHARED = new ConcurrentHashMap<>();

    /**
     * The settings of one schema per {@code name} for the whole run: suites that share a server
     * ({@link SharedServers}) share its schema; two servers of other settings never meet in one.
     */
    static List<String> sharedSchemaArgs(String name) {
        return SHARED.computeIfAbsent(name, n -> freshSchemaArgs());
    }

    static List<String> freshSchemaArgs() {
        requireServer();
        String schema = "ba_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return List.of(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema,
                "--spring.datasource.username=postgres",
                "--spring.flyway.schemas=" + schema,
                "--spring.flyway.create-schemas=true");
    }

    private static void requireServer() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
        } catch (IOException e) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("CI needs PostgreSQL on 127.0.0.1:5432; .ci/run starts one", e);
            }
            Assumptions.abort("No PostgreSQL on 127.0.0.1:5432: skipping the PostgreSQL scenarios "
                    + "(install and start Debian's postgresql to run them)");
        }
    }
}
