package io.billingaccounts.server.billing;

import java.time.OffsetDateTime;
import java.util.Map;

import io.billingaccounts.server.store.BillingAccountRow;
import io.billingaccounts.server.stripe.CustomerAddress;
import io.billingaccounts.server.stripe.CustomerSnapshot;
import io.billingaccounts.server.stripe.NewCustomer;

/** Translations between the domain and the shapes of the store and of Stripe. */
final class BillingAccountRows {

    private BillingAccountRows() {
    }

    static BillingAccount toAccount(BillingAccountRow row) {
        Address address = new Address(row.country(), row.line1(), row.line2(), row.city(), row.state(),
                row.postalCode());
        return new BillingAccount(row.id(), row.workspaceId(), row.name(), row.email(), row.phone(),
                row.description(), row.currency(), address, row.version(), row.createdAt(), row.updatedAt());
    }

    static BillingAccountRow toRow(BillingAccount a) {
        Address ad = a.address();
        return new BillingAccountRow(a.id(), a.workspaceId(), a.name(), a.email(), a.phone(), a.description(),
                a.currency(), ad.country(), ad.line1(), ad.line2(), ad.city(), ad.state(), ad.postalCode(),
                a.version(), a.createdAt(), a.updatedAt());
    }

    /** The account a create's customer is, as Stripe answered it: how recovery takes in a create it replayed. */
    static BillingAccount created(CustomerSnapshot customer, String workspaceId, String currency,
                                  OffsetDateTime now) {
        CustomerAddress a = customer.address();
        return new BillingAccount(customer.id(), workspaceId, customer.name(), customer.email(), customer.phone(),
                customer.description(), currency,
                new Address(a.country(), a.line1(), a.line2(), a.city(), a.state(), a.postalCode()), 1, now, now);
    }

    static NewCustomer toNewCustomer(NewBillingAccount request, Map<String, String> metadata) {
        return new NewCustomer(request.name(), request.email(), request.phone(), request.description(),
                toCustomer(request.address()), metadata);
    }

    static CustomerAddress toCustomer(Address a) {
        return new CustomerAddress(a.country(), a.line1(), a.line2(), a.city(), a.state(), a.postalCode());
    }
}
