package io.billingaccounts.server.stripe;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.stripe.exception.SignatureVerificationException;
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

    /** The signature is checked on the payload as sent; the payload is then read once, as a tree. */
    public void receive(String payload, String signature) {
        JsonNode event;
        try {
            Webhook.Signature.verifyHeader(payload, signature, secret, Webhook.DEFAULT_TOLERANCE);
            event = json.readTree(payload);
        } catch (SignatureVerificationException | RuntimeException e) {
            throw Problem.invalid(List.of(new FieldViolation("Stripe-Signature", "invalid_signature",
                    "does not sign this payload with the endpoint's secret")));
        }
        JsonNode object = event.path("data").path("object");
        StripeEvent received = new StripeEvent(event.path("type").asString(), object.path("id").asString(), object,
                event.path("request").path("idempotency_key").asString(null));
        for (StripeEventListener listener : listeners) {
            if (listener.wants(received.type())) {
                listener.on(received);
            }
        }
    }
}
