package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

public record StripeSyncRow(String id, String accountId, OffsetDateTime createdAt, OffsetDateTime claimedUntil) {
}
