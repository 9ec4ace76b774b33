package io.billingaccounts.contract;

import java.util.List;

/** The billing scenarios on the embedded default database: H2 in the data directory. */
class H2BillingScenariosTest extends BillingScenarios {

    @Override
    List<String> databaseArgs() {
        return List.of();
    }
}
