package io.billingaccounts.server.subscriptions;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.store.SubscriptionStore;
import io.billingaccounts.server.workspace.LiveSubscriptions;

/** The questions workspaces and billing accounts ask about their subscriptions, answered from the mirror. */
@Component
class MirroredLiveSubscriptions implements LiveSubscriptions {

    private final SubscriptionStore subscriptions;

    MirroredLiveSubscriptions(SubscriptionStore subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public int countInAccountWithCreatesUnderWay(String billingAccountId) {
        return subscriptions.countActiveWithCreatesUnderWay(billingAccountId, SubscriptionService.RESOURCE);
    }

    @Override
    public int countInWorkspaceWithCreatesUnderWay(String workspaceId) {
        return subscriptions.countActiveInWorkspaceWithCreatesUnderWay(workspaceId);
    }
}
