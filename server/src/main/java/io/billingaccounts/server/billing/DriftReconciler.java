package io.billingaccounts.server.billing;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.problem.Violations;
import io.billingaccounts.server.store.BillingAccountRow;
import io.billingaccounts.server.store.BillingAccountStore;
import io.billingaccounts.server.stripe.CustomerAddress;
import io.billingaccounts.server.stripe.CustomerSnapshot;
import io.billingaccounts.server.stripe.StripeCustomers;
import io.billingaccounts.server.workspace.Timestamps;

/**
 * Brings an account back in line with a customer changed or deleted directly in Stripe. A deleted customer ends
 * its account (Stripe's deletion is final); a change that keeps the account's rules is taken over; one that
 * breaks them is undone in Stripe. The customer is read afresh each time, so repeated or reordered webhook
 * events lead to the same result.
 */
@Service
public class DriftReconciler {

    private static final Logger log = LoggerFactory.getLogger(DriftReconciler.class);
    private static final int MAX_ATTEMPTS = 5;

    private final BillingAccountStore accounts;
    private final StripeCustomers stripe;
    private final Clock clock;

    public DriftReconciler(BillingAccountStore accounts, StripeCustomers stripe, Clock clock) {
        this.accounts = accounts;
        this.stripe = stripe;
        this.clock = clock;
    }

    public void reconcile(String customerId) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<BillingAccountRow> row = accounts.findById(customerId);
            if (row.isEmpty()) {
                return;
            }
            BillingAccount account = BillingAccountRows.toAccount(row.get());
            Optional<CustomerSnapshot> customer = stripe.retrieve(customerId);
            if (customer.isEmpty() || customer.get().deleted()) {
                if (accounts.deleteIfVersion(customerId, account.version())) {
                    log.info("Billing account {} ended: its customer was deleted in Stripe", customerId);
                    return;
                }
                continue;
            }
            BillingAccount drifted = adopt(account, customer.get());
            if (drifted.sameContentAs(account)) {
                return;
            }
            if (!keepsTheRules(drifted)) {
                stripe.update(customerId, CustomerDiff.full(account));
                if (accounts.bumpVersion(customerId, account.version())) {
                    log.info("Undid a change made in Stripe to billing account {} that breaks its rules", customerId);
                    return;
                }
                continue;
            }
            if (accounts.updateIfVersion(BillingAccountRows.toRow(drifted.nextVersion(Timestamps.now(clock))),
                    account.version())) {
                log.info("Took over a change made in Stripe to billing account {}", customerId);
                return;
            }
        }
    }

    private static BillingAccount adopt(BillingAccount account, CustomerSnapshot customer) {
        CustomerAddress a = customer.address();
        Address address = a == null ? account.address()
                : new Address(a.country(), a.line1(), a.line2(), a.city(), a.state(), a.postalCode());
        return new BillingAccount(account.id(), account.workspaceId(), customer.name(), customer.email(),
                customer.phone(), customer.description(), account.currency(), address, account.version(),
                account.createdAt(), account.updatedAt());
    }

    private static boolean keepsTheRules(BillingAccount account) {
        Violations violations = new Violations();
        BillingAccountRules.checkName(violations, account.name());
        BillingAccountRules.checkEmail(violations, account.email());
        BillingAccountRules.checkPhone(violations, account.phone());
        Address a = account.address();
        BillingAccountRules.checkAddress(violations, new AddressPatch.AddressDraft(a.country(), a.line1(),
                a.line2(), a.city(), a.state(), a.postalCode()));
        boolean withinLengths = account.name() != null && account.name().length() <= 100
                && account.email() != null && account.email().length() <= 150
                && (account.description() == null || account.description().length() <= 200);
        try {
            violations.throwIfAny();
            return withinLengths;
        } catch (Problem broken) {
            return false;
        }
    }
}
