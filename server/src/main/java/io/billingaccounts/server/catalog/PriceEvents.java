package io.billingaccounts.server.catalog;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.stripe.StripeEvent;
import io.billingaccounts.server.stripe.StripeEventListener;
import io.billingaccounts.server.stripe.StripePrices;

/**
 * Prices follow Stripe: a price made, changed or deactivated there (a lookup key moved to a new price) makes the
 * catalog be read afresh, so the next subscription is made of the price the lookup key names now.
 */
@Component
class PriceEvents implements StripeEventListener {

    private final StripePrices prices;

    PriceEvents(StripePrices prices) {
        this.prices = prices;
    }

    @Override
    public boolean wants(String type) {
        return type.startsWith("price.");
    }

    @Override
    public void on(StripeEvent event) {
        prices.forget();
    }
}
