package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

public record WorkspaceRow(String id, String name, String description, String billingMode,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
