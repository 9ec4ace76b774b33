package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

/** An invoice as mirrored from Stripe; {@code lines} and {@code discountNames} are JSON arrays. */
public record InvoiceRow(String id, String billingAccountId, String status, long amountDue, long amountPaid,
                         long subtotal, long total, long tax, long discountAmount, String currency,
                         String discountNames, String lines, OffsetDateTime dueDate, String hostedInvoiceUrl,
                         String invoicePdf, String number, OffsetDateTime createdAt) {
}
