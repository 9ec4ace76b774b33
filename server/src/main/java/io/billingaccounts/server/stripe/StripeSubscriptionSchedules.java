package io.billingaccounts.server.stripe;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.stripe.StripeClient;
import com.stripe.model.SubscriptionSchedule;
import com.stripe.param.SubscriptionScheduleCreateParams;
import com.stripe.param.SubscriptionScheduleReleaseParams;
import com.stripe.param.SubscriptionScheduleUpdateParams;

/**
 * The subscription schedules that hold a decrease until the period's end: the current phase keeps today's items
 * until {@code current_period_end}, the next one takes over then, and the schedule lets the subscription go on its
 * own after it ({@code end_behavior: release}). Each Stripe call of one write has a key of its own, derived from
 * the write's, so that a retry of the write repeats none of them.
 */
@Component
public class StripeSubscriptionSchedules {

    private final StripeClient stripe;
    private final StripeCalls calls;

    StripeSubscriptionSchedules(StripeClient stripe, StripeCalls calls) {
        this.stripe = stripe;
        this.calls = calls;
    }

    /** A price and how many of it: one item of a phase. */
    public record PhaseItem(String priceId, long quantity) {
    }

    /** A schedule and when its current phase began: what its phases are set from. */
    public record ScheduleStart(String scheduleId, long currentPhaseStart) {
    }

    /** A schedule made from the subscription: one phase, today's items, until the period's end. */
    public ScheduleStart create(String subscriptionId, String idempotencyKey, Deadline deadline) {
        SubscriptionScheduleCreateParams create = SubscriptionScheduleCreateParams.builder()
                .setFromSubscription(subscriptionId).build();
        return start(calls.call(deadline, idempotencyKey + "/schedule",
                options -> stripe.v1().subscriptionSchedules().create(create, options)));
    }

    /** The schedule that manages a subscription already. */
    public ScheduleStart retrieve(String scheduleId, Deadline deadline) {
        return start(calls.call(deadline, null,
                options -> stripe.v1().subscriptionSchedules().retrieve(scheduleId, options)));
    }

    /**
     * Makes {@code later} take over from {@code now} at {@code periodEnd}. Answers what the schedule then makes
     * pending.
     */
    public Scheduled setPhases(ScheduleStart schedule, List<PhaseItem> now, List<PhaseItem> later, Instant periodEnd,
                               Map<String, String> lookupKeysByPrice, String idempotencyKey, Deadline deadline) {
        SubscriptionScheduleUpdateParams.Phase.Builder current = SubscriptionScheduleUpdateParams.Phase.builder()
                .setStartDate(schedule.currentPhaseStart()).setEndDate(periodEnd.getEpochSecond())
                .setProrationBehavior(SubscriptionScheduleUpdateParams.Phase.ProrationBehavior.NONE);
        now.forEach(item -> current.addItem(SubscriptionScheduleUpdateParams.Phase.Item.builder()
                .setPrice(item.priceId()).setQuantity(item.quantity()).build()));
        // The last phase lasts one period; then the schedule releases the subscription, which goes on as it is.
        SubscriptionScheduleUpdateParams.Phase.Builder next = SubscriptionScheduleUpdateParams.Phase.builder()
                .setProrationBehavior(SubscriptionScheduleUpdateParams.Phase.ProrationBehavior.NONE);
        later.forEach(item -> next.addItem(SubscriptionScheduleUpdateParams.Phase.Item.builder()
                .setPrice(item.priceId()).setQuantity(item.quantity()).build()));
        SubscriptionScheduleUpdateParams phases = SubscriptionScheduleUpdateParams.builder()
                .addPhase(current.build()).addPhase(next.build())
                .setEndBehavior(SubscriptionScheduleUpdateParams.EndBehavior.RELEASE).build();
        SubscriptionSchedule updated = calls.call(deadline, idempotencyKey + "/phases",
                options -> stripe.v1().subscriptionSchedules().update(schedule.scheduleId(), phases, options));
        return new Scheduled(updated.getId(), pendingOf(updated, periodEnd.getEpochSecond(), lookupKeysByPrice));
    }

    private static ScheduleStart start(SubscriptionSchedule schedule) {
        return new ScheduleStart(schedule.getId(), schedule.getCurrentPhase() != null
                ? schedule.getCurrentPhase().getStartDate() : schedule.getPhases().get(0).getStartDate());
    }

    /** Lets the subscription go on its own, as it is now: what the schedule held pending is dropped. */
    public void release(String scheduleId, String idempotencyKey, Deadline deadline) {
        SubscriptionScheduleReleaseParams params = SubscriptionScheduleReleaseParams.builder().build();
        calls.call(deadline, idempotencyKey + "/release",
                options -> stripe.v1().subscriptionSchedules().release(scheduleId, params, options));
    }

    /** A schedule and what it makes pending (null for nothing). */
    public record Scheduled(String scheduleId, SubscriptionSnapshot.Pending pending) {
    }

    /**
     * What the schedule changes at the start of the subscription's next period: the items of the first phase that
     * starts then or later; null when none does.
     */
    static SubscriptionSnapshot.Pending pendingOf(SubscriptionSchedule schedule, Long periodEnd,
                                                  Map<String, String> lookupKeysByPrice) {
        if (schedule == null || schedule.getPhases() == null || periodEnd == null
                || !List.of("active", "not_started").contains(schedule.getStatus())) {
            return null;
        }
        return schedule.getPhases().stream()
                .filter(phase -> phase.getStartDate() != null && phase.getStartDate() >= periodEnd)
                .min(Comparator.comparingLong(SubscriptionSchedule.Phase::getStartDate))
                .map(phase -> new SubscriptionSnapshot.Pending(phase.getItems().stream()
                        .map(item -> new SubscriptionSnapshot.ItemSnapshot(null, item.getPrice(),
                                lookupKeysByPrice.get(item.getPrice()),
                                item.getQuantity() == null ? 1 : item.getQuantity(), "month"))
                        .toList(), Instant.ofEpochSecond(phase.getStartDate())))
                .orElse(null);
    }
}
