package io.billingaccounts.contract;

import java.util.List;

/** The scenarios on the embedded default database: H2 in the data directory. */
class H2ScenariosTest extends ServiceScenarios {

    @Override
    List<String> databaseArgs() {
        return List.of();
    }
}
