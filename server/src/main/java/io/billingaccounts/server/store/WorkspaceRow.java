package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

/** {@code archivedAt}: when the workspace was archived; null while it is not. */
public record WorkspaceRow(String id, String name, String description, String billingMode,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime archivedAt) {

    public boolean archived() {
        return archivedAt != null;
    }
}
