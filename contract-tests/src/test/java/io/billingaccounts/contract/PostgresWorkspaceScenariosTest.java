package io.billingaccounts.contract;

import java.util.List;

/** The same workspace and member scenarios on the production path's database, PostgreSQL, in a schema of their own. */
class PostgresWorkspaceScenariosTest extends WorkspaceScenarios {

    @Override
    List<String> databaseArgs() {
        return PostgresDatabase.freshSchemaArgs();
    }
}
