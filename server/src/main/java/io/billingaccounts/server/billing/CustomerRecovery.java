package io.billingaccounts.server.billing;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.store.PendingWriteRow;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.StripeCustomers;
import io.billingaccounts.server.stripe.StripeFailure;
import io.billingaccounts.server.writes.WriteRecoverer;

/**
 * Unfinished writes of billing accounts. A create's customer is taken in as the account its caller asked for (a
 * retry with the same Idempotency-Key gets it); one past Stripe's replay window, whose caller can no longer learn
 * of it, is found by its tag and deleted: no orphan survives. Any other write is brought to what the database holds, which is what
 * callers were told, default card included (payment methods set it through the account's turn); an account whose
 * customer Stripe already deleted was being deleted, and that is completed.
 */
@Component
class CustomerRecovery implements WriteRecoverer {

    private static final Logger log = LoggerFactory.getLogger(CustomerRecovery.class);

    private final BillingAccountStore accounts;
    private final StripeCustomers stripe;
    private final Clock clock;

    CustomerRecovery(BillingAccountStore accounts, StripeCustomers stripe, Clock clock) {
        this.accounts = accounts;
        this.stripe = stripe;
        this.clock = clock;
    }

    @Override
    public String resource() {
        return BillingAccountService.RESOURCE;
    }

    @Override
    public void adopt(PendingWriteRow write, String answer) {
        BillingAccount account = CustomerShape.created(stripe.fromAnswer(answer), write.scopeId(),
                write.context(), Timestamps.now(clock));
        accounts.insert(account, write.id());
        log.info("Took in Stripe customer {} of unfinished create {} as a billing account of workspace {}",
                account.id(), write.id(), write.scopeId());
    }

    @Override
    public void recover(PendingWriteRow write, String idempotencyKey, Deadline deadline) {
        if (write.kind().equals("create")) {
            for (String customerId : stripe.findByMetadata(BillingAccountService.CREATE_METADATA, write.id(),
                    deadline)) {
                stripe.delete(customerId, deadline);
                log.info("Deleted Stripe customer {} of an unfinished create in workspace {}", customerId,
                        write.scopeId());
            }
            return;
        }
        String customerId = write.objectId();
        Optional<BillingAccount> account = accounts.findById(customerId);
        if (account.isEmpty()) {
            stripe.delete(customerId, deadline);
            return;
        }
        try {
            stripe.update(customerId, CustomerDiff.full(account.get(),
                    accounts.defaultPaymentMethod(customerId).orElse(null)), idempotencyKey, deadline);
        } catch (StripeFailure failure) {
            if (!failure.objectMissing()) {
                throw failure;
            }
            accounts.delete(customerId);
            log.info("Completed the deletion of billing account {}, whose customer Stripe had deleted", customerId);
        }
    }
}
