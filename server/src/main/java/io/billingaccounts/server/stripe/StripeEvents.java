package io.billingaccounts.server.stripe;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The one way a Stripe event reaches the mirror, whether a webhook brought it or catch-up read it: every
 * {@link StripeEventListener} that wants its type gets it. Counts what it applied by source, and keeps the age of
 * the newest event applied ({@code stripe.events.lag}): how far behind Stripe the mirror may be.
 */
@Component
public class StripeEvents {

    private final List<StripeEventListener> listeners;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicLong newestCreated = new AtomicLong();

    StripeEvents(List<StripeEventListener> listeners, MeterRegistry meters, Clock clock) {
        this.listeners = listeners;
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("stripe.events.lag", this, StripeEvents::lagSeconds)
                .description("Seconds since the newest Stripe event applied was created").baseUnit("seconds")
                .register(meters);
    }

    /** {@code source}: {@code webhook} or {@code catch_up}. Listeners' failures pass through: the event is retried. */
    public void apply(JsonNode event, String source) {
        JsonNode object = event.path("data").path("object");
        StripeEvent received = new StripeEvent(event.path("type").asString(), object.path("id").asString(), object,
                event.path("request").path("idempotency_key").asString(null));
        for (StripeEventListener listener : listeners) {
            if (listener.wants(received.type())) {
                listener.on(received);
            }
        }
        newestCreated.accumulateAndGet(event.path("created").asLong(), Math::max);
        Counter.builder("stripe.events.applied").tag("source", source).register(meters).increment();
    }

    private double lagSeconds() {
        long newest = newestCreated.get();
        return newest == 0 ? Double.NaN : Math.max(0, clock.instant().getEpochSecond() - newest);
    }
}
