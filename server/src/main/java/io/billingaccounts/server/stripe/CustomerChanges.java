package io.billingaccounts.server.stripe;

/**
 * The fields of a customer that changed, in Stripe's own terms: null leaves a field alone and an empty string
 * clears it. {@code address}, when not null, replaces the whole address, as Stripe does.
 * {@code defaultPaymentMethod} is the card invoices are charged to ({@code invoice_settings.default_payment_method}).
 */
public record CustomerChanges(String name, String email, String phone, String description, CustomerAddress address,
                              String defaultPaymentMethod) {

    /** Only the default card: {@code paymentMethodId}, or none when null. */
    public static CustomerChanges defaultPaymentMethod(String paymentMethodId) {
        return new CustomerChanges(null, null, null, null, null, paymentMethodId == null ? "" : paymentMethodId);
    }
}
