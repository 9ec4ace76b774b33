package io.billingaccounts.server.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.store.CreateIntentRow;
import io.billingaccounts.server.store.CreateIntentStore;
import io.billingaccounts.server.stripe.StripeCustomers;
import io.billingaccounts.server.stripe.StripeFailure;
import io.billingaccounts.server.workspace.Timestamps;

/**
 * Resolves creates that were interrupted between Stripe and the database (Stripe failing ambiguously, or the
 * server dying). Their callers were never told of success, so any customer Stripe made for them is deleted: no
 * orphan survives, and the place the create reserved is freed. Each intent is claimed first, so that of several
 * instances only one works on it.
 */
@Component
public class CreateRecovery {

    private static final Logger log = LoggerFactory.getLogger(CreateRecovery.class);

    private final CreateIntentStore intents;
    private final StripeCustomers stripe;
    private final Clock clock;
    private final Duration settleTime;

    public CreateRecovery(CreateIntentStore intents, StripeCustomers stripe, Clock clock,
                          @Value("${billing.recovery.settle-time}") Duration settleTime) {
        this.intents = intents;
        this.stripe = stripe;
        this.clock = clock;
        this.settleTime = settleTime;
    }

    @Scheduled(initialDelayString = "${billing.recovery.initial-delay}",
            fixedDelayString = "${billing.recovery.interval}")
    public void recover() {
        OffsetDateTime now = Timestamps.now(clock);
        for (CreateIntentRow intent : intents.olderThan(now.minus(settleTime))) {
            if (!intents.claim(intent.id(), now, now.plus(settleTime))) {
                continue;
            }
            try {
                for (String customerId : stripe.findByMetadata(BillingAccountService.INTENT_METADATA, intent.id())) {
                    stripe.delete(customerId);
                    log.info("Deleted Stripe customer {} of an interrupted create in workspace {}", customerId,
                            intent.workspaceId());
                }
                intents.delete(intent.id());
            } catch (StripeFailure stillFailing) {
                log.warn("Stripe still failing; the interrupted create {} will be resolved later", intent.id());
                return;
            }
        }
    }
}
