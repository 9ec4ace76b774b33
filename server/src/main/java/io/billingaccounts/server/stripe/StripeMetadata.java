package io.billingaccounts.server.stripe;

/**
 * The metadata keys the service keeps on Stripe objects for itself: the one place they are named, for the objects
 * that carry them and for the rule that keeps callers' metadata off them.
 */
public final class StripeMetadata {

    /** The workspace a customer or a subscription belongs to. */
    public static final String WORKSPACE_ID = "workspace_id";
    /** The write that made the object: how recovery finds an old create by its tag. */
    public static final String CREATE_INTENT = "billing_create_intent";
    // Every key of the service's own but the workspace starts so, those to come included.
    private static final String SERVICE_PREFIX = "billing_";

    private StripeMetadata() {
    }

    /** Whether {@code key} is the service's own: a caller's value there would be taken for the service's. */
    public static boolean isServiceKey(String key) {
        return key.equals(WORKSPACE_ID) || key.startsWith(SERVICE_PREFIX);
    }
}
