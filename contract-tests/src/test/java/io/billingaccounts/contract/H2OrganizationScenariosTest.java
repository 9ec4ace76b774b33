package io.billingaccounts.contract;

import java.util.List;

/** The organization scenarios on the embedded default database: H2 in the data directory. */
class H2OrganizationScenariosTest extends OrganizationScenarios {

    @Override
    List<String> databaseArgs() {
        return List.of();
    }
}
