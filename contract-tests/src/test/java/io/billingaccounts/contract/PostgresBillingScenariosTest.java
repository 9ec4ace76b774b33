package io.billingaccounts.contract;

import java.util.List;

/** The same billing scenarios on the production path's database, PostgreSQL, in a schema of their own. */
class PostgresBillingScenariosTest extends BillingScenarios {

    @Override
    List<String> databaseArgs() {
        return PostgresDatabase.freshSchemaArgs();
    }
}
