package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

public record CreateIntentRow(String id, String workspaceId, String stripeIdempotencyKey, boolean abandoned,
                              OffsetDateTime createdAt) {
}
