package io.billingaccounts.contract;

import java.util.List;

/**
 * The same subscription change and invoice preview scenarios on the production path's database, PostgreSQL, in a
 * schema of their own.
 */
class PostgresSubscriptionChangeScenariosTest extends SubscriptionChangeScenarios {

    @Override
    List<String> databaseArgs() {
        return PostgresDatabase.freshSchemaArgs();
    }
}
