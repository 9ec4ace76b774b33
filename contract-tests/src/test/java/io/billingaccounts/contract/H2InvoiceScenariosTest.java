package io.billingaccounts.contract;

import java.util.List;

import org.junit.jupiter.api.Tag;

/**
 * The invoice and clock scenarios on the embedded default database: H2 in the data directory, in the long run
 * (-Plong, as CI runs): every build runs these scenarios on PostgreSQL, and the server's in-JVM suites on H2.
 */
@Tag("long")
class H2InvoiceScenariosTest extends InvoiceScenarios {

    @Override
    List<String> databaseArgs() {
        return List.of();
    }
}
