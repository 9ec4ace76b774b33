package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a subscription does on its own as the emulator's clock passes, as Stripe does it:
 * <ul>
 *   <li>three days before a trial ends, {@code customer.subscription.trial_will_end};</li>
 *   <li>at {@code pause_collection.resumes_at}, collection resumes ({@code pause_collection} is cleared);</li>
 *   <li>at {@code cancel_at} (set by {@code cancel_at_period_end} to the period's end), it is canceled
 *       ({@code customer.subscription.deleted});</li>
 *   <li>at {@code trial_end}, a new period starts and is billed to the default payment method; without one,
 *       {@code trial_settings.end_behavior.missing_payment_method} decides: {@code pause} makes it {@code paused}
 *       with no invoice, {@code cancel} cancels it, {@code create_invoice} bills it, leaving it {@code past_due}
 *       with the invoice open;</li>
 *   <li>at {@code current_period_end}, the next period starts and is billed, with the prorations pending for it:
 *       paid, or {@code past_due} with the invoice open when the payment fails; while {@code pause_collection} is
 *       set its invoice is left a draft, voided or marked uncollectible and the status stays;</li>
 *   <li>at the end of its schedule's current phase, the next phase starts or the schedule ends (see
 *       {@link ScheduleCycle}).</li>
 * </ul>
 * Only {@code trialing}, {@code active} and {@code past_due} subscriptions have anything due. Failed payments are
 * not retried.
 */
public final class SubscriptionCycle {

    /** How long before a trial's end Stripe tells of it. */
    static final long TRIAL_WILL_END_NOTICE = 3 * 86_400;

    private static final Set<String> RUNNING = Set.of("trialing", "active", "past_due");
    private static final ParamNode.Branch NO_PARAMS = new ParamNode.Branch();

    /** What falls due, named as it is once it ran, in the order things due at the same second run. */
    public enum Kind {
        TRIAL_WILL_END,
        COLLECTION_RESUMED,
        // Before a renewal at the same second: a phase that ends with the period gives the renewal its items.
        PHASE_ENDED,
        CANCELED,
        TRIAL_ENDED,
        RENEWED;

        /** How the control API names it. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @param at epoch seconds */
    public record Due(long at, String subscriptionId, Kind kind) {
    }

    private SubscriptionCycle() {
    }

    /**
     * The earliest thing due by {@code until} (subscriptions made first go first at the same second), but those
     * in {@code done}.
     *
     * @param from when the clock started moving: a trial's notice is given only when it falls after this
     */
    public static Optional<Due> next(EmulatorState state, long from, long until, Set<Due> done) {
        List<ObjectNode> oldestFirst = new ArrayList<>(state.subscriptionsNewestFirst());
        Collections.reverse(oldestFirst);
        Due earliest = null;
        for (ObjectNode subscription : oldestFirst) {
            for (Due due : dues(subscription, from, state)) {
                if (due.at() <= until && !done.contains(due) && (earliest == null || due.at() < earliest.at()
                        || due.at() == earliest.at() && due.kind().ordinal() < earliest.kind().ordinal())) {
                    earliest = due;
                }
            }
        }
        return Optional.ofNullable(earliest);
    }

    /** Runs what is due, at its time; the outcome's body is the subscription as it leaves it. */
    public static Outcome run(Due due, EmulatorState state) {
        ObjectNode current = state.subscription(due.subscriptionId());
        long at = due.at();
        return switch (due.kind()) {
            case TRIAL_WILL_END -> new Outcome(200, current, List.of(),
                    List.of(new EmulatorEvent("customer.subscription.trial_will_end", current, null, at)));
            case COLLECTION_RESUMED -> SubscriptionOperations.changed(current,
                    current.deepCopy().putNull("pause_collection"), new ArrayList<>(), new ArrayList<>(), NO_PARAMS,
                    state, at);
            case PHASE_ENDED -> ScheduleCycle.endPhase(current, state, at);
            case CANCELED -> cancel(current, state, at);
            case TRIAL_ENDED -> endTrial(current, state, at);
            case RENEWED -> renew(current, state, at);
        };
    }

    private static List<Due> dues(ObjectNode subscription, long from, EmulatorState state) {
        String status = subscription.get("status").asString();
        if (!RUNNING.contains(status)) {
            return List.of();
        }
        String id = subscription.get("id").asString();
        long periodEnd = SubscriptionDocument.currentPeriodEnd(subscription);
        boolean trialing = status.equals("trialing");
        List<Due> dues = new ArrayList<>();
        if (trialing) {
            long notice = subscription.get("trial_end").asLong() - TRIAL_WILL_END_NOTICE;
            if (notice > from) {
                dues.add(new Due(notice, id, Kind.TRIAL_WILL_END));
            }
        }
        JsonNode resumesAt = subscription.path("pause_collection").path("resumes_at");
        if (resumesAt.isNumber()) {
            dues.add(new Due(resumesAt.asLong(), id, Kind.COLLECTION_RESUMED));
        }
        Long phaseEnd = ScheduleCycle.phaseEnd(subscription, state);
        if (phaseEnd != null) {
            dues.add(new Due(phaseEnd, id, Kind.PHASE_ENDED));
        }
        if (SubscriptionDocument.cancelsByPeriodEnd(subscription)) {
            dues.add(new Due(subscription.get("cancel_at").asLong(), id, Kind.CANCELED));
        } else {
            dues.add(new Due(periodEnd, id, trialing ? Kind.TRIAL_ENDED : Kind.RENEWED));
        }
        return dues;
    }

    private static Outcome cancel(ObjectNode current, EmulatorState state, long at) {
        ObjectNode canceled = SubscriptionDocument.cancel(current, at, null);
        List<Change> changes = new ArrayList<>(List.of(new Change.PutSubscription(canceled)));
        List<EmulatorEvent> events = new ArrayList<>(List.of(
                new EmulatorEvent("customer.subscription.deleted", canceled, null, at)));
        ScheduleCycle.cancelWith(current, state, at, changes, events);
        return Outcome.committed(canceled, changes, events);
    }

    private static Outcome endTrial(ObjectNode current, EmulatorState state, long at) {
        ObjectNode customer = state.customer(current.get("customer").asString());
        if (customer == null) {
            return cancel(current, state, at);
        }
        if (!Invoicing.hasPaymentMethod(current, customer, state)) {
            String missing = current.at("/trial_settings/end_behavior/missing_payment_method").asString("create_invoice");
            if (missing.equals("pause")) {
                return SubscriptionOperations.changed(current, current.deepCopy().put("status", "paused"),
                        new ArrayList<>(), new ArrayList<>(), NO_PARAMS, state, at);
            }
            if (missing.equals("cancel")) {
                return cancel(current, state, at);
            }
        }
        ObjectNode started = SubscriptionDocument.newPeriod(current, at).put("status", "active");
        return SubscriptionOperations.billed(current, started, SubscriptionOperations::billCycle, NO_PARAMS, state, at);
    }

    private static Outcome renew(ObjectNode current, EmulatorState state, long at) {
        ObjectNode renewed = SubscriptionDocument.nextPeriod(current);
        JsonNode pause = current.get("pause_collection");
        if (pause.isObject()) {
            String behavior = pause.get("behavior").asString();
            return SubscriptionOperations.billed(current, renewed,
                    (subscription, ledger) -> Invoicing.billWithCollectionPaused(subscription,
                            SubscriptionBills.period("subscription_cycle", subscription, ledger.state()), behavior,
                            ledger),
                    NO_PARAMS, state, at);
        }
        return SubscriptionOperations.billed(current, renewed, SubscriptionOperations::billCycle, NO_PARAMS, state, at);
    }
}
