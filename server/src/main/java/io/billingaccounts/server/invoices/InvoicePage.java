package io.billingaccounts.server.invoices;

import java.util.List;

/**
 * One page of an account's invoices, newest first. {@code nextCursor}: the id to pass as {@code after} for the
 * older ones, null when there are none; {@code previousCursor}: the id to pass as {@code before} for the newer ones.
 */
public record InvoicePage(List<Invoice> invoices, String nextCursor, String previousCursor) {

    public boolean hasMore() {
        return nextCursor != null;
    }
}
