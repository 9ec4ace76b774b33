package io.billingaccounts.stripe.emulator;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentMethod;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.SetupIntentConfirmParams;
import com.stripe.param.SetupIntentCreateParams;

/** Gives customers cards the way the billing-accounts server does: a setup intent confirmed with a test card. */
final class PaymentMethods {

    private PaymentMethods() {
    }

    static PaymentMethod attach(StripeClient stripe, String customer, String testCard) throws StripeException {
        String intent = stripe.v1().setupIntents().create(SetupIntentCreateParams.builder().setCustomer(customer)
                .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION).addPaymentMethodType("card").build()).getId();
        String method = stripe.v1().setupIntents().confirm(intent,
                SetupIntentConfirmParams.builder().setPaymentMethod(testCard).build()).getPaymentMethod();
        return stripe.v1().paymentMethods().retrieve(method);
    }

    /** Attaches the test card and makes it the customer's default for invoices. */
    static String attachAsDefault(StripeClient stripe, String customer, String testCard) throws StripeException {
        String method = attach(stripe, customer, testCard).getId();
        stripe.v1().customers().update(customer, CustomerUpdateParams.builder()
                .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                        .setDefaultPaymentMethod(method).build())
                .build());
        return method;
    }
}
