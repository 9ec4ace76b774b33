package io.billingaccounts.server.stripe;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.stripe.StripeClient;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.param.CustomerPaymentMethodListParams;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.SetupIntentRetrieveParams;

/**
 * The setup intents and card payment methods of the Stripe customers behind billing accounts: every such call the
 * service makes to Stripe goes through here. The cards' default is the customer's, written by
 * {@link StripeCustomers#update}.
 */
@Component
public class StripePaymentMethods {

    private static final String CARD = "card";

    private final StripeClient stripe;
    private final StripeCalls calls;
    private final String publishableKey;

    StripePaymentMethods(StripeClient stripe, StripeCalls calls, StripeSettings settings,
                         ObjectProvider<StripeEndpoint> standIn) {
        this.stripe = stripe;
        this.calls = calls;
        StripeEndpoint endpoint = standIn.getIfAvailable();
        this.publishableKey = endpoint != null ? endpoint.publishableKey() : settings.publishableKey();
    }

    /** The key a browser confirms a setup intent with (Stripe.js): the configured one, or the stand-in's own. */
    public String publishableKey() {
        return publishableKey;
    }

    /**
     * The create of a setup intent for saving a card of {@code customerId} for later charges; every try carries the
     * write's Idempotency-Key, so it can never create a second one.
     */
    public StripeCreate<SetupIntentSnapshot> createSetupIntent(String customerId, Map<String, String> metadata) {
        SetupIntentCreateParams params = SetupIntentCreateParams.builder()
                .setCustomer(customerId)
                .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                .addPaymentMethodType(CARD)
                .putAllMetadata(metadata)
                .build();
        return calls.create("/v1/setup_intents", params,
                requestOptions -> snapshot(stripe.v1().setupIntents().create(params, requestOptions)));
    }

    /** What a create answered: how recovery takes in a create it replayed. */
    public SetupIntentSnapshot setupIntentFromAnswer(String json) {
        return snapshot(StripeCalls.model(json, SetupIntent.class));
    }

    /** The setup intent with the card it was confirmed with; empty when Stripe does not have it. */
    public Optional<SetupIntentSnapshot> retrieveSetupIntent(String setupIntentId, Deadline deadline) {
        SetupIntentRetrieveParams params = SetupIntentRetrieveParams.builder().addExpand("payment_method").build();
        return calls.find(deadline, options -> stripe.v1().setupIntents().retrieve(setupIntentId, params, options))
                .map(StripePaymentMethods::snapshot);
    }

    /** The customer's cards, at most 100 (a billing account holds a handful). */
    public List<CardSnapshot> listCards(String customerId, Deadline deadline) {
        CustomerPaymentMethodListParams params = CustomerPaymentMethodListParams.builder()
                .setType(CustomerPaymentMethodListParams.Type.CARD)
                .setLimit(100L)
                .build();
        return calls.call(deadline, null,
                        options -> stripe.v1().customers().paymentMethods().list(customerId, params, options))
                .getData().stream().map(StripePaymentMethods::card).toList();
    }

    /** The payment method as Stripe holds it now; empty when Stripe does not have it or it is not a card. */
    public Optional<CardSnapshot> retrieve(String paymentMethodId, Deadline deadline) {
        return calls.find(deadline, options -> stripe.v1().paymentMethods().retrieve(paymentMethodId, options))
                .filter(method -> CARD.equals(method.getType())).map(StripePaymentMethods::card);
    }

    /**
     * Detaches the payment method from its customer; Stripe then clears the customer's default if it was this one.
     * Every try carries {@code idempotencyKey}: a detached payment method cannot be detached again, so Stripe
     * would refuse a plain repeat; recovery looks before it detaches.
     */
    public void detach(String paymentMethodId, String idempotencyKey, Deadline deadline) {
        calls.call(deadline, idempotencyKey,
                options -> stripe.v1().paymentMethods().detach(paymentMethodId, options));
    }

    private static SetupIntentSnapshot snapshot(SetupIntent intent) {
        PaymentMethod method = intent.getPaymentMethodObject();
        CardSnapshot card = method != null && CARD.equals(method.getType()) ? card(method) : null;
        return new SetupIntentSnapshot(intent.getId(), intent.getCustomer(), intent.getStatus(),
                intent.getClientSecret(), card);
    }

    private static CardSnapshot card(PaymentMethod method) {
        PaymentMethod.Card card = method.getCard();
        String name = method.getBillingDetails() == null ? null : method.getBillingDetails().getName();
        return new CardSnapshot(method.getId(), method.getCustomer(), card.getBrand(), card.getLast4(),
                card.getExpMonth().intValue(), card.getExpYear().intValue(),
                name == null || name.isBlank() ? null : name);
    }
}
