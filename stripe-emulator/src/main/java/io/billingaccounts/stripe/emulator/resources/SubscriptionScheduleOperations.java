package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * /v1/subscription_schedules: create one {@code from_subscription}, retrieve, update its phases, list, release and
 * cancel. The clock moves a subscription through its schedule's phases (see {@link ScheduleCycle}).
 */
public final class SubscriptionScheduleOperations {

    private static final ParamNode.Branch NO_PARAMS = new ParamNode.Branch();
    private static final String LABEL = "subscription_schedule";

    private static final Map<String, String> UNMODELLED_REFERENCES = UnmodelledReferences.joined(
            Map.of("customer_account", "account", "phases[][default_tax_rates][]", "tax rate",
                    "phases[][items][][tax_rates][]", "tax rate"),
            UnmodelledReferences.discounts("phases[][discounts]"),
            UnmodelledReferences.discounts("phases[][items][][discounts]"));

    /** What Stripe refuses beside {@code from_subscription}: the schedule takes those from the subscription. */
    private static final List<String> NOT_WITH_FROM_SUBSCRIPTION = List.of("billing_mode", "customer",
            "customer_account", "default_settings", "end_behavior", "phases", "start_date");
    private static final Set<String> END_BEHAVIORS = Set.of("release", "cancel");

    /**
     * From an existing subscription only: one phase, the subscription's items over its current period, and
     * {@code end_behavior: release}; the subscription's {@code schedule} names it.
     */
    public Outcome create(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        String from = params.string("from_subscription");
        if (from == null) {
            throw StripeError.invalidRequest("stripe-emulator makes a subscription schedule from a subscription only:"
                    + " pass from_subscription.", "from_subscription");
        }
        for (String param : NOT_WITH_FROM_SUBSCRIPTION) {
            if (params.has(param)) {
                throw StripeError.invalidRequest("You cannot set `" + param + "` if `from_subscription` is set.",
                        param);
            }
        }
        ObjectNode subscription = state.subscription(from);
        if (subscription == null) {
            throw StripeError.noSuch("subscription", from, "from_subscription");
        }
        if (SubscriptionDocument.isCanceled(subscription)) {
            throw StripeError.invalidRequest("You cannot create a subscription schedule from a canceled subscription.",
                    "from_subscription");
        }
        if (!subscription.get("schedule").isNull()) {
            throw StripeError.invalidRequest("You cannot migrate a subscription that is already attached to a"
                    + " schedule: `" + subscription.get("schedule").asString() + "`.", "from_subscription");
        }
        long now = request.now();
        ObjectNode schedule = SubscriptionScheduleDocument.fromSubscription(subscription,
                Metadata.merge(null, params.has("metadata") ? params.get("metadata") : new ParamNode.Branch()), now);
        Outcome attached = SubscriptionOperations.changed(subscription,
                subscription.deepCopy().put("schedule", schedule.get("id").asString()), new ArrayList<>(),
                new ArrayList<>(), NO_PARAMS, state, now);
        return answer(ScheduleCycle.withSchedule(schedule,
                new EmulatorEvent("subscription_schedule.created", schedule, null, now), attached, schedule), params,
                state);
    }

    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        return KeptObjects.retrieve(request, state, SubscriptionScheduleDocument.KIND, LABEL);
    }

    /**
     * {@code phases} (see {@link SchedulePhases}) replace those from the current one on; when the current phase's
     * items change, the subscription takes them at once, prorated as {@code proration_behavior} says (by default
     * {@code create_prorations}). {@code end_behavior} ({@code release} or {@code cancel}) and {@code metadata}
     * (merged) change too.
     */
    public Outcome update(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        ObjectNode current = live(request.id(), state, "update");
        UnmodelledReferences.refuse(params, UNMODELLED_REFERENCES);
        if (params.has("default_settings")) {
            throw SchedulePhases.unmodelled("default_settings");
        }
        String endBehavior = params.string("end_behavior");
        if (endBehavior != null && !END_BEHAVIORS.contains(endBehavior)) {
            throw SchedulePhases.unmodelled("end_behavior");
        }
        long now = request.now();
        ObjectNode subscription = state.subscription(current.get("subscription").asString());
        ObjectNode updated = current.deepCopy();
        int phase = SubscriptionScheduleDocument.currentPhaseIndex(current);
        if (params.has("phases")) {
            updated.set("phases", SchedulePhases.of(current, subscription, Params.elements(params.get("phases")),
                    state, now));
            updated = SubscriptionScheduleDocument.entering(updated, phase);
        }
        if (endBehavior != null) {
            updated.put("end_behavior", endBehavior);
        }
        if (params.has("metadata")) {
            updated.set("metadata", Metadata.merge(updated.get("metadata"), params.get("metadata")));
        }
        ObjectNode previous = PreviousAttributes.between(current, updated);
        String prorationBehavior = params.has("proration_behavior") ? params.string("proration_behavior")
                : ProratedChange.DEFAULT_BEHAVIOR;
        // New phases put the subscription in the current one at once; other changes leave it as it is.
        JsonNode currentPhase = updated.get("phases").get(phase);
        Outcome moved = params.has("phases")
                ? ScheduleCycle.enterPhase(subscription, currentPhase, prorationBehavior, state, now)
                : new Outcome(200, subscription, List.of(), List.of());
        return answer(ScheduleCycle.withSchedule(updated, previous.isEmpty() ? null
                : new EmulatorEvent("subscription_schedule.updated", updated, previous, now), moved, updated), params,
                state);
    }

    /**
     * Filters by {@code customer}, {@code scheduled} (not started yet) and the timestamps {@code created},
     * {@code canceled_at}, {@code completed_at} and {@code released_at}.
     */
    public Outcome list(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        UnmodelledReferences.refuse(params, Map.of("customer_account", "account"));
        Predicate<ObjectNode> filter = RangeFilter.on("/created", params.get("created"))
                .and(Filters.equalTo("customer", params.string("customer")));
        for (String timestamp : List.of("canceled_at", "completed_at", "released_at")) {
            if (params.has(timestamp)) {
                filter = filter.and(schedule -> schedule.get(timestamp).isNumber())
                        .and(RangeFilter.on("/" + timestamp, params.get(timestamp)));
            }
        }
        if (params.has("scheduled")) {
            boolean scheduled = Boolean.parseBoolean(params.string("scheduled"));
            filter = filter.and(schedule -> schedule.get("status").asString().equals("not_started") == scheduled);
        }
        Expansions items = Expansions.of(params).ofListItems(Set.of());
        return Outcome.read(ListPage.of(state.objectsNewestFirst(SubscriptionScheduleDocument.KIND), filter, params,
                "/v1/subscription_schedules", LABEL, schedule -> items.object(schedule, state)));
    }

    /**
     * Stops the schedule ({@code released}) and leaves its subscription going on as it is, its {@code schedule}
     * null. {@code preserve_cancel_date} is taken: the subscription's cancellation stays as it is.
     */
    public Outcome release(ResourceRequest request, EmulatorState state) {
        ObjectNode current = live(request.id(), state, "release");
        long now = request.now();
        ObjectNode released = SubscriptionScheduleDocument.released(current, now);
        Outcome alone = ScheduleCycle.released(state.subscription(current.get("subscription").asString()), state, now);
        return answer(ScheduleCycle.withSchedule(released,
                new EmulatorEvent("subscription_schedule.released", released, null, now), alone, released),
                request.params(), state);
    }

    /**
     * Cancels the schedule and, as Stripe does, its subscription at once. {@code invoice_now} and {@code prorate}
     * are taken: no final invoice is made, as for a subscription canceled.
     */
    public Outcome cancel(ResourceRequest request, EmulatorState state) {
        ObjectNode current = live(request.id(), state, "cancel");
        long now = request.now();
        ObjectNode canceled = SubscriptionScheduleDocument.canceled(current, now);
        ObjectNode subscription = state.subscription(current.get("subscription").asString());
        Outcome ended = new Outcome(200, subscription, List.of(), List.of());
        if (!SubscriptionDocument.isCanceled(subscription)) {
            ObjectNode canceledSubscription = SubscriptionDocument.cancel(subscription, now, null);
            ended = Outcome.committed(canceledSubscription, List.of(new Change.PutSubscription(canceledSubscription)),
                    List.of(new EmulatorEvent("customer.subscription.deleted", canceledSubscription, null, now)));
        }
        return answer(ScheduleCycle.withSchedule(canceled,
                new EmulatorEvent("subscription_schedule.canceled", canceled, null, now), ended, canceled),
                request.params(), state);
    }

    /** The outcome with its body, the schedule, expanded as asked, to what the outcome's changes make of it. */
    private static Outcome answer(Outcome outcome, ParamNode.Branch params, EmulatorState state) {
        return Outcome.committed(Expansions.of(params).object(outcome.body(), state, outcome.changes()),
                outcome.changes(), outcome.events());
    }

    /** A schedule that is still running its phases, which alone may be changed, released or canceled. */
    private static ObjectNode live(String id, EmulatorState state, String action) {
        ObjectNode schedule = KeptObjects.existing(state, SubscriptionScheduleDocument.KIND, LABEL, id, null);
        if (!SubscriptionScheduleDocument.isLive(schedule)) {
            throw StripeError.invalidRequest("You cannot " + action + " a subscription schedule that is currently in"
                    + " the `" + schedule.get("status").asString() + "` status. It must be in either the"
                    + " `not_started` or `active` status to be " + (action.equals("cancel") ? "canceled"
                            : action + "d") + ".", null);
        }
        return schedule;
    }
}
