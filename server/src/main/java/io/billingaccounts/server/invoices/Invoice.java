package io.billingaccounts.server.invoices;

import java.time.OffsetDateTime;
import java.util.List;

/** An invoice of a billing account, as mirrored from Stripe; amounts in the currency's minor unit. */
public record Invoice(String id, String billingAccountId, String status, long amountDue, long amountPaid,
                      long subtotal, long total, long tax, long discountAmount, String currency, List<Line> lines,
                      OffsetDateTime dueDate, String hostedInvoiceUrl, String invoicePdf, String number,
                      OffsetDateTime createdAt) {

    /** {@code productName}: the catalog product's key ({@code users}); null for a line outside the catalog. */
    public record Line(String id, String description, long amount, String currency, long quantity, String priceId,
                       Long unitAmount, String productName) {
    }
}
