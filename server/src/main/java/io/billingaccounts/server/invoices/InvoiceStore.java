package io.billingaccounts.server.invoices;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The invoice mirror, read straight into {@link Invoice}s ({@code lines} is a JSON array of them), in pages newest
 * first by (created_at, id): keyset paging, no offsets.
 */
@Repository
class InvoiceStore {

    private static final TypeReference<List<Invoice.Line>> LINES = new TypeReference<>() { };

    private static final String COLUMNS = """
            id, billing_account_id, status, amount_due, amount_paid, subtotal, total, tax, discount_amount, currency,
            lines, due_date, hosted_invoice_url, invoice_pdf, number, created_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate savepoint;

    InvoiceStore(JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        // PostgreSQL gives up a whole transaction after a failed statement: the insert that may collide runs
        // inside a savepoint of the caller's transaction.
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Stores Stripe's latest word on the invoice, whether or not it was known. Its event and the create that
     * charged it may store it at once: the second insert finds the first and updates it instead.
     */
    void save(Invoice invoice) {
        if (update(invoice) == 0) {
            try {
                savepoint.executeWithoutResult(status -> jdbc.sql("insert into invoice (" + COLUMNS + ")"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(invoice.id(), invoice.billingAccountId(), invoice.status(), invoice.amountDue(),
                                invoice.amountPaid(), invoice.subtotal(), invoice.total(), invoice.tax(),
                                invoice.discountAmount(), invoice.currency(), linesJson(invoice),
                                invoice.dueDate(), invoice.hostedInvoiceUrl(), invoice.invoicePdf(), invoice.number(),
                                invoice.createdAt())
                        .update());
            } catch (DuplicateKeyException storedMeanwhile) {
                update(invoice);
            }
        }
    }

    private int update(Invoice invoice) {
        return jdbc.sql("""
                update invoice set status = ?, amount_due = ?, amount_paid = ?, subtotal = ?, total = ?, tax = ?,
                    discount_amount = ?, lines = ?, due_date = ?, hosted_invoice_url = ?, invoice_pdf = ?,
                    number = ?
                where id = ?""")
                .params(invoice.status(), invoice.amountDue(), invoice.amountPaid(), invoice.subtotal(),
                        invoice.total(), invoice.tax(), invoice.discountAmount(), linesJson(invoice),
                        invoice.dueDate(), invoice.hostedInvoiceUrl(), invoice.invoicePdf(), invoice.number(),
                        invoice.id())
                .update();
    }

    Optional<Invoice> find(String billingAccountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from invoice where billing_account_id = ? and id = ?")
                .params(billingAccountId, id).query(this::invoice).optional();
    }

    /** Up to {@code count} invoices, newest first, older than {@code cursor} when it is not null. */
    List<Invoice> olderThan(String billingAccountId, Invoice cursor, int count) {
        if (cursor == null) {
            return jdbc.sql("select " + COLUMNS + " from invoice where billing_account_id = ?"
                            + " order by created_at desc, id desc fetch first ? rows only")
                    .params(billingAccountId, count).query(this::invoice).list();
        }
        return jdbc.sql("select " + COLUMNS + " from invoice where billing_account_id = ?"
                        + " and (created_at < ? or (created_at = ? and id < ?))"
                        + " order by created_at desc, id desc fetch first ? rows only")
                .params(billingAccountId, cursor.createdAt(), cursor.createdAt(), cursor.id(), count)
                .query(this::invoice).list();
    }

    /** Up to {@code count} invoices newer than {@code cursor}, oldest first (the nearest to it first). */
    List<Invoice> newerThan(String billingAccountId, Invoice cursor, int count) {
        return jdbc.sql("select " + COLUMNS + " from invoice where billing_account_id = ?"
                        + " and (created_at > ? or (created_at = ? and id > ?))"
                        + " order by created_at, id fetch first ? rows only")
                .params(billingAccountId, cursor.createdAt(), cursor.createdAt(), cursor.id(), count)
                .query(this::invoice).list();
    }

    private Invoice invoice(ResultSet rs, int rowNum) throws SQLException {
        return new Invoice(rs.getString("id"), rs.getString("billing_account_id"), rs.getString("status"),
                rs.getLong("amount_due"), rs.getLong("amount_paid"), rs.getLong("subtotal"), rs.getLong("total"),
                rs.getLong("tax"), rs.getLong("discount_amount"), rs.getString("currency"),
                json.readValue(rs.getString("lines"), LINES), rs.getObject("due_date", OffsetDateTime.class),
                rs.getString("hosted_invoice_url"), rs.getString("invoice_pdf"), rs.getString("number"),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    private String linesJson(Invoice invoice) {
        return json.writeValueAsString(invoice.lines());
    }
}
