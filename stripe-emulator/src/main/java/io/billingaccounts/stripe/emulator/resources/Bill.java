package io.billingaccounts.stripe.emulator.resources;

import java.util.List;

/**
 * What one invoice of a subscription bills: why (Stripe's {@code billing_reason}), over which period, and its lines
 * in the invoice's order.
 */
record Bill(String billingReason, long periodStart, long periodEnd, List<BilledLine> lines) {

    long total() {
        return lines.stream().mapToLong(BilledLine::amount).sum();
    }

    /** Lines of prices of unknown amount only (or none): the emulator makes no invoice of them. */
    boolean chargesNothing() {
        return lines.stream().allMatch(line -> line.amount() == 0);
    }
}
