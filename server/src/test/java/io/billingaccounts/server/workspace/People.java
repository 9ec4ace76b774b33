package io.billingaccounts.server.workspace;

import java.util.UUID;

/** An owner, an admin and a viewer-to-be, new to the shared database of every test. */
record People(String owner, String admin, String viewer) {

    static People fresh() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return new People("usr_owner_" + run, "usr_admin_" + run, "usr_viewer_" + run);
    }
}
