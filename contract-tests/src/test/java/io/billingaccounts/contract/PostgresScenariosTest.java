package io.billingaccounts.contract;

import java.util.List;

/** The same scenarios on the production path's database, PostgreSQL, in a schema of their own. */
class PostgresScenariosTest extends ServiceScenarios {

    @Override
    List<String> databaseArgs() {
        return PostgresDatabase.freshSchemaArgs();
    }
}
