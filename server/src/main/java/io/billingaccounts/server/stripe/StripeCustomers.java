package io.billingaccounts.server.stripe;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.stripe.StripeClient;
import com.stripe.model.Address;
import com.stripe.model.Customer;
import com.stripe.net.ApiResource;
import com.stripe.net.FormEncoder;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.common.EmptyParam;

/** The Stripe customers behind billing accounts: every call the service makes to Stripe goes through here. */
@Component
public class StripeCustomers {

    // Statuses after which a subscription no longer bills and no longer blocks a delete.

    private final StripeClient stripe;
    private final StripeCalls calls;

    StripeCustomers(StripeClient stripe, StripeCalls calls) {
        this.stripe = stripe;
        this.calls = calls;
    }

    /** The customer's create; every try carries the write's Idempotency-Key, so it can never create a second one. */
    public StripeCreate<CustomerSnapshot> create(NewCustomer customer) {
        CustomerCreateParams.Builder params = CustomerCreateParams.builder()
                .setName(customer.name())
                .setEmail(customer.email())
                .putAllMetadata(customer.metadata());
        if (customer.phone() != null) {
            params.setPhone(customer.phone());
        }
        if (customer.description() != null) {
            params.setDescription(customer.description());
        }
        CustomerAddress a = customer.address();
        CustomerCreateParams.Address.Builder address = CustomerCreateParams.Address.builder()
                .setCountry(a.country()).setLine1(a.line1()).setCity(a.city());
        if (a.line2() != null) {
            address.setLine2(a.line2());
        }
        if (a.state() != null) {
            address.setState(a.state());
        }
        if (a.postalCode() != null) {
            address.setPostalCode(a.postalCode());
        }
        params.setAddress(address.build());
        CustomerCreateParams built = params.build();
        return calls.create("/v1/customers", built,
                requestOptions -> snapshot(stripe.v1().customers().create(built, requestOptions)));
    }

    public void update(String customerId, CustomerChanges changes, String idempotencyKey, Deadline deadline) {
        CustomerUpdateParams.Builder params = CustomerUpdateParams.builder();
        if (changes.name() != null) {
            params.setName(changes.name());
        }
        if (changes.email() != null) {
            params.setEmail(changes.email());
        }
        if (changes.phone() != null) {
            if (changes.phone().isEmpty()) {
                params.setPhone(EmptyParam.EMPTY);
            } else {
                params.setPhone(changes.phone());
            }
        }
        if (changes.description() != null) {
            if (changes.description().isEmpty()) {
                params.setDescription(EmptyParam.EMPTY);
            } else {
                params.setDescription(changes.description());
            }
        }
        if (changes.address() != null) {
            params.setAddress(fullAddress(changes.address()));
        }
        if (changes.defaultPaymentMethod() != null) {
            CustomerUpdateParams.InvoiceSettings.Builder invoices = CustomerUpdateParams.InvoiceSettings.builder();
            if (changes.defaultPaymentMethod().isEmpty()) {
                invoices.setDefaultPaymentMethod(EmptyParam.EMPTY);
            } else {
                invoices.setDefaultPaymentMethod(changes.defaultPaymentMethod());
            }
            params.setInvoiceSettings(invoices.build());
        }
        CustomerUpdateParams built = params.build();
        // Nothing reads the customer Stripe answers with: sent as stripe-java sends it, its answer left unparsed.
        calls.call(deadline, idempotencyKey, options -> stripe.rawRequest(ApiResource.RequestMethod.POST,
                "/v1/customers/" + ApiResource.urlEncodeId(customerId), FormEncoder.createQueryString(built.toMap()),
                StripeCalls.raw(options)));
    }

    /** Deletes the customer; one that is already gone counts as deleted, so a repeated delete is harmless. */
    public void delete(String customerId, Deadline deadline) {
        calls.deleteIfPresent(deadline, options -> stripe.v1().customers().delete(customerId, options));
    }

    /** What a create answered: how recovery takes in a create it replayed. */
    public CustomerSnapshot fromAnswer(String json) {
        return snapshot(StripeCalls.model(json, Customer.class));
    }

    /** The customer as Stripe holds it now, deleted or not; empty when Stripe never had it. */
    public Optional<CustomerSnapshot> retrieve(String customerId, Deadline deadline) {
        return calls.find(deadline, options -> stripe.v1().customers().retrieve(customerId, options))
                .map(StripeCustomers::snapshot);
    }

    /** The customer an event carries, as the event's sender saw it then. */
    public CustomerSnapshot fromEvent(StripeEvent event) {
        return snapshot(event.objectAs(Customer.class));
    }

    private static CustomerSnapshot snapshot(Customer customer) {
        if (Boolean.TRUE.equals(customer.getDeleted())) {
            return new CustomerSnapshot(customer.getId(), true, null, null, null, null, null);
        }
        Address a = customer.getAddress();
        return new CustomerSnapshot(customer.getId(), false, customer.getName(), customer.getEmail(),
                blankToNull(customer.getPhone()), blankToNull(customer.getDescription()), a == null ? null
                : new CustomerAddress(a.getCountry(), a.getLine1(), blankToNull(a.getLine2()), a.getCity(),
                        blankToNull(a.getState()), blankToNull(a.getPostalCode())));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Customers whose metadata holds {@code key=value}; Stripe's search lags writes, so only recovery uses it. */
    public List<String> findByMetadata(String key, String value, Deadline deadline) {
        CustomerSearchParams params = CustomerSearchParams.builder()
                .setQuery("metadata['" + key + "']:'" + value + "'")
                .build();
        return calls.call(deadline, null, options -> stripe.v1().customers().search(params, options)).getData()
                .stream().map(Customer::getId).toList();
    }

    // Every address field is sent: Stripe replaces the address whole, and an empty string clears a line.
    private static CustomerUpdateParams.Address fullAddress(CustomerAddress a) {
        return CustomerUpdateParams.Address.builder()
                .setCountry(a.country())
                .setLine1(a.line1())
                .setLine2(a.line2() != null ? a.line2() : "")
                .setCity(a.city())
                .setState(a.state() != null ? a.state() : "")
                .setPostalCode(a.postalCode() != null ? a.postalCode() : "")
                .build();
    }
}
