package io.billingaccounts.server.payments;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.store.BillingAccountStore;
import io.billingaccounts.server.store.PaymentMethodStore;
import io.billingaccounts.server.stripe.StripeEvent;
import io.billingaccounts.server.stripe.StripeEventListener;

/**
 * Keeps the mirror of cards in line with Stripe's events about them, for cards saved without a list looking (a
 * browser that never came back) and cards detached in Stripe. An event that shows what the mirror holds (a card it
 * has, one it never had detached, a customer that is no billing account) costs nothing, so the echo of a list's own
 * take-in, a duplicate or catch-up reading an event again are free; otherwise the object is looked up again, so
 * repeated or reordered events lead to the same result.
 */
@Component
class PaymentMethodEvents implements StripeEventListener {

    private final PaymentMethodMirror mirror;
    private final PaymentMethodStore methods;
    private final BillingAccountStore accounts;

    PaymentMethodEvents(PaymentMethodMirror mirror, PaymentMethodStore methods, BillingAccountStore accounts) {
        this.mirror = mirror;
        this.methods = methods;
        this.accounts = accounts;
    }

    @Override
    public boolean wants(String type) {
        return switch (type) {
            case "setup_intent.succeeded", "payment_method.attached", "payment_method.detached" -> true;
            default -> false;
        };
    }

    @Override
    public void on(StripeEvent event) {
        String customer = event.object().path("customer").asString(null);
        if (event.type().equals("payment_method.detached")) {
            if (methods.findById(event.objectId()).isPresent()) {
                mirror.follow(event.objectId());
            }
            return;
        }
        String card = event.type().startsWith("setup_intent.")
                ? event.object().path("payment_method").asString(null) : event.objectId();
        if (customer == null || accounts.findById(customer).isEmpty()
                || card != null && methods.find(customer, card).isPresent()) {
            return;
        }
        if (event.type().startsWith("setup_intent.")) {
            mirror.takeInSetup(event.objectId());
        } else {
            mirror.follow(event.objectId());
        }
    }
}
