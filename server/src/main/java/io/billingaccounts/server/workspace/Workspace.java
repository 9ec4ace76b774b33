package io.billingaccounts.server.workspace;

import java.time.OffsetDateTime;

import io.billingaccounts.server.store.WorkspaceRow;

public record Workspace(String id, String name, String description, BillingMode billingMode,
                        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static Workspace from(WorkspaceRow row) {
        return new Workspace(row.id(), row.name(), row.description(), BillingMode.fromWire(row.billingMode()),
                row.createdAt(), row.updatedAt());
    }
}
