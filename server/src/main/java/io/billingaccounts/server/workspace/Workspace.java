package io.billingaccounts.server.workspace;

import java.time.OffsetDateTime;

/** {@code archivedAt}: when the workspace was archived, null while it is not; an archived one is read-only. */
public record Workspace(String id, String name, String description, BillingMode billingMode,
                        OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime archivedAt) {

    public boolean archived() {
        return archivedAt != null;
    }
}
