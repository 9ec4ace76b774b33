package io.billingaccounts.server.billing;

import java.util.Objects;

import io.billingaccounts.server.stripe.CustomerChanges;

/** What Stripe must be told when an account changes: only the fields that changed, so one call carries little. */
final class CustomerDiff {

    private CustomerDiff() {
    }

    static CustomerChanges between(BillingAccount before, BillingAccount after) {
        return new CustomerChanges(
                changed(before.name(), after.name()),
                changed(before.email(), after.email()),
                changed(before.phone(), after.phone()),
                changed(before.description(), after.description()),
                Objects.equals(before.address(), after.address()) ? null : CustomerShape.toCustomer(after.address()),
                null);
    }

    /**
     * Every field, to make a customer match its account whatever it held before; {@code defaultPaymentMethod} is
     * the account's default card (null: none).
     */
    static CustomerChanges full(BillingAccount account, String defaultPaymentMethod) {
        return new CustomerChanges(account.name(), account.email(), orEmpty(account.phone()),
                orEmpty(account.description()), CustomerShape.toCustomer(account.address()),
                orEmpty(defaultPaymentMethod));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    // Stripe's convention: null leaves the field alone, an empty string clears it.
    private static String changed(String before, String after) {
        if (Objects.equals(before, after)) {
            return null;
        }
        return after == null ? "" : after;
    }
}
