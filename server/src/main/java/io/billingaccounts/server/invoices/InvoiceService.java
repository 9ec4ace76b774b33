package io.billingaccounts.server.invoices;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.stereotype.Service;

import io.billingaccounts.server.billing.BillingAccountStore;
import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.problem.Violations;
import io.billingaccounts.server.store.InvoiceRow;
import io.billingaccounts.server.store.InvoiceStore;
import io.billingaccounts.server.workspace.WorkspaceAccess;

/** An account's invoices in pages, newest first, from the mirror: never a Stripe call. */
@Service
public class InvoiceService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 200;

    private final InvoiceStore invoices;
    private final InvoiceMirror mirror;
    private final BillingAccountStore accounts;
    private final WorkspaceAccess access;

    public InvoiceService(InvoiceStore invoices, InvoiceMirror mirror, BillingAccountStore accounts,
                          WorkspaceAccess access) {
        this.invoices = invoices;
        this.mirror = mirror;
        this.accounts = accounts;
        this.access = access;
    }

    /**
     * {@code after}: the last invoice of the page before (older ones follow); {@code before}: the first invoice of
     * the page after (newer ones come). Both null: the newest page.
     */
    public InvoicePage page(String caller, String workspaceId, String accountId, Integer limit, String after,
                            String before) {
        access.requireRead(caller, workspaceId);
        accounts.find(workspaceId, accountId).orElseThrow(() -> Problem.notFound("billing account"));
        Violations found = new Violations();
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            found.add("limit", "out_of_range", "must be between 1 and " + MAX_LIMIT);
        }
        if (after != null && before != null) {
            found.add("before", "conflicting_cursor", "may not come with after");
        }
        InvoiceRow afterRow = cursor(accountId, "after", after, found);
        InvoiceRow beforeRow = cursor(accountId, "before", before, found);
        refuse(found);
        if (beforeRow != null) {
            List<InvoiceRow> newer = invoices.newerThan(accountId, beforeRow, size + 1);
            boolean newerStill = newer.size() > size;
            List<InvoiceRow> page = new ArrayList<>(newer.subList(0, Math.min(size, newer.size())));
            Collections.reverse(page);
            return page(page, page.isEmpty() ? null : last(page), newerStill ? page.get(0).id() : null, newerStill);
        }
        List<InvoiceRow> older = invoices.olderThan(accountId, afterRow, size + 1);
        List<InvoiceRow> page = older.subList(0, Math.min(size, older.size()));
        boolean olderStill = older.size() > size;
        return page(page, olderStill ? last(page) : null, afterRow != null && !page.isEmpty() ? page.get(0).id()
                : null, olderStill);
    }

    /** Cursor problems alone are {@code invalid_cursor}; any other makes the usual {@code validation_failed}. */
    private static void refuse(Violations found) {
        List<FieldViolation> violations = found.list();
        if (violations.isEmpty()) {
            return;
        }
        if (violations.stream().allMatch(v -> v.code().endsWith("_cursor"))) {
            throw Problem.invalid("invalid_cursor", violations);
        }
        throw Problem.invalid(violations);
    }

    private InvoicePage page(List<InvoiceRow> rows, String next, String previous, boolean hasMore) {
        return new InvoicePage(rows.stream().map(mirror::toInvoice).toList(), next, previous, hasMore);
    }

    private static String last(List<InvoiceRow> page) {
        return page.get(page.size() - 1).id();
    }

    private InvoiceRow cursor(String accountId, String field, String id, Violations found) {
        if (id == null) {
            return null;
        }
        return invoices.find(accountId, id).orElseGet(() -> {
            found.add(new FieldViolation(field, "invalid_cursor", "is not an invoice of this billing account"));
            return null;
        });
    }
}
