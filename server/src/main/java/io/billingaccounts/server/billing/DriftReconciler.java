package io.billingaccounts.server.billing;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.billingaccounts.server.store.BillingAccountRow;
import io.billingaccounts.server.store.BillingAccountStore;
import io.billingaccounts.server.stripe.CustomerAddress;
import io.billingaccounts.server.stripe.CustomerSnapshot;
import io.billingaccounts.server.stripe.StripeCustomers;
import io.billingaccounts.server.stripe.StripeEvent;
import io.billingaccounts.server.stripe.StripeEventListener;
import io.billingaccounts.server.workspace.Timestamps;
import io.billingaccounts.server.writes.StripeWrites;

/**
 * Brings an account back in line with a customer changed or deleted directly in Stripe. A deleted customer ends
 * its account (Stripe's deletion is final); a change that keeps the account's rules is taken over; one that
 * breaks them is undone in Stripe. It holds the account's turn like any write, and reads the customer afresh,
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
        reconcile(event.objectId());
    }

    private void reconcile(String customerId) {
        if (accounts.findById(customerId).isEmpty()) {
            return;
        }
        writes.write(BillingAccountService.RESOURCE, customerId, "reconcile", turn -> {
            Optional<BillingAccountRow> row = accounts.findById(customerId);
            if (row.isEmpty()) {
                return null;
            }
            BillingAccount account = BillingAccountRows.toAccount(row.get());
            Optional<CustomerSnapshot> customer = stripe.retrieve(customerId, turn.deadline());
            if (customer.isEmpty() || customer.get().deleted()) {
                turn.settle(() -> accounts.delete(customerId));
                log.info("Billing account {} ended: its customer was deleted in Stripe", customerId);
                return null;
            }
            BillingAccount drifted = adopt(account, customer.get());
            if (drifted.sameContentAs(account)) {
                return null;
            }
            if (!BillingAccountRules.keepsTheRules(drifted)) {
                turn.stripeWrite(() -> {
                    stripe.update(customerId, CustomerDiff.full(account,
                            accounts.defaultPaymentMethod(customerId).orElse(null)), turn.writeId(), turn.deadline());
                    return null;
                });
                turn.settle(() -> { });
                log.info("Undid a change made in Stripe to billing account {} that breaks its rules", customerId);
                return null;
            }
            turn.settle(() -> accounts.update(BillingAccountRows.toRow(drifted.nextVersion(Timestamps.now(clock)))));
            log.info("Took over a change made in Stripe to billing account {}", customerId);
            return null;
        });
    }

    private static BillingAccount adopt(BillingAccount account, CustomerSnapshot customer) {
        CustomerAddress a = customer.address();
        Address address = a == null ? account.address()
                : new Address(a.country(), a.line1(), a.line2(), a.city(), a.state(), a.postalCode());
        return new BillingAccount(account.id(), account.workspaceId(), customer.name(), customer.email(),
                customer.phone(), customer.description(), account.currency(), address, account.version(),
                account.createdAt(), account.updatedAt());
    }
}
