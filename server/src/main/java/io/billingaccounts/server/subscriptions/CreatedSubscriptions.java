package io.billingaccounts.server.subscriptions;

import java.time.OffsetDateTime;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.invoices.InvoiceMirror;
import io.billingaccounts.server.stripe.SubscriptionSnapshot;
import io.billingaccounts.server.workspace.WorkspaceStore;

/**
 * Takes a subscription that a create made into the mirror, with the first invoice it charged: from the create's
 * answer as it settles, or from recovery's replay of the create. Either way the workspace's trial is then used, and
 * the caller's next read lists both.
 */
@Component
class CreatedSubscriptions {

    private final SubscriptionStore subscriptions;
    private final WorkspaceStore workspaces;
    private final InvoiceMirror invoices;

    CreatedSubscriptions(SubscriptionStore subscriptions, WorkspaceStore workspaces, InvoiceMirror invoices) {
        this.subscriptions = subscriptions;
        this.workspaces = workspaces;
        this.invoices = invoices;
    }

    /** The subscription as the API shows it; run in the transaction that ends the create's write. */
    Subscription store(SubscriptionSnapshot created, String writeId, OffsetDateTime now) {
        String workspaceId = created.metadata().get(SubscriptionService.WORKSPACE_METADATA);
        Subscription subscription = SubscriptionSnapshots.shown(created, workspaceId, now, now);
        subscriptions.insert(subscription, writeId);
        workspaces.markSubscribed(workspaceId, now);
        if (created.latestInvoice() != null) {
            invoices.store(created.latestInvoice());
        }
        return subscription;
    }
}
