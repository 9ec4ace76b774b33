package io.billingaccounts.contract;

import java.util.List;

/**
 * The same invoice and clock scenarios on the production path's database, PostgreSQL: the scenarios run here, on
 * the packaged server; H2 is covered by the server's in-JVM suites in every build, and by the H2 twin of this class
 * in the long run. The billing suites share one server and its schema.
 */
class PostgresInvoiceScenariosTest extends InvoiceScenarios {

    @Override
    List<String> databaseArgs() {
        return PostgresDatabase.sharedSchemaArgs("billing");
    }
}
