package com.example.billing;

import io.billingaccounts.client.BillingAccountsClient;
import io.billingaccounts.client.BillingAccountsException;
import io.billingaccounts.client.model.AddressCreate;
import io.billingaccounts.client.model.BillingAccount;
import io.billingaccounts.client.model.BillingAccountCreate;
import io.billingaccounts.client.model.BillingAccountPatch;
import io.billingaccounts.client.model.BillingMode;
import io.billingaccounts.client.model.Invoice;
import io.billingaccounts.client.model.InvoiceList;
import io.billingaccounts.client.model.ProductQuantities;
import io.billingaccounts.client.model.Subscription;
import io.billingaccounts.client.model.SubscriptionCreate;
import io.billingaccounts.client.model.SubscriptionList;
import io.billingaccounts.client.model.TrialEligibility;
import io.billingaccounts.client.model.Workspace;
import io.billingaccounts.client.model.WorkspaceCreate;

/**
 * Usage: CreateAndUpdate BASE_URL TOKEN. Creates a workspace and a billing account, updates it, then subscribes it
 * (the workspace's first subscription, so with the 14-day trial and no card), lists its subscriptions, finds the
 * workspace among the caller's and lists the account's invoices (a page, then all of them, page by page).
 */
public final class CreateAndUpdate {

    public static void main(String[] args) throws Exception {
        BillingAccountsClient client = BillingAccountsClient.builder(args[0], () -> args[1]).build();
        String ws = client.workspaces().createWorkspace(
                new WorkspaceCreate().name("Example").billingMode(BillingMode.SINGLE), null).getId();
        BillingAccount account = client.billingAccounts().createBillingAccount(ws, new BillingAccountCreate()
                .name("Example Ltd").email("billing@example.com")
                .address(new AddressCreate().country("GB").line1("1 High Street").city("London")), "example-1");
        BillingAccount updated = client.billingAccounts().updateBillingAccount(ws, account.getId(),
                new BillingAccountPatch().phone("+442071234567"), null);
        System.out.println("updated " + updated.getId() + " phone " + updated.getPhone());
        try {
            client.billingAccounts().createBillingAccount(ws, new BillingAccountCreate().name("Second")
                    .email("second@example.com").address(new AddressCreate().country("GB").line1("2 High Street")
                            .city("London")), null);
        } catch (BillingAccountsException refused) {
            System.out.println("refused " + refused.status() + " " + refused.code());
        }
        TrialEligibility eligibility = client.subscriptions().getTrialEligibility(ws, account.getId());
        System.out.println("trial eligible " + eligibility.getTrialEligible() + " for "
                + eligibility.getTrialInfo().getTrialDays() + " days");
        Subscription subscription = client.subscriptions().createSubscription(ws, account.getId(),
                new SubscriptionCreate().productQuantities(new ProductQuantities().locations(5).users(25))
                        .putMetadataItem("cost_center", "CC-1042"), "example-subscription-1");
        System.out.println("subscribed " + subscription.getId() + " " + subscription.getStatus().getValue()
                + " until " + subscription.getTrialEnd());
        SubscriptionList subscriptions = client.subscriptions().listSubscriptions(ws, account.getId());
        System.out.println("listed " + subscriptions.getData().size() + " subscription(s)");
        Workspace workspace = client.workspaces().listWorkspaces().getData().stream()
                .filter(listed -> listed.getId().equals(ws)).findFirst().orElseThrow();
        System.out.println("listed workspace " + workspace.getName() + " archived " + workspace.getArchived());
        InvoiceList firstPage = client.invoices().listInvoices(ws, account.getId(), 10, null, null);
        int invoices = 0;
        for (Invoice invoice : client.allInvoices(ws, account.getId())) {
            System.out.println("invoice " + invoice.getId() + " " + invoice.getStatus().getValue() + " "
                    + invoice.getTotal() + " " + invoice.getCurrency().getValue());
            invoices++;
        }
        System.out.println("listed " + invoices + " invoice(s), " + firstPage.getData().size() + " on the first page");
    }
}
