package io.billingaccounts.contract;

import java.util.List;

/** The same organization scenarios on the production path's database, PostgreSQL, in a schema of their own. */
class PostgresOrganizationScenariosTest extends OrganizationScenarios {

    @Override
    List<String> databaseArgs() {
        return PostgresDatabase.freshSchemaArgs();
    }
}
