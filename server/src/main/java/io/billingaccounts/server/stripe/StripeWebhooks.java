package io.billingaccounts.server.stripe;

import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;

import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Problem;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Stripe's webhook calls: checks the signature with the endpoint's secret and names the customer an event is
 * about. Only the customer's id is taken from the event: events may arrive twice or out of order, so what they
 * say is looked up again rather than trusted.
 */
@Component
public class StripeWebhooks {

    private static final Set<String> CUSTOMER_EVENTS = Set.of("customer.updated", "customer.deleted");

    private final StripeSettings settings;
    private final JsonMapper json;

    public StripeWebhooks(StripeSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    public boolean enabled() {
        return settings.webhookSecret() != null && !settings.webhookSecret().isBlank();
    }

    /** The customer whose state may have drifted, if this event is about one. */
    public Optional<String> customerOf(String payload, String signature) {
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, settings.webhookSecret());
        } catch (SignatureVerificationException | RuntimeException e) {
            throw Problem.invalid(java.util.List.of(new FieldViolation("Stripe-Signature", "invalid_signature",
                    "does not sign this payload with the endpoint's secret")));
        }
        if (!CUSTOMER_EVENTS.contains(event.getType())) {
            return Optional.empty();
        }
        // The raw object, not stripe-java's typed one: events of another API version may not deserialize.
        return Optional.of(json.readTree(payload).path("data").path("object").path("id").asString());
    }
}
