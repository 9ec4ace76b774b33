package io.billingaccounts.server.invoices;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.billing.BillingAccountStore;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.StripeEvent;
import io.billingaccounts.server.stripe.StripeEventListener;
import io.billingaccounts.server.stripe.StripeInvoices;
import io.billingaccounts.server.stripe.StripeSettings;
import io.billingaccounts.server.writes.ResourceNames;
import io.billingaccounts.server.writes.StripeWrites;

/**
 * Keeps the invoice mirror in line with Stripe's invoice events. An event showing what the mirror holds, or an
 * earlier state of it (a late {@code invoice.created} after the charge's answer was stored), costs nothing;
 * otherwise the invoice is read afresh holding its turn, so events that arrive twice or out of order never put an
 * older state back.
 */
@Component
class InvoiceEvents implements StripeEventListener {

    static final String RESOURCE = ResourceNames.INVOICE;

    private final InvoiceMirror mirror;
    private final BillingAccountStore accounts;
    private final StripeInvoices stripe;
    private final StripeWrites writes;
    private final StripeSettings settings;

    InvoiceEvents(InvoiceMirror mirror, BillingAccountStore accounts, StripeInvoices stripe, StripeWrites writes,
                  StripeSettings settings) {
        this.mirror = mirror;
        this.accounts = accounts;
        this.stripe = stripe;
        this.writes = writes;
        this.settings = settings;
    }

    @Override
    public boolean wants(String type) {
        return type.startsWith("invoice.");
    }

    @Override
    public void on(StripeEvent event) {
        writes.refresh(event, RESOURCE, event.objectId(), () -> upToDate(event),
                turn -> stripe.retrieve(event.objectId(), turn.deadline())
                        .ifPresent(fresh -> turn.settle(() -> mirror.store(fresh))));
    }

    /**
     * Not a billing account's invoice, or the mirror holds this state or a later one. The account is asked first:
     * reading the event's invoice may ask Stripe for its prices' lookup keys.
     */
    private boolean upToDate(StripeEvent event) {
        return accounts.findById(event.object().path("customer").asString()).isEmpty()
                || mirror.holdsThisOrLater(stripe.fromEvent(event, Deadline.in(settings.deadline())));
    }
}
