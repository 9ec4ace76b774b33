package io.billingaccounts.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

import io.billingaccounts.client.api.InvoicesApi;
import io.billingaccounts.client.invoker.ApiException;
import io.billingaccounts.client.model.Invoice;
import io.billingaccounts.client.model.InvoiceList;

/**
 * Every invoice of a billing account, newest first: each iteration reads the first page, then the next one only
 * when the iteration reaches its end, following {@code next_cursor} (sent as {@code after}) until it is null.
 * A refusal of the service surfaces as a {@link BillingAccountsException}; a failure to reach it as an
 * {@link UncheckedIOException}.
 */
final class InvoicePages implements Iterable<Invoice> {

    /** The most invoices the service answers on one page. */
    static final int MAX_PAGE_SIZE = 200;

    private final InvoicesApi api;
    private final String workspaceId;
    private final String billingAccountId;
    private final int pageSize;

    InvoicePages(InvoicesApi api, String workspaceId, String billingAccountId, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be from 1 to " + MAX_PAGE_SIZE);
        }
        this.api = api;
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.billingAccountId = Objects.requireNonNull(billingAccountId, "billingAccountId");
        this.pageSize = pageSize;
    }

    @Override
    public Iterator<Invoice> iterator() {
        return new Iterator<>() {
            private Iterator<Invoice> page = List.<Invoice>of().iterator();
            private String after;
            private boolean lastPageRead;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !lastPageRead) {
                    InvoiceList list = read(after);
                    page = list.getData() == null ? List.<Invoice>of().iterator() : list.getData().iterator();
                    after = list.getNextCursor();
                    lastPageRead = after == null;
                }
                return page.hasNext();
            }

            @Override
            public Invoice next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }

    private InvoiceList read(String after) {
        try {
            return api.listInvoices(workspaceId, billingAccountId, pageSize, after, null);
        } catch (ApiException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new UncheckedIOException(new IOException("Could not read a page of invoices: " + e.getMessage(), e));
        }
    }
}
