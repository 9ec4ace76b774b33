package io.billingaccounts.client;

import io.billingaccounts.client.model.Error;

/**
 * A 402 {@code payment_error}: a subscription's first invoice was charged at once and the card was declined
 * ({@link ErrorCodes#CARD_DECLINED}). No subscription was created; make another card the default and try again.
 */
public class PaymentRequiredException extends BillingAccountsException {

    static final int STATUS = 402;

    public PaymentRequiredException(Error error, String requestId, String rawBody) {
        super(STATUS, error, requestId, rawBody);
    }

    /** Whether the card was declined, the one payment error the service answers today. */
    public boolean cardDeclined() {
        return is(ErrorCodes.CARD_DECLINED);
    }
}
