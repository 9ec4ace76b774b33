package io.billingaccounts.server.catchup;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.store.EventCheckpointStore;
import io.billingaccounts.server.stripe.StripeEventLog;
import io.billingaccounts.server.stripe.StripeEventSettings;
import io.billingaccounts.server.stripe.StripeEvents;
import io.billingaccounts.server.stripe.StripeSettings;
import tools.jackson.databind.JsonNode;

/**
 * The mirror's way back to Stripe when webhooks do not come (a wrong endpoint, a secret that does not match, an
 * outage): at start-up and every {@code stripe.events.catch-up-interval}, Stripe's events since the checkpoint are
 * applied through the same step as a webhook ({@link StripeEvents}); the echo of the service's own writes, and an
 * event a webhook already brought, cost nothing there. The checkpoint moves only past events applied, so a failure
 * leaves the rest for the next round. It starts at the first start-up: what happened before, the mirror was made
 * from.
 */
@Component
public class EventCatchUp {

    private static final Logger log = LoggerFactory.getLogger(EventCatchUp.class);
    /** Read again each round: Stripe may list an event a moment after a later one, within the same seconds. */
    private static final Duration OVERLAP = Duration.ofMinutes(1);

    private final StripeEventLog stripe;
    private final StripeEvents events;
    private final EventCheckpointStore checkpoint;
    private final StripeSettings settings;
    private final StripeEventSettings pace;
    private final Clock clock;

    EventCatchUp(StripeEventLog stripe, StripeEvents events, EventCheckpointStore checkpoint, StripeSettings settings,
                 StripeEventSettings pace, Clock clock) {
        this.stripe = stripe;
        this.events = events;
        this.checkpoint = checkpoint;
        this.settings = settings;
        this.pace = pace;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        catchUp();
    }

    @Scheduled(initialDelayString = "${stripe.events.catch-up-interval}",
            fixedDelayString = "${stripe.events.catch-up-interval}")
    public void catchUp() {
        long from = checkpoint.created().orElse(-1);
        if (from < 0) {
            checkpoint.advance(clock.instant().getEpochSecond());
            return;
        }
        try {
            List<JsonNode> since = stripe.since(from - OVERLAP.toSeconds(), settings.deadline());
            for (JsonNode event : since) {
                events.apply(event, "catch_up");
                checkpoint.advance(event.path("created").asLong());
            }
            if (!since.isEmpty()) {
                log.debug("Caught up on {} Stripe events", since.size());
            }
        } catch (RuntimeException stillFailing) {
            // Stripe failing, or an object kept busy: never the start-up's end; the next round goes on from here.
            log.warn("Stripe's events could not be read or applied; catching up again in {}: {}",
                    pace.catchUpInterval(), stillFailing.getMessage());
        }
    }
}
