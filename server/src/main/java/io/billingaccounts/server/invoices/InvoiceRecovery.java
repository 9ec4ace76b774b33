package io.billingaccounts.server.invoices;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.store.PendingWriteRow;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.writes.WriteRecoverer;

/**
 * Invoices take turns only to be read afresh from Stripe ({@link InvoiceEvents}): such a turn writes nothing to
 * Stripe, so one left by a crash has nothing to finish or undo, and the next event of the invoice reads it again.
 */
@Component
class InvoiceRecovery implements WriteRecoverer {

    @Override
    public String resource() {
        return InvoiceEvents.RESOURCE;
    }

    @Override
    public void recover(PendingWriteRow write, String idempotencyKey, Deadline deadline) {
        // Nothing was written to Stripe: ending the turn is all there is to do.
    }
}
