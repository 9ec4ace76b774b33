package io.billingaccounts.server.workspace;

import java.time.OffsetDateTime;

import io.billingaccounts.server.store.MemberRow;

public record Member(String userId, Role role, OffsetDateTime createdAt) {

    static Member from(MemberRow row) {
        return new Member(row.userId(), Role.fromWire(row.role()), row.createdAt());
    }
}
