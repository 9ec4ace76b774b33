package io.billingaccounts.contract;

import java.util.List;

/** The invoice and clock scenarios on the embedded default database: H2 in the data directory. */
class H2InvoiceScenariosTest extends InvoiceScenarios {

    @Override
    List<String> databaseArgs() {
        return List.of();
    }
}
