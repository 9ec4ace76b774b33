package io.billingaccounts.server.writes;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.store.IdempotencyKeys;
import io.billingaccounts.server.store.PendingWriteRow;
import io.billingaccounts.server.store.PendingWriteStore;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.ReplayableRequest;
import io.billingaccounts.server.stripe.StripeFailure;
import io.billingaccounts.server.stripe.StripeReplays;
import io.billingaccounts.server.stripe.StripeSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one recovery of every resource's unfinished writes, and its one retry policy: a write whose holder let its
 * lease run out (a crash, an ambiguous Stripe failure) is taken over, holding its object's turn for another
 * lease, and finished: a create by sending its kept request again with its Idempotency-Key and taking in what
 * Stripe made (never Stripe's Search, which lags), anything else by its resource's {@link WriteRecoverer}. A write
 * is ended only once its outcome is known: if Stripe fails again, the lease runs out again
 * and the next round, or the next writer of the object, tries again. A takeover is conditional, so of several
 * instances only one works on a write.
 */
@Component
public class RecoveryLoop {

    private static final Logger log = LoggerFactory.getLogger(RecoveryLoop.class);
    private static final int BATCH = 100;
    // Stripe answers a replayed Idempotency-Key for 24 hours; an hour less leaves room for clocks and retries.
    private static final Duration REPLAY_WINDOW = Duration.ofHours(23);

    private final PendingWriteStore pending;
    private final IdempotencyKeys idempotency;
    private final MeterRegistry meters;
    private final StripeReplays replays;
    private final TransactionTemplate transaction;
    private final Map<String, WriteRecoverer> recoverers;
    private final WriteSettings settings;
    private final StripeSettings stripe;
    private final Clock clock;

    public RecoveryLoop(PendingWriteStore pending, IdempotencyKeys idempotency, StripeReplays replays,
                        TransactionTemplate transaction, List<WriteRecoverer> recoverers, WriteSettings settings,
                        StripeSettings stripe, Clock clock, MeterRegistry meters) {
        this.pending = pending;
        this.idempotency = idempotency;
        this.meters = meters;
        Gauge.builder("billing.writes.pending", pending, PendingWriteStore::count)
                .description("Writes to Stripe under way or unfinished, across instances").register(meters);
        this.replays = replays;
        this.transaction = transaction;
        this.recoverers = recoverers.stream().collect(Collectors.toMap(WriteRecoverer::resource,
                Function.identity()));
        this.settings = settings;
        this.stripe = stripe;
        this.clock = clock;
    }

    /** Stops at the first write Stripe still fails: the rest would most likely fail the same way. */
    @Scheduled(initialDelayString = "${billing.recovery.initial-delay}",
            fixedDelayString = "${billing.recovery.interval}")
    public void recoverExpired() {
        try {
            for (PendingWriteRow write : pending.expired(Timestamps.now(clock), BATCH)) {
                recover(write);
            }
        } catch (StripeFailure stillFailing) {
            log.warn("Stripe still failing; unfinished writes will be recovered later: {}", stillFailing.getMessage());
        }
    }

    /**
     * Takes over and resolves one expired write; false when somebody else took it first. A {@link StripeFailure}
     * leaves it to run out its new lease and be tried again.
     */
    boolean recover(PendingWriteRow write) {
        OffsetDateTime now = Timestamps.now(clock);
        String holder = UUID.randomUUID().toString();
        if (!pending.takeOver(write, holder, now, now.plus(settings.settleTime()))) {
            return false;
        }
        WriteRecoverer recoverer = recoverers.get(write.resource());
        Deadline deadline = Deadline.in(stripe.deadline());
        if (write.isCreate() && write.createdAt().isAfter(now.minus(REPLAY_WINDOW))) {
            // Without a request kept (a create recorded before its request was, by an earlier version of the
            // service), the create was never sent: there is nothing to learn.
            Optional<String> made = write.stripeRequest() == null ? Optional.empty()
                    : replays.replay(ReplayableRequest.decode(write.stripeRequest()), write.id(), deadline);
            transaction.executeWithoutResult(status -> {
                made.ifPresent(answer -> {
                    recoverer.adopt(write, answer);
                    idempotency.settled(write, null);
                });
                pending.delete(write.id(), holder);
            });
            log.info("Recovered the unfinished create {} of {} in {}: {}", write.id(), write.resource(),
                    write.scopeId(), made.isPresent() ? "took in what Stripe made" : "Stripe made nothing");
            recovered(write);
            return true;
        }
        recoverer.recover(write, "recovery-" + holder, deadline);
        pending.delete(write.id(), holder);
        log.info("Recovered the unfinished {} of {} {}", write.kind(), write.resource(), write.objectId());
        recovered(write);
        return true;
    }

    private void recovered(PendingWriteRow write) {
        Counter.builder("billing.writes.recovered").tag("resource", write.resource()).tag("kind", write.kind())
                .register(meters).increment();
    }
}
