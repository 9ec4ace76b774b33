package io.billingaccounts.server.organizations;

/**
 * The capacity organizations draw on: one billing account's active subscriptions ({@code billingAccountId} set), or
 * every account's of a pooled workspace (null).
 */
record Pool(String billingAccountId, ProductCounts capacity, LimitBinding binding) {

    boolean feeds(Organization topLevel) {
        return billingAccountId == null || billingAccountId.equals(topLevel.billingAccountId());
    }

    /** The name the usage export gives the pool. */
    String name() {
        return binding.name();
    }
}
