package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a subscription's schedule does as the emulator's clock reaches the end of its current phase, as Stripe does
 * it: the next phase starts, giving the subscription its items ({@code customer.subscription.updated} when they
 * change) and making the schedule's {@code current_phase} that phase ({@code subscription_schedule.updated}). A
 * phase that starts at the period's end (as one made {@code from_subscription} ends) changes nothing billed before:
 * the renewal at that same second bills the new items, and nothing is prorated; one that starts within a period is
 * prorated as its {@code proration_behavior} says. After the last phase, {@code end_behavior: release} releases the
 * subscription ({@code subscription_schedule.released}; it goes on alone) and {@code cancel} cancels it
 * ({@code customer.subscription.deleted}, {@code subscription_schedule.completed}).
 */
final class ScheduleCycle {

    private static final ParamNode.Branch NO_PARAMS = new ParamNode.Branch();

    private ScheduleCycle() {
    }

    /** When the subscription's schedule ends its current phase, or null when it has no schedule running. */
    static Long phaseEnd(ObjectNode subscription, EmulatorState state) {
        ObjectNode schedule = scheduleOf(subscription, state);
        if (schedule == null || !SubscriptionScheduleDocument.isLive(schedule)) {
            return null;
        }
        return schedule.get("current_phase").get("end_date").asLong();
    }

    /**
     * Ends the current phase of the subscription's schedule; the outcome's body is the subscription as it leaves it.
     */
    static Outcome endPhase(ObjectNode subscription, EmulatorState state, long at) {
        ObjectNode schedule = scheduleOf(subscription, state);
        int next = SubscriptionScheduleDocument.currentPhaseIndex(schedule) + 1;
        if (next < schedule.get("phases").size()) {
            ObjectNode entered = SubscriptionScheduleDocument.entering(schedule, next);
            JsonNode phase = entered.get("phases").get(next);
            Outcome moved = enterPhase(subscription, phase, phase.get("proration_behavior").asString(), state, at);
            return withSchedule(entered, new EmulatorEvent("subscription_schedule.updated", entered,
                    PreviousAttributes.between(schedule, entered), at), moved, moved.body());
        }
        if (schedule.get("end_behavior").asString().equals("cancel")) {
            ObjectNode completed = SubscriptionScheduleDocument.completed(schedule, at);
            ObjectNode canceled = SubscriptionDocument.cancel(subscription, at, null);
            Outcome ended = Outcome.committed(canceled, List.of(new Change.PutSubscription(canceled)),
                    List.of(new EmulatorEvent("customer.subscription.deleted", canceled, null, at)));
            return withSchedule(completed, new EmulatorEvent("subscription_schedule.completed", completed, null, at),
                    ended, canceled);
        }
        ObjectNode released = SubscriptionScheduleDocument.released(schedule, at);
        Outcome alone = released(subscription, state, at);
        return withSchedule(released, new EmulatorEvent("subscription_schedule.released", released, null, at), alone,
                alone.body());
    }

    /**
     * What the subscription's schedule makes of its next period, for a preview of the period's invoice: the items of
     * the phase that starts at the current period's end (or before it); null when the schedule cancels the
     * subscription by then.
     *
     * @param renewed the subscription in its next period, as it is now
     */
    static ObjectNode forNextPeriod(ObjectNode subscription, ObjectNode renewed, EmulatorState state, long now) {
        Long phaseEnd = phaseEnd(subscription, state);
        if (phaseEnd == null || phaseEnd > SubscriptionDocument.currentPeriodEnd(subscription)) {
            return renewed;
        }
        ObjectNode schedule = scheduleOf(subscription, state);
        int next = SubscriptionScheduleDocument.currentPhaseIndex(schedule) + 1;
        if (next < schedule.get("phases").size()) {
            return SubscriptionDocument.withPhaseItems(renewed,
                    SchedulePhases.subscriptionItems(schedule.get("phases").get(next), subscription, state, now), now);
        }
        return schedule.get("end_behavior").asString().equals("cancel") ? null : renewed;
    }

    /**
     * Gives the subscription the items of the phase, prorating the change when it falls within its period.
     *
     * @param prorationBehavior Stripe's {@code proration_behavior} for the change
     */
    static Outcome enterPhase(ObjectNode subscription, JsonNode phase, String prorationBehavior, EmulatorState state,
            long at) {
        ObjectNode moved = SubscriptionDocument.withPhaseItems(subscription,
                SchedulePhases.subscriptionItems(phase, subscription, state, at), at);
        return SubscriptionOperations.billed(subscription, moved, (changed, ledger) -> ProratedChange.bill(subscription,
                changed, prorationBehavior, at, "allow_incomplete", ledger), NO_PARAMS, state, at);
    }

    /** The subscription, its schedule released, going on alone. */
    static Outcome released(ObjectNode subscription, EmulatorState state, long at) {
        return SubscriptionOperations.changed(subscription, subscription.deepCopy().putNull("schedule"),
                new ArrayList<>(), new ArrayList<>(), NO_PARAMS, state, at);
    }

    /**
     * The outcome of a change to a schedule together with the change it made to its subscription: the schedule's
     * event, if any, first.
     */
    static Outcome withSchedule(ObjectNode schedule, EmulatorEvent scheduleEvent, Outcome subscription,
            ObjectNode body) {
        List<Change> changes = new ArrayList<>();
        changes.add(new Change.PutObject(schedule));
        changes.addAll(subscription.changes());
        List<EmulatorEvent> events = new ArrayList<>();
        if (scheduleEvent != null) {
            events.add(scheduleEvent);
        }
        events.addAll(subscription.events());
        return Outcome.committed(body, changes, events);
    }

    /**
     * When a subscription on a schedule is canceled (deleted, at {@code cancel_at}, with its customer), its
     * schedule is canceled with it.
     */
    static void cancelWith(ObjectNode subscription, EmulatorState state, long at, List<Change> changes,
            List<EmulatorEvent> events) {
        ObjectNode schedule = scheduleOf(subscription, state);
        if (schedule != null && SubscriptionScheduleDocument.isLive(schedule)) {
            ObjectNode canceled = SubscriptionScheduleDocument.canceled(schedule, at);
            changes.add(new Change.PutObject(canceled));
            events.add(new EmulatorEvent("subscription_schedule.canceled", canceled, null, at));
        }
    }

    private static ObjectNode scheduleOf(ObjectNode subscription, EmulatorState state) {
        String id = subscription.path("schedule").asString(null);
        return id == null ? null : state.object(SubscriptionScheduleDocument.KIND, id);
    }
}
