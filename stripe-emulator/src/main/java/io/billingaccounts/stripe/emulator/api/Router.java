package io.billingaccounts.stripe.emulator.api;

import io.billingaccounts.stripe.emulator.limits.SearchLag;
import io.billingaccounts.stripe.emulator.resources.CustomerOperations;
import io.billingaccounts.stripe.emulator.resources.EventOperations;
import io.billingaccounts.stripe.emulator.resources.InvoiceOperations;
import io.billingaccounts.stripe.emulator.resources.InvoicePaymentOperations;
import io.billingaccounts.stripe.emulator.resources.Operation;
import io.billingaccounts.stripe.emulator.resources.PaymentIntentOperations;
import io.billingaccounts.stripe.emulator.resources.PaymentMethodOperations;
import io.billingaccounts.stripe.emulator.resources.PriceOperations;
import io.billingaccounts.stripe.emulator.resources.RefundOperations;
import io.billingaccounts.stripe.emulator.resources.SearchOperations;
import io.billingaccounts.stripe.emulator.resources.SetupIntentOperations;
import io.billingaccounts.stripe.emulator.resources.SubscriptionOperations;
import io.billingaccounts.stripe.emulator.resources.SubscriptionScheduleOperations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Maps "METHOD /v1/..." to the operation serving it, named as in Stripe's spec. */
final class Router {

    /**
     * @param operationKey "METHOD /path/{template}" as in Stripe's spec and {@code stripe-params.json}
     * @param mutating whether the operation may change state (it then runs under the write lock, its answer kept
     *     for its Idempotency-Key)
     */
    record Route(String method, List<String> template, String operationKey, boolean mutating, Operation operation) {
    }

    /** @param id the path's object id, or null */
    record Match(Route route, String id) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** One line a route, in the order of Stripe's reference: the table, kept flat, reads like the spec. */
    Router(SearchLag searchLag) {
        CustomerOperations customers = new CustomerOperations();
        SubscriptionOperations subscriptions = new SubscriptionOperations();
        SearchOperations searches = new SearchOperations(searchLag);
        SubscriptionScheduleOperations schedules = new SubscriptionScheduleOperations();
        PriceOperations prices = new PriceOperations();
        SetupIntentOperations setupIntents = new SetupIntentOperations();
        PaymentMethodOperations paymentMethods = new PaymentMethodOperations();
        InvoiceOperations invoices = new InvoiceOperations();
        InvoicePaymentOperations invoicePayments = new InvoicePaymentOperations();
        PaymentIntentOperations paymentIntents = new PaymentIntentOperations();
        RefundOperations refunds = new RefundOperations();
        EventOperations events = new EventOperations();
        add("GET", "/v1/customers", customers::list);
        add("POST", "/v1/customers", customers::create);
        add("GET", "/v1/customers/search", searches::customers);
        add("GET", "/v1/customers/{customer}", customers::retrieve);
        add("POST", "/v1/customers/{customer}", customers::update);
        add("DELETE", "/v1/customers/{customer}", customers::delete);
        add("GET", "/v1/customers/{customer}/payment_methods", paymentMethods::listForCustomer);
        add("GET", "/v1/subscriptions", subscriptions::list);
        add("POST", "/v1/subscriptions", subscriptions::create);
        add("GET", "/v1/subscriptions/search", searches::subscriptions);
        add("GET", "/v1/subscriptions/{subscription_exposed_id}", subscriptions::retrieve);
        add("POST", "/v1/subscriptions/{subscription_exposed_id}", subscriptions::update);
        add("DELETE", "/v1/subscriptions/{subscription_exposed_id}", subscriptions::cancel);
        add("POST", "/v1/subscriptions/{subscription}/resume", subscriptions::resume);
        add("GET", "/v1/subscription_schedules", schedules::list);
        add("POST", "/v1/subscription_schedules", schedules::create);
        add("GET", "/v1/subscription_schedules/{schedule}", schedules::retrieve);
        add("POST", "/v1/subscription_schedules/{schedule}", schedules::update);
        add("POST", "/v1/subscription_schedules/{schedule}/cancel", schedules::cancel);
        add("POST", "/v1/subscription_schedules/{schedule}/release", schedules::release);
        add("GET", "/v1/prices", prices::list);
        add("POST", "/v1/prices", prices::create);
        add("GET", "/v1/prices/{price}", prices::retrieve);
        add("POST", "/v1/prices/{price}", prices::update);
        add("GET", "/v1/products/{id}", prices::retrieveProduct);
        add("POST", "/v1/setup_intents", setupIntents::create);
        add("GET", "/v1/setup_intents/{intent}", setupIntents::retrieve);
        add("POST", "/v1/setup_intents/{intent}/confirm", setupIntents::confirm);
        add("GET", "/v1/payment_methods", paymentMethods::list);
        add("GET", "/v1/payment_methods/{payment_method}", paymentMethods::retrieve);
        add("POST", "/v1/payment_methods/{payment_method}/detach", paymentMethods::detach);
        add("GET", "/v1/invoices", invoices::list);
        add("GET", "/v1/invoices/{invoice}", invoices::retrieve);
        add("GET", "/v1/invoices/{invoice}/lines", invoices::lines);
        // A POST that changes nothing: Stripe keeps no preview.
        addRead("POST", "/v1/invoices/create_preview", invoices::createPreview);
        add("GET", "/v1/invoice_payments", invoicePayments::list);
        add("GET", "/v1/invoice_payments/{invoice_payment}", invoicePayments::retrieve);
        add("GET", "/v1/payment_intents/{intent}", paymentIntents::retrieve);
        add("POST", "/v1/refunds", refunds::create);
        add("GET", "/v1/refunds", refunds::list);
        add("GET", "/v1/refunds/{refund}", refunds::retrieve);
        add("GET", "/v1/events", events::list);
        add("GET", "/v1/events/{id}", events::retrieve);
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The first route that matches: literal paths are added before templated ones beside them. */
    Match match(String method, String path) {
        List<String> segments = segments(path);
        for (Route route : routes) {
            if (route.method().equals(method) && route.template().size() == segments.size()) {
                String id = null;
                boolean matches = true;
                for (int i = 0; i < segments.size() && matches; i++) {
                    String expected = route.template().get(i);
                    if (expected.startsWith("{")) {
                        id = segments.get(i);
                    } else {
                        matches = expected.equals(segments.get(i));
                    }
                }
                if (matches) {
                    return new Match(route, id);
                }
            }
        }
        return null;
    }

    private void add(String method, String template, Operation operation) {
        routes.add(new Route(method, segments(template), method + " " + template, !method.equals("GET"), operation));
    }

    private void addRead(String method, String template, Operation operation) {
        routes.add(new Route(method, segments(template), method + " " + template, false, operation));
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }
}
