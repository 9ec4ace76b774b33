package io.billingaccounts.server.stripe;

/**
 * A setup intent as Stripe holds it now: its status ({@code requires_payment_method}, {@code succeeded},
 * {@code canceled}, ...) and, once confirmed with a card, that card ({@code card} is null otherwise).
 */
public record SetupIntentSnapshot(String id, String customerId, String status, String clientSecret,
                                  CardSnapshot card) {

    public boolean succeeded() {
        return "succeeded".equals(status);
    }

    public boolean canceled() {
        return "canceled".equals(status);
    }
}
