package io.billingaccounts.server.invoices;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.billing.BillingAccountStore;
import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.store.InvoiceRow;
import io.billingaccounts.server.store.InvoiceStore;
import io.billingaccounts.server.stripe.InvoiceSnapshot;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores what Stripe says of an invoice, for the billing account it bills: the one way into the mirror. */
@Component
public class InvoiceMirror {

    private static final TypeReference<List<Invoice.Line>> LINES = new TypeReference<>() { };
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() { };

    private final InvoiceStore invoices;
    private final BillingAccountStore accounts;
    private final JsonMapper json;

    InvoiceMirror(InvoiceStore invoices, BillingAccountStore accounts, JsonMapper json) {
        this.invoices = invoices;
        this.accounts = accounts;
        this.json = json;
    }

    /** Runs inside the caller's transaction; an invoice of a customer that is no billing account is not kept. */
    public void store(InvoiceSnapshot invoice) {
        if (accounts.findById(invoice.customerId()).isPresent()) {
            invoices.save(toRow(invoice));
        }
    }

    /**
     * Whether the mirror holds this, or a state the invoice reached after it: an invoice only moves on from
     * draft to open to paid, void or uncollectible, so an event showing an earlier status is a late one.
     */
    boolean holdsThisOrLater(InvoiceSnapshot invoice) {
        return invoices.find(invoice.customerId(), invoice.id())
                .map(row -> row.equals(toRow(invoice)) || stage(row.status()) > stage(invoice.status()))
                .orElse(false);
    }

    private static int stage(String status) {
        return switch (status) {
            case "draft" -> 0;
            case "open" -> 1;
            default -> 2;
        };
    }

    Optional<Invoice> find(String accountId, String invoiceId) {
        return invoices.find(accountId, invoiceId).map(this::toInvoice);
    }

    Invoice toInvoice(InvoiceRow row) {
        return new Invoice(row.id(), row.billingAccountId(), row.status(), row.amountDue(), row.amountPaid(),
                row.subtotal(), row.total(), row.tax(), row.discountAmount(), row.currency(),
                json.readValue(row.discountNames(), NAMES), json.readValue(row.lines(), LINES), row.dueDate(),
                row.hostedInvoiceUrl(), row.invoicePdf(), row.number(), row.createdAt());
    }

    /** An invoice as this service shows it, of Stripe's: also a preview, which is never kept. */
    public static Invoice shown(InvoiceSnapshot s) {
        return new Invoice(s.id(), s.customerId(), s.status(), s.amountDue(), s.amountPaid(), s.subtotal(),
                s.total(), s.tax(), s.discountAmount(), s.currency(), s.discountNames(), lines(s), time(s.dueDate()),
                s.hostedInvoiceUrl(), s.invoicePdf(), s.number(), time(s.created()));
    }

    private static List<Invoice.Line> lines(InvoiceSnapshot s) {
        return s.lines().stream().map(l -> new Invoice.Line(l.id(), l.description(), l.amount(), l.currency(),
                l.quantity(), l.priceId(), l.unitAmount(),
                Product.ofLookupKey(l.lookupKey()).map(Product::wireName).orElse(null))).toList();
    }

    private InvoiceRow toRow(InvoiceSnapshot s) {
        List<Invoice.Line> lines = lines(s);
        return new InvoiceRow(s.id(), s.customerId(), s.status(), s.amountDue(), s.amountPaid(), s.subtotal(),
                s.total(), s.tax(), s.discountAmount(), s.currency(), json.writeValueAsString(s.discountNames()),
                json.writeValueAsString(lines), time(s.dueDate()), s.hostedInvoiceUrl(), s.invoicePdf(), s.number(),
                time(s.created()));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
