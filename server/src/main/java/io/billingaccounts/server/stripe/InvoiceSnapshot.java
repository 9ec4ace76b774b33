package io.billingaccounts.server.stripe;

import java.time.Instant;
import java.util.List;

/**
 * An invoice as Stripe holds it, in what this service mirrors. Amounts are in the currency's minor unit; instants
 * are null where Stripe has none.
 */
public record InvoiceSnapshot(String id, String customerId, String status, long amountDue, long amountPaid,
                              long subtotal, long total, long tax, long discountAmount, String currency,
                              List<Line> lines, Instant dueDate, String hostedInvoiceUrl, String invoicePdf,
                              String number, Instant created) {

    /** {@code lookupKey} is the line's price's, which names its catalog product; null for a line without a price. */
    /** {@code proration}: the line bills part of a period for a change made within it. */
    public record Line(String id, String description, long amount, String currency, long quantity, String priceId,
                       Long unitAmount, String lookupKey, boolean proration) {
    }
}
