package io.billingaccounts.server.workspace;

import java.time.OffsetDateTime;

import io.billingaccounts.server.store.WorkspaceRow;

/** {@code archivedAt}: when the workspace was archived, null while it is not; an archived one is read-only. */
public record Workspace(String id, String name, String description, BillingMode billingMode,
                        OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime archivedAt) {

    public boolean archived() {
        return archivedAt != null;
    }

    static Workspace from(WorkspaceRow row) {
        return new Workspace(row.id(), row.name(), row.description(), BillingMode.fromWire(row.billingMode()),
                row.createdAt(), row.updatedAt(), row.archivedAt());
    }
}
