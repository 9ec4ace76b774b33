package io.billingaccounts.contract;

import java.util.List;

/** The same invoice and clock scenarios on the production path's database, PostgreSQL, in a schema of their own. */
class PostgresInvoiceScenariosTest extends InvoiceScenarios {

    @Override
    List<String> databaseArgs() {
        return PostgresDatabase.freshSchemaArgs();
    }
}
