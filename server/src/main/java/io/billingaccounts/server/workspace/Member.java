package io.billingaccounts.server.workspace;

import java.time.OffsetDateTime;

public record Member(String userId, String workspaceId, Role role, OffsetDateTime createdAt,
                     OffsetDateTime updatedAt) {
}
