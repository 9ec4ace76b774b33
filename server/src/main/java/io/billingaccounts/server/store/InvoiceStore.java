package io.billingaccounts.server.store;

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

/** Invoices of billing accounts, read in pages newest first by (created_at, id): keyset paging, no offsets. */
@Repository
public class InvoiceStore {

    private static final String COLUMNS = """
            id, billing_account_id, status, amount_due, amount_paid, subtotal, total, tax, discount_amount, currency,
            discount_names, lines, due_date, hosted_invoice_url, invoice_pdf, number, created_at""";

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;

    public InvoiceStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // PostgreSQL gives up a whole transaction after a failed statement: the insert that may collide runs
        // inside a savepoint of the caller's transaction.
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Stores Stripe's latest word on the invoice, whether or not it was known. Its event and the create that
     * charged it may store it at once: the second insert finds the first and updates it instead.
     */
    public void save(InvoiceRow row) {
        if (update(row) == 0) {
            try {
                savepoint.executeWithoutResult(status -> jdbc.sql("insert into invoice (" + COLUMNS + ")"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(row.id(), row.billingAccountId(), row.status(), row.amountDue(), row.amountPaid(),
                                row.subtotal(), row.total(), row.tax(), row.discountAmount(), row.currency(),
                                row.discountNames(), row.lines(), row.dueDate(), row.hostedInvoiceUrl(),
                                row.invoicePdf(), row.number(), row.createdAt())
                        .update());
            } catch (DuplicateKeyException storedMeanwhile) {
                update(row);
            }
        }
    }

    private int update(InvoiceRow row) {
        return jdbc.sql("""
                update invoice set status = ?, amount_due = ?, amount_paid = ?, subtotal = ?, total = ?, tax = ?,
                    discount_amount = ?, discount_names = ?, lines = ?, due_date = ?, hosted_invoice_url = ?,
                    invoice_pdf = ?, number = ?
                where id = ?""")
                .params(row.status(), row.amountDue(), row.amountPaid(), row.subtotal(), row.total(), row.tax(),
                        row.discountAmount(), row.discountNames(), row.lines(), row.dueDate(),
                        row.hostedInvoiceUrl(), row.invoicePdf(), row.number(), row.id())
                .update();
    }

    public Optional<InvoiceRow> find(String billingAccountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from invoice where billing_account_id = ? and id = ?")
                .params(billingAccountId, id).query(InvoiceStore::row).optional();
    }

    /** Up to {@code count} invoices, newest first, older than {@code cursor} when it is not null. */
    public List<InvoiceRow> olderThan(String billingAccountId, InvoiceRow cursor, int count) {
        if (cursor == null) {
            return jdbc.sql("select " + COLUMNS + " from invoice where billing_account_id = ?"
                            + " order by created_at desc, id desc fetch first ? rows only")
                    .params(billingAccountId, count).query(InvoiceStore::row).list();
        }
        return jdbc.sql("select " + COLUMNS + " from invoice where billing_account_id = ?"
                        + " and (created_at < ? or (created_at = ? and id < ?))"
                        + " order by created_at desc, id desc fetch first ? rows only")
                .params(billingAccountId, cursor.createdAt(), cursor.createdAt(), cursor.id(), count)
                .query(InvoiceStore::row).list();
    }

    /** Up to {@code count} invoices newer than {@code cursor}, oldest first (the nearest to it first). */
    public List<InvoiceRow> newerThan(String billingAccountId, InvoiceRow cursor, int count) {
        return jdbc.sql("select " + COLUMNS + " from invoice where billing_account_id = ?"
                        + " and (created_at > ? or (created_at = ? and id > ?))"
                        + " order by created_at, id fetch first ? rows only")
                .params(billingAccountId, cursor.createdAt(), cursor.createdAt(), cursor.id(), count)
                .query(InvoiceStore::row).list();
    }

    private static InvoiceRow row(ResultSet rs, int rowNum) throws SQLException {
        return new InvoiceRow(rs.getString("id"), rs.getString("billing_account_id"), rs.getString("status"),
                rs.getLong("amount_due"), rs.getLong("amount_paid"), rs.getLong("subtotal"), rs.getLong("total"),
                rs.getLong("tax"), rs.getLong("discount_amount"), rs.getString("currency"),
                rs.getString("discount_names"), rs.getString("lines"),
                rs.getObject("due_date", OffsetDateTime.class), rs.getString("hosted_invoice_url"),
                rs.getString("invoice_pdf"), rs.getString("number"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
