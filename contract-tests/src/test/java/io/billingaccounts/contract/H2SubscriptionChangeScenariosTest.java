package io.billingaccounts.contract;

import java.util.List;

/** The subscription change and invoice preview scenarios on the embedded default database: H2 in the data directory. */
class H2SubscriptionChangeScenariosTest extends SubscriptionChangeScenarios {

    @Override
    List<String> databaseArgs() {
        return List.of();
    }
}
