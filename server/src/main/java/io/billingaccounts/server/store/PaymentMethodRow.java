package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

/** A payment method as mirrored from Stripe; {@code name} and {@code bankName} may be null. */
public record PaymentMethodRow(String id, String billingAccountId, String brand, String last4, int expMonth,
                               int expYear, String name, String bankName, OffsetDateTime createdAt) {
}
