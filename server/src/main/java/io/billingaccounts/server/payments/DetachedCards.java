package io.billingaccounts.server.payments;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.billingaccounts.server.billing.BillingAccountStore;

/**
 * Forgets cards Stripe no longer has attached. Apart from {@link PaymentMethodMirror} because recovery needs it
 * and must not need the write protocol that runs recovery.
 */
@Component
class DetachedCards {

    private final PaymentMethodStore methods;
    private final BillingAccountStore accounts;
    private final TransactionTemplate transaction;

    DetachedCards(PaymentMethodStore methods, BillingAccountStore accounts, TransactionTemplate transaction) {
        this.methods = methods;
        this.accounts = accounts;
        this.transaction = transaction;
    }

    /** Forgets the card, and its account's default if it was that card, as Stripe does on a detach. */
    void forget(String paymentMethodId) {
        transaction.executeWithoutResult(status -> methods.accountOf(paymentMethodId).ifPresent(accountId -> {
            methods.delete(paymentMethodId);
            accounts.clearDefaultPaymentMethod(accountId, paymentMethodId);
        }));
    }
}
