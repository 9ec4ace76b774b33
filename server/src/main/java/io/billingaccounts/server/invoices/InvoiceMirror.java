package io.billingaccounts.server.invoices;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.billing.BillingAccountStore;
import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.stripe.InvoiceSnapshot;

/** Stores what Stripe says of an invoice, for the billing account it bills: the one way into the mirror. */
@Component
public class InvoiceMirror {

    private final InvoiceStore invoices;
    private final BillingAccountStore accounts;

    InvoiceMirror(InvoiceStore invoices, BillingAccountStore accounts) {
        this.invoices = invoices;
        this.accounts = accounts;
    }

    /** Runs inside the caller's transaction; an invoice of a customer that is no billing account is not kept. */
    public void store(InvoiceSnapshot invoice) {
        if (accounts.findById(invoice.customerId()).isPresent()) {
            invoices.save(shown(invoice));
        }
    }

    /**
     * Whether the mirror holds this, or a state the invoice reached after it: an invoice only moves on from
     * draft to open to paid, void or uncollectible, so an event showing an earlier status is a late one.
     */
    boolean holdsThisOrLater(InvoiceSnapshot invoice) {
        return invoices.find(invoice.customerId(), invoice.id())
                .map(stored -> stored.equals(shown(invoice)) || stage(stored.status()) > stage(invoice.status()))
                .orElse(false);
    }

    private static int stage(String status) {
        return switch (status) {
            case "draft" -> 0;
            case "open" -> 1;
            default -> 2;
        };
    }

    /** An invoice as this service shows it, of Stripe's: also a preview, which is never kept. */
    public static Invoice shown(InvoiceSnapshot s) {
        return new Invoice(s.id(), s.customerId(), s.status(), s.amountDue(), s.amountPaid(), s.subtotal(),
                s.total(), s.tax(), s.discountAmount(), s.currency(), lines(s), time(s.dueDate()),
                s.hostedInvoiceUrl(), s.invoicePdf(), s.number(), time(s.created()));
    }

    private static List<Invoice.Line> lines(InvoiceSnapshot s) {
        return s.lines().stream().map(l -> new Invoice.Line(l.id(), l.description(), l.amount(), l.currency(),
                l.quantity(), l.priceId(), l.unitAmount(),
                Product.ofLookupKey(l.lookupKey()).map(Product::wireName).orElse(null))).toList();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
