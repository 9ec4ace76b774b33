package io.billingaccounts.contract;

import java.util.List;

/** The workspace and member scenarios on the embedded default database: H2 in the data directory. */
class H2WorkspaceScenariosTest extends WorkspaceScenarios {

    @Override
    List<String> databaseArgs() {
        return List.of();
    }
}
