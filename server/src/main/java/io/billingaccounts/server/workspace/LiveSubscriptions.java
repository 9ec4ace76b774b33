package io.billingaccounts.server.workspace;

/**
 * What keeps a workspace from being archived and a billing account from being deleted, as the subscription mirror
 * answers it: no Stripe call. Declared here, below billing accounts and workspaces, and answered by the
 * subscriptions, which sit above both. Each count is one statement, taken by a caller holding the workspace's row
 * lock, which every subscription create takes to reserve its place: a create under way is counted, never missed.
 */
public interface LiveSubscriptions {

    /**
     * The account's active subscriptions (status {@code active}, {@code trialing}, {@code past_due} or
     * {@code paused}) with the creates of subscriptions under way.
     */
    int countInAccountWithCreatesUnderWay(String billingAccountId);

    /** The same for all the billing accounts of the workspace. */
    int countInWorkspaceWithCreatesUnderWay(String workspaceId);
}
