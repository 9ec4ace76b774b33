package io.billingaccounts.server.stripe;

/** Keeps a mirror of Stripe's objects in line with the events Stripe sends about them. */
public interface StripeEventListener {

    /** Whether events of {@code type} (such as {@code customer.subscription.updated}) concern it. */
    boolean wants(String type);

    void on(StripeEvent event);
}
