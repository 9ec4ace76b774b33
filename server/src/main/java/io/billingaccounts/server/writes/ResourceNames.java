package io.billingaccounts.server.writes;

/**
 * The names under which Stripe-backed resources plug into the write protocol: a write's {@code resource} in
 * {@link StripeWrites}, its rows in {@code pending_write} (which the stores count as creates under way) and its
 * {@link WriteRecoverer}. Kept in one place so that a service, its recovery and the counts of its creates can never
 * name one resource two ways.
 */
public final class ResourceNames {

    /** A billing account, whose Stripe object is a customer. */
    public static final String CUSTOMER = "customer";
    public static final String SUBSCRIPTION = "subscription";
    /** A setup intent, the create of a card. */
    public static final String SETUP_INTENT = "setup_intent";
    /** A card, which the service only detaches. */
    public static final String PAYMENT_METHOD = "payment_method";
    /** An invoice, Stripe's alone: its turn only orders the reads of its events. */
    public static final String INVOICE = "invoice";

    private ResourceNames() {
    }
}
