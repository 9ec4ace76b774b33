package io.billingaccounts.server.payments;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.stripe.SetupIntentSnapshot;
import io.billingaccounts.server.stripe.StripeEvent;
import io.billingaccounts.server.stripe.StripeEventListener;
import io.billingaccounts.server.stripe.StripePaymentMethods;

/**
 * Keeps the mirror of cards in line with Stripe's events about them, for cards saved without a list looking (a
 * browser that never came back) and cards detached in Stripe. Each event names the card and how to read it afresh;
 * {@link PaymentMethodMirror} takes it in through the one refresh step, so an event showing what the mirror holds
 * costs nothing and repeated or reordered events lead to the same result.
 */
@Component
class PaymentMethodEvents implements StripeEventListener {

    private final PaymentMethodMirror mirror;
    private final StripePaymentMethods stripe;

    PaymentMethodEvents(PaymentMethodMirror mirror, StripePaymentMethods stripe) {
        this.mirror = mirror;
        this.stripe = stripe;
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
        String id = event.objectId();
        switch (event.type()) {
            case "payment_method.detached" -> mirror.forgetDetached(event);
            case "payment_method.attached" -> mirror.takeIn(event, id, deadline -> stripe.retrieve(id, deadline));
            default -> {
                mirror.takeIn(event, event.object().path("payment_method").asString(null),
                        deadline -> stripe.retrieveSetupIntent(id, deadline).filter(SetupIntentSnapshot::succeeded)
                                .map(SetupIntentSnapshot::card));
                mirror.closeSetup(id);
            }
        }
    }
}
