package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

public record MemberRow(String workspaceId, String userId, String role, OffsetDateTime createdAt,
                        OffsetDateTime updatedAt) {
}
