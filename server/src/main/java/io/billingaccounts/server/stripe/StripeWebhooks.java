package io.billingaccounts.server.stripe;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;

import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Problem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Stripe's webhook calls: checks the signature with the endpoint's secret (the configured one, or the
 * embedded stand-in's own) and hands the event to every {@link StripeEventListener} that wants its type.
 */
@Component
public class StripeWebhooks {

    private final String secret;
    private final JsonMapper json;
    private final List<StripeEventListener> listeners;

    public StripeWebhooks(StripeSettings settings, ObjectProvider<StripeEndpoint> standIn, JsonMapper json,
                          List<StripeEventListener> listeners) {
        StripeEndpoint endpoint = standIn.getIfAvailable();
        this.secret = endpoint != null ? endpoint.webhookSecret() : settings.webhookSecret();
        this.json = json;
        this.listeners = listeners;
    }

    public boolean enabled() {
        return secret != null && !secret.isBlank();
    }

    public void receive(String payload, String signature) {
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, secret);
        } catch (SignatureVerificationException | RuntimeException e) {
            throw Problem.invalid(List.of(new FieldViolation("Stripe-Signature", "invalid_signature",
                    "does not sign this payload with the endpoint's secret")));
        }
        JsonNode tree = json.readTree(payload);
        JsonNode object = tree.path("data").path("object");
        StripeEvent received = new StripeEvent(event.getType(), object.path("id").asString(), object,
                tree.path("request").path("idempotency_key").asString(null));
        for (StripeEventListener listener : listeners) {
            if (listener.wants(received.type())) {
                listener.on(received);
            }
        }
    }
}
