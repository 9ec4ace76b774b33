package io.billingaccounts.server.payments;

/** A card of a billing account's, as its callers see it; {@code name} and {@code bankName} may be null. */
public record PaymentMethod(String id, String type, boolean isDefault, String brand, String last4, int expMonth,
                            int expYear, String name, String bankName) {
}
