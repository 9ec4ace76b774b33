package io.billingaccounts.server.billing;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.stripe.CustomerSnapshot;
import io.billingaccounts.server.stripe.StripeCustomers;
import io.billingaccounts.server.stripe.StripeEvent;
import io.billingaccounts.server.stripe.StripeEventListener;
import io.billingaccounts.server.writes.StripeWrites;
import io.billingaccounts.server.writes.Turn;

/**
 * Brings an account back in line with a customer changed or deleted directly in Stripe. A deleted customer ends
 * its account (Stripe's deletion is final); a change that keeps the account's rules is taken over; one that
 * breaks them is undone in Stripe. An event showing what the account holds (the echo of this service's own write)
 * costs nothing; otherwise the customer is read afresh holding the account's turn ({@link StripeWrites#refresh}),
 * so repeated or reordered webhook events lead to the same result.
 */
@Service
public class DriftReconciler implements StripeEventListener {

    private static final Set<String> CUSTOMER_EVENTS = Set.of("customer.updated", "customer.deleted");

    private static final Logger log = LoggerFactory.getLogger(DriftReconciler.class);

    private final BillingAccountStore accounts;
    private final StripeCustomers stripe;
    private final StripeWrites writes;
    private final Clock clock;

    public DriftReconciler(BillingAccountStore accounts, StripeCustomers stripe, StripeWrites writes, Clock clock) {
        this.accounts = accounts;
        this.stripe = stripe;
        this.writes = writes;
        this.clock = clock;
    }

    @Override
    public boolean wants(String type) {
        return CUSTOMER_EVENTS.contains(type);
    }

    @Override
    public void on(StripeEvent event) {
        String customerId = event.objectId();
        writes.refresh(event, BillingAccountService.RESOURCE, customerId, () -> mirrorShows(event),
                turn -> reconcile(customerId, turn));
    }

    /**
     * True when there is no such account, or it already holds what the event shows. The event's customer is read
     * only here, past the echoes of this service's own writes. A deletion's event shows the customer as it was:
     * only a fresh read tells whether it is gone.
     */
    private boolean mirrorShows(StripeEvent event) {
        Optional<BillingAccount> account = accounts.findById(event.objectId());
        return account.isEmpty() || event.type().equals("customer.updated")
                && CustomerShape.adopted(account.get(), stripe.fromEvent(event)).sameContentAs(account.get());
    }

    private void reconcile(String customerId, Turn turn) {
        BillingAccount account = accounts.findById(customerId).orElseThrow();
        Optional<CustomerSnapshot> customer = stripe.retrieve(customerId, turn.deadline());
        if (customer.isEmpty() || customer.get().deleted()) {
            turn.settle(() -> accounts.delete(customerId));
            log.info("Billing account {} ended: its customer was deleted in Stripe", customerId);
            return;
        }
        BillingAccount drifted = CustomerShape.adopted(account, customer.get());
        if (drifted.sameContentAs(account)) {
            return;
        }
        if (!BillingAccountRules.keepsTheRules(drifted)) {
            turn.stripeWrite(() -> {
                stripe.update(customerId, CustomerDiff.full(account,
                        accounts.defaultPaymentMethod(customerId).orElse(null)), turn.writeId(), turn.deadline());
                return null;
            });
            turn.settle(() -> { });
            log.info("Undid a change made in Stripe to billing account {} that breaks its rules", customerId);
            return;
        }
        turn.settle(() -> accounts.update(drifted.nextVersion(Timestamps.now(clock))));
        log.info("Took over a change made in Stripe to billing account {}", customerId);
    }
}
