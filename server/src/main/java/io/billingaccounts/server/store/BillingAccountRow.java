package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

/** A billing account as stored; the address columns are all null when the account has no address. */
public record BillingAccountRow(String id, String workspaceId, String name, String email, String phone,
                                String description, String currency, String country, String line1, String line2,
                                String city, String state, String postalCode, long version,
                                OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
