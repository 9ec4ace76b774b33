package io.billingaccounts.server.billing;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A billing account; {@code version} grows with every change and is what ETags and optimistic writes compare. */
public record BillingAccount(String id, String workspaceId, String name, String email, String phone,
                             String description, String currency, Address address, long version,
                             OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** Whether the fields a caller can change are equal, ignoring identity, version and timestamps. */
    boolean sameContentAs(BillingAccount other) {
        return Objects.equals(name, other.name) && Objects.equals(email, other.email) && Objects.equals(phone, other.phone)
                && Objects.equals(description, other.description) && Objects.equals(address, other.address);
    }

    BillingAccount nextVersion(OffsetDateTime now) {
        return new BillingAccount(id, workspaceId, name, email, phone, description, currency, address, version + 1,
                createdAt, now);
    }
}
