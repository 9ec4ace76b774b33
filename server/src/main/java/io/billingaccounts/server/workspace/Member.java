package io.billingaccounts.server.workspace;

import java.time.OffsetDateTime;

import io.billingaccounts.server.store.MemberRow;

public record Member(String userId, String workspaceId, Role role, OffsetDateTime createdAt,
                     OffsetDateTime updatedAt) {

    static Member from(MemberRow row) {
        return new Member(row.userId(), row.workspaceId(), Role.fromWire(row.role()), row.createdAt(),
                row.updatedAt());
    }
}
