package io.billingaccounts.server.organizations;

/** What binds an effective capacity: an organization's own limit, an ancestor's, or the pool it draws on. */
public record LimitBinding(Kind kind, String name) {

    public enum Kind {
        ORGANIZATION, PARENT, BILLING_ACCOUNT, WORKSPACE
    }
}
