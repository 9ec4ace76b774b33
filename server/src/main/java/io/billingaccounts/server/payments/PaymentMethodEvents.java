package io.billingaccounts.server.payments;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.stripe.StripeEvent;
import io.billingaccounts.server.stripe.StripeEventListener;

/**
 * Keeps the mirror of cards in line with Stripe's events about them, for cards saved without a list looking (a
 * browser that never came back) and cards detached in Stripe. Each event's object is looked up again, so repeated
 * or reordered events lead to the same result, and objects of customers that are not billing accounts are ignored.
 */
@Component
class PaymentMethodEvents implements StripeEventListener {

    private final PaymentMethodMirror mirror;

    PaymentMethodEvents(PaymentMethodMirror mirror) {
        this.mirror = mirror;
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
        if (event.type().startsWith("setup_intent.")) {
            mirror.takeInSetup(event.objectId());
        } else {
            mirror.follow(event.objectId());
        }
    }
}
