package io.billingaccounts.server.invoices;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.stereotype.Service;

import io.billingaccounts.server.billing.BillingAccountStore;
import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.problem.Violations;
import io.billingaccounts.server.workspace.WorkspaceAccess;

/** An account's invoices in pages, newest first, from the mirror: never a Stripe call. */
@Service
public class InvoiceService {

    private final InvoiceStore invoices;
    private final BillingAccountStore accounts;
    private final WorkspaceAccess access;

    InvoiceService(InvoiceStore invoices, BillingAccountStore accounts, WorkspaceAccess access) {
        this.invoices = invoices;
        this.accounts = accounts;
        this.access = access;
    }

    /**
     * {@code size}: invoices a page holds, from 1 to 200, which the contract's check of the request (a 422 naming
     * {@code limit}) has ensured. {@code after}: the last invoice of the page before (older ones follow);
     * {@code before}: the first invoice of the page after (newer ones come). Both null: the newest page.
     */
    public InvoicePage page(String caller, String workspaceId, String accountId, int size, String after,
                            String before) {
        access.requireRead(caller, workspaceId);
        accounts.find(workspaceId, accountId).orElseThrow(() -> Problem.notFound("billing account"));
        Violations found = new Violations();
        if (after != null && before != null) {
            found.add("before", "conflicting_cursor", "may not come with after");
        }
        Invoice afterCursor = cursor(accountId, "after", after, found);
        Invoice beforeCursor = cursor(accountId, "before", before, found);
        refuse(found);
        if (beforeCursor != null) {
            List<Invoice> newer = invoices.newerThan(accountId, beforeCursor, size + 1);
            boolean newerStill = newer.size() > size;
            List<Invoice> page = new ArrayList<>(newer.subList(0, Math.min(size, newer.size())));
            Collections.reverse(page);
            return new InvoicePage(page, page.isEmpty() ? null : last(page), newerStill ? page.get(0).id() : null,
                    newerStill);
        }
        List<Invoice> older = invoices.olderThan(accountId, afterCursor, size + 1);
        List<Invoice> page = older.subList(0, Math.min(size, older.size()));
        boolean olderStill = older.size() > size;
        return new InvoicePage(page, olderStill ? last(page) : null,
                afterCursor != null && !page.isEmpty() ? page.get(0).id() : null, olderStill);
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

    private static String last(List<Invoice> page) {
        return page.get(page.size() - 1).id();
    }

    private Invoice cursor(String accountId, String field, String id, Violations found) {
        if (id == null) {
            return null;
        }
        return invoices.find(accountId, id).orElseGet(() -> {
            found.add(new FieldViolation(field, "invalid_cursor", "is not an invoice of this billing account"));
            return null;
        });
    }
}
