package io.billingaccounts.client;

/**
 * The stable error codes of the service, to compare with {@link BillingAccountsException#code()} or pass to
 * {@link BillingAccountsException#is(String)}. Each is explained at {@code https://docs.altostrat.io/errors/<code>}.
 */
public final class ErrorCodes {

    // Any operation
    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String RESOURCE_NOT_FOUND = "resource_not_found";
    public static final String INSUFFICIENT_ROLE = "insufficient_role";
    public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
    public static final String IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use";
    public static final String RATE_LIMIT_EXCEEDED = "rate_limit_exceeded";
    public static final String STRIPE_ERROR = "stripe_error";
    public static final String STRIPE_UNAVAILABLE = "stripe_unavailable";
    /**
     * 503: Stripe may have applied the change and its outcome is being learned; retry with the same Idempotency-Key
     * to get it (never applied twice).
     */
    public static final String STRIPE_OUTCOME_PENDING = "stripe_outcome_pending";

    // Workspaces, members and billing accounts
    public static final String BILLING_ACCOUNT_LIMIT_REACHED = "billing_account_limit_reached";
    public static final String MEMBER_EXISTS = "member_exists";
    /** 422: the last owner of a workspace can be neither removed nor demoted. */
    public static final String CANNOT_REMOVE_LAST_OWNER = "cannot_remove_last_owner";
    /** 409: the workspace is archived; it answers reads, and every write to it or below it is refused. */
    public static final String WORKSPACE_ARCHIVED = "workspace_archived";
    /** 409 on archiving a workspace while one of its billing accounts has an active subscription. */
    public static final String WORKSPACE_NOT_EMPTY = "workspace_not_empty";
    public static final String ETAG_MISMATCH = "etag_mismatch";
    /** 422 on deleting a billing account that has active subscriptions. */
    public static final String ACTIVE_SUBSCRIPTIONS_EXIST = "active_subscriptions_exist";
    /** 409 on deleting a billing account that organizations draw on: delete them first. */
    public static final String BILLING_ACCOUNT_IN_USE = "billing_account_in_use";

    // Payment methods
    /** 422: a billing account holds at most 5 payment methods. */
    public static final String PAYMENT_METHOD_LIMIT_REACHED = "payment_method_limit_reached";
    /** 422: the default payment method cannot be detached while the account has active subscriptions. */
    public static final String CANNOT_DETACH_DEFAULT_WITH_SUBSCRIPTIONS = "cannot_detach_default_with_subscriptions";
    /** 422: the only payment method of a billing account can never be detached; add another one first. */
    public static final String CANNOT_DETACH_ONLY_PAYMENT_METHOD = "cannot_detach_only_payment_method";

    // Subscriptions
    /** 422: no trial and no default payment method. */
    public static final String PAYMENT_METHOD_REQUIRED = "payment_method_required";
    /** 402 ({@link PaymentRequiredException}): the first invoice's charge was declined; nothing was created. */
    public static final String CARD_DECLINED = "card_declined";
    /** 409: a billing account holds at most 3 active subscriptions. */
    public static final String SUBSCRIPTION_LIMIT_REACHED = "subscription_limit_reached";
    /** 409: the subscription has ended and can no longer change. */
    public static final String SUBSCRIPTION_CANCELED = "subscription_canceled";
    /**
     * 409 on cancelling a subscription whose pool would then hold less of a product than its organizations use;
     * the message names the product, the usage and the capacity left. Report the usage down first.
     */
    public static final String CANCELLATION_WOULD_UNDERPROVISION = "cancellation_would_underprovision";
    /** 409 on decreasing or removing a product of a subscription below what its pool's organizations use. */
    public static final String CHANGE_WOULD_UNDERPROVISION = "change_would_underprovision";

    // Organizations
    /** 409: a workspace holds at most 1,000 organizations. */
    public static final String ORGANIZATION_LIMIT_REACHED = "organization_limit_reached";
    /** 409: a tree is at most 10 levels deep, so an organization at depth 9 takes no child. */
    public static final String ORGANIZATION_DEPTH_EXCEEDED = "organization_depth_exceeded";
    /** 409: an organization has at most 100 direct children. */
    public static final String ORGANIZATION_CHILDREN_LIMIT_REACHED = "organization_children_limit_reached";
    /** 409 on deleting an organization while it or a descendant reports usage: report zero usage first. */
    public static final String ORGANIZATION_HAS_USAGE = "organization_has_usage";
    /**
     * 409: a usage report would pass the effective capacity of the organization or of an ancestor; the message
     * names the product, the usage and the capacity. Nothing changed.
     */
    public static final String ORGANIZATION_LIMIT_EXCEEDED = "organization_limit_exceeded";

    // Invoices
    /** 422: an {@code after} or {@code before} that is not one of the account's invoices, or both at once. */
    public static final String INVALID_CURSOR = "invalid_cursor";

    private ErrorCodes() {
    }
}
