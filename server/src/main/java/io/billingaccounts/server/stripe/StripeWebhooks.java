package io.billingaccounts.server.stripe;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;

import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Stripe's webhook calls: checks the signature with the endpoint's secret (the configured one, or the
 * embedded stand-in's own) and hands the event to {@link StripeEvents}. Counts what it received and rejected
 * ({@code stripe.webhooks}); a rejected signature is logged too, at most once a minute, since a misconfigured
 * endpoint or an attacker may send many.
 */
@Component
public class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);
    private static final Duration REJECTIONS_LOGGED_EVERY = Duration.ofMinutes(1);

    private final String secret;
    private final JsonMapper json;
    private final StripeEvents events;
    private final Counter received;
    private final Counter rejected;
    private final AtomicLong lastRejectionLogged = new AtomicLong(Long.MIN_VALUE);

    public StripeWebhooks(StripeSettings settings, ObjectProvider<StripeEndpoint> standIn, JsonMapper json,
                          StripeEvents events, MeterRegistry meters) {
        StripeEndpoint endpoint = standIn.getIfAvailable();
        this.secret = endpoint != null ? endpoint.webhookSecret() : settings.webhookSecret();
        this.json = json;
        this.events = events;
        this.received = Counter.builder("stripe.webhooks").tag("result", "received").register(meters);
        this.rejected = Counter.builder("stripe.webhooks").tag("result", "rejected").register(meters);
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
            rejected.increment();
            logRejection(e);
            throw Problem.invalid(List.of(new FieldViolation("Stripe-Signature", "invalid_signature",
                    "does not sign this payload with the endpoint's secret")));
        }
        received.increment();
        events.apply(event, "webhook");
    }

    private void logRejection(Exception e) {
        long now = System.nanoTime();
        long last = lastRejectionLogged.get();
        if ((last == Long.MIN_VALUE || now - last >= REJECTIONS_LOGGED_EVERY.toNanos())
                && lastRejectionLogged.compareAndSet(last, now)) {
            log.warn("Rejected a webhook call whose signature does not match STRIPE_WEBHOOK_SECRET ({}); further"
                    + " rejections are counted (stripe.webhooks, result=rejected) and logged once a minute",
                    e.getMessage());
        }
    }
}
