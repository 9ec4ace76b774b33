package io.billingaccounts.server.invoices;

import java.util.List;

/**
 * One page of an account's invoices, newest first. {@code nextCursor}: the id to pass as {@code after} for the
 * older ones, null when there are none; {@code previousCursor}: the id to pass as {@code before} for the newer ones.
 * {@code hasMore}: more invoices lie beyond the page in the direction it was read (older ones, or newer ones for a
 * page read with {@code before}).
 */
public record InvoicePage(List<Invoice> invoices, String nextCursor, String previousCursor, boolean hasMore) {
}
