package io.billingaccounts.server.stripe;

import java.time.Instant;
import java.util.List;

/**
 * An invoice as Stripe holds it, in what this service mirrors. Amounts are in the currency's minor unit; instants
 * are null where Stripe has none.
 */
public record InvoiceSnapshot(String id, String customerId, String status, long amountDue, long amountPaid,
                              long subtotal, long total, long tax, long discountAmount, String currency,
                              List<String> discountNames, List<Line> lines, Instant dueDate, String hostedInvoiceUrl,
                              String invoicePdf, String number, Instant created) {

    /** {@code productName} is the catalog product's name, looked up once per product. */
    public record Line(String id, String description, long amount, String currency, long quantity, String priceId,
                       Long unitAmount, String productName) {
    }
}
