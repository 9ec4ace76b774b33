package io.billingaccounts.server.billing;

import java.time.OffsetDateTime;
import java.util.Map;

import io.billingaccounts.server.stripe.CustomerAddress;
import io.billingaccounts.server.stripe.CustomerSnapshot;
import io.billingaccounts.server.stripe.NewCustomer;

/** Translations between a billing account and the shape of its Stripe customer. */
final class CustomerShape {

    private CustomerShape() {
    }

    /** The account a create's customer is, as Stripe answered it: how recovery takes in a create it replayed. */
    static BillingAccount created(CustomerSnapshot customer, String workspaceId, String currency,
                                  OffsetDateTime now) {
        return new BillingAccount(customer.id(), workspaceId, customer.name(), customer.email(), customer.phone(),
                customer.description(), currency, toAddress(customer.address()), 1, now, now);
    }

    /**
     * The account as the customer shows it: what a caller can change is Stripe's, the rest the account's; a
     * customer without an address keeps the account's.
     */
    static BillingAccount adopted(BillingAccount account, CustomerSnapshot customer) {
        return new BillingAccount(account.id(), account.workspaceId(), customer.name(), customer.email(),
                customer.phone(), customer.description(), account.currency(),
                customer.address() == null ? account.address() : toAddress(customer.address()), account.version(),
                account.createdAt(), account.updatedAt());
    }

    static NewCustomer toNewCustomer(NewBillingAccount request, Map<String, String> metadata) {
        return new NewCustomer(request.name(), request.email(), request.phone(), request.description(),
                toCustomer(request.address()), metadata);
    }

    static CustomerAddress toCustomer(Address a) {
        return new CustomerAddress(a.country(), a.line1(), a.line2(), a.city(), a.state(), a.postalCode());
    }

    private static Address toAddress(CustomerAddress a) {
        return new Address(a.country(), a.line1(), a.line2(), a.city(), a.state(), a.postalCode());
    }
}
