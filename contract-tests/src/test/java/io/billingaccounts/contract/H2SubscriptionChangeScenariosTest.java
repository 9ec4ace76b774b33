package io.billingaccounts.contract;

import java.util.List;

import org.junit.jupiter.api.Tag;

/**
 * The subscription change and invoice preview scenarios on the embedded default database: H2 in the data directory,
 * in the long run (-Plong, as CI runs): every build runs these scenarios on PostgreSQL, and the server's in-JVM
 * suites on H2.
 */
@Tag("long")
class H2SubscriptionChangeScenariosTest extends SubscriptionChangeScenarios {

    @Override
    List<String> databaseArgs() {
        return List.of();
    }
}
