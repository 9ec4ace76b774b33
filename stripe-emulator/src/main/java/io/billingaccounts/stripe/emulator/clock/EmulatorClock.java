package io.billingaccounts.stripe.emulator.clock;

import io.billingaccounts.stripe.emulator.api.EventingCommit;
import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.events.EventPublisher;
import io.billingaccounts.stripe.emulator.resources.Outcome;
import io.billingaccounts.stripe.emulator.resources.SubscriptionCycle;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.DataStore;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulated account's time, which the emulator owns: it starts at the {@code clock} option's time (the wall
 * clock unless a test gives another) and moves with it, plus however far it was advanced. The advance is kept
 * with the data (a restart keeps it; a wipe sets it back). Every {@code created} stamp, subscription period,
 * invoice date and idempotency key's life reads this time.
 *
 * <p>{@link #advance} moves it forward and runs, in time order, everything that falls due meanwhile (see
 * {@link SubscriptionCycle}): each thing due is committed on its own, at its own time, with its events and their
 * webhooks, as if the account had lived through the interval. The whole advance holds the data lock, so API
 * requests wait for it.
 */
public final class EmulatorClock {

    /** The most one advance may move the clock: ten years. */
    public static final Duration MAX_ADVANCE = Duration.ofDays(3650);

    private final DataStore store;
    private final EventingCommit eventingCommit;
    private final EventPublisher events;

    public EmulatorClock(DataStore store, EventingCommit eventingCommit, EventPublisher events) {
        this.store = store;
        this.eventingCommit = eventingCommit;
        this.events = events;
    }

    /** The account's time now. */
    public Instant now() {
        return store.clock().instant();
    }

    /**
     * Moves the clock forward and runs what falls due by the new time.
     *
     * @param by more than nothing, at most {@link #MAX_ADVANCE}
     * @return the time it moved from and to, and what ran, in order
     * @throws IllegalArgumentException for a zero, negative or too long duration
     */
    public ClockAdvance advance(Duration by) {
        if (by == null || by.isNegative() || by.isZero()) {
            throw new IllegalArgumentException("the clock only moves forward: give a positive duration, got " + by);
        }
        if (by.compareTo(MAX_ADVANCE) > 0) {
            throw new IllegalArgumentException("one advance moves the clock at most " + MAX_ADVANCE.toSeconds()
                    + " seconds (" + MAX_ADVANCE.toDays() + " days), got " + by.toSeconds());
        }
        List<EmulatorEvent> made = new ArrayList<>();
        ClockAdvance advance = store.write(transaction -> {
            EmulatorState state = transaction.state();
            Instant from = now();
            long until = from.plus(by).getEpochSecond();
            Set<SubscriptionCycle.Due> done = new HashSet<>();
            List<ClockAdvance.Ran> ran = new ArrayList<>();
            Optional<SubscriptionCycle.Due> due;
            while ((due = SubscriptionCycle.next(state, from.getEpochSecond(), until, done)).isPresent()) {
                done.add(due.get());
                Outcome outcome = SubscriptionCycle.run(due.get(), state);
                // Made by the account on its own, as Stripe's are: no request, no idempotency key.
                eventingCommit.commit(transaction, outcome.changes(), outcome.events(), null, null);
                made.addAll(outcome.events());
                ran.add(ran(due.get(), outcome));
            }
            transaction.commit(List.of(new Change.SetClockOffset(state.clockOffsetMillis() + by.toMillis())));
            return new ClockAdvance(from, now(), List.copyOf(ran));
        });
        events.publish(made);
        return advance;
    }

    private static ClockAdvance.Ran ran(SubscriptionCycle.Due due, Outcome outcome) {
        ObjectNode subscription = outcome.body();
        ObjectNode invoice = null;
        for (Change change : outcome.changes()) {
            if (change instanceof Change.PutObject put && put.object().get("object").asString().equals("invoice")) {
                invoice = put.object();
            }
        }
        return new ClockAdvance.Ran(Instant.ofEpochSecond(due.at()), due.kind().wireName(), due.subscriptionId(),
                subscription.get("status").asString(),
                invoice == null ? null : invoice.get("id").asString(),
                invoice == null ? null : invoice.get("status").asString(),
                outcome.events().stream().map(EmulatorEvent::type).toList());
    }
}
