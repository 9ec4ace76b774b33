package io.billingaccounts.server.subscriptions;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Service;

import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.billing.BillingAccount;
import io.billingaccounts.server.billing.BillingAccountService;
import io.billingaccounts.server.billing.BillingAccountStore;
import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.invoices.InvoiceMirror;
import io.billingaccounts.server.organizations.CapacityGuard;
import io.billingaccounts.server.organizations.ProductCounts;
import io.billingaccounts.server.payments.PaymentMethodService;
import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.problem.Violations;
import io.billingaccounts.server.store.ActiveSubscriptions;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.StripeMetadata;
import io.billingaccounts.server.stripe.StripeSettings;
import io.billingaccounts.server.stripe.StripeSubscriptionSchedules;
import io.billingaccounts.server.stripe.StripeSubscriptions;
import io.billingaccounts.server.stripe.SubscriptionChanges;
import io.billingaccounts.server.stripe.SubscriptionSnapshot;
import io.billingaccounts.server.workspace.WorkspaceAccess;
import io.billingaccounts.server.workspace.WorkspaceStore;
import io.billingaccounts.server.writes.RequestKey;
import io.billingaccounts.server.writes.ResourceNames;
import io.billingaccounts.server.writes.StripeWrites;
import io.billingaccounts.server.writes.Turn;

/**
 * The subscription rules and their mirroring to Stripe, each write through the write protocol ({@link StripeWrites},
 * resource {@value #RESOURCE}). Reads come from the mirror, never from Stripe.
 */
@Service
public class SubscriptionService {

    static final String RESOURCE = ResourceNames.SUBSCRIPTION;
    static final String CREATE_METADATA = StripeMetadata.CREATE_INTENT;
    static final String WORKSPACE_METADATA = StripeMetadata.WORKSPACE_ID;
    /** Metadata the service keeps on Stripe's subscription for itself; callers neither see nor change it. */
    static final Set<String> SERVICE_METADATA = Set.of(CREATE_METADATA, WORKSPACE_METADATA);

    private final SubscriptionStore subscriptions;
    private final ActiveSubscriptions activeSubscriptions;
    private final BillingAccountStore accounts;
    private final WorkspaceStore workspaces;
    private final WorkspaceAccess access;
    private final StripeSubscriptions stripe;
    private final StripeWrites writes;
    private final InvoiceMirror invoices;
    private final CreatedSubscriptions created;
    private final PaymentMethodService cards;
    private final ItemChanges itemChanges;
    private final CapacityGuard capacity;
    private final StripeSubscriptionSchedules schedules;
    private final StripeSettings settings;
    private final Clock clock;

    public SubscriptionService(SubscriptionStore subscriptions, ActiveSubscriptions activeSubscriptions,
                               BillingAccountStore accounts, WorkspaceStore workspaces, WorkspaceAccess access, StripeSubscriptions stripe,
                               StripeWrites writes, InvoiceMirror invoices, CreatedSubscriptions created,
                               PaymentMethodService cards, ItemChanges itemChanges, CapacityGuard capacity,
                               StripeSubscriptionSchedules schedules, StripeSettings settings, Clock clock) {
        this.subscriptions = subscriptions;
        this.activeSubscriptions = activeSubscriptions;
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.access = access;
        this.stripe = stripe;
        this.writes = writes;
        this.invoices = invoices;
        this.created = created;
        this.cards = cards;
        this.itemChanges = itemChanges;
        this.capacity = capacity;
        this.schedules = schedules;
        this.settings = settings;
        this.clock = clock;
    }

    public List<Subscription> list(String caller, String workspaceId, String accountId) {
        access.requireRead(caller, workspaceId);
        requireAccount(workspaceId, accountId);
        return subscriptions.list(accountId);
    }

    public Subscription get(String caller, String workspaceId, String accountId, String subscriptionId) {
        access.requireRead(caller, workspaceId);
        requireAccount(workspaceId, accountId);
        return find(accountId, subscriptionId);
    }

    public TrialEligibility trialEligibility(String caller, String workspaceId, String accountId) {
        access.requireRead(caller, workspaceId);
        requireAccount(workspaceId, accountId);
        return new TrialEligibility(trialEligible(workspaceId, accountId),
                accounts.defaultPaymentMethod(accountId).isPresent());
    }

    /**
     * The trial is decided, and the limit checked, under the workspace's lock when the create is recorded; the
     * first invoice of a subscription without a trial is charged at once, and a declined card leaves nothing.
     * {@code request} comes checked against {@link SubscriptionRules#violations}, with the rest of its body.
     */
    public Subscription create(String caller, String workspaceId, String accountId, NewSubscription request,
                               String idempotencyKey) {
        access.requireWrite(caller, workspaceId);
        BillingAccount account = requireAccount(workspaceId, accountId);
        if (accounts.defaultPaymentMethod(accountId).isEmpty()) {
            cards.takeInConfirmedCards(accountId);
        }
        // The prices first: the create is made ready under the workspace's lock, where nothing is read from Stripe.
        Map<String, Long> quantitiesByPrice = new LinkedHashMap<>();
        itemChanges.between(Map.of(), account.currency(), request.products(), Deadline.in(settings.deadline()))
                .changes().forEach(added -> quantitiesByPrice.put(added.priceId(), added.quantity()));
        return writes.create(RESOURCE, accountId, RequestKey.of(caller, idempotencyKey), null,
                writeId -> subscriptions.findCreatedBy(accountId, writeId, StripeWrites.oldestRetry(clock)),
                () -> reserve(workspaceId, accountId), (writeId, trial) -> {
                    Map<String, String> metadata = new HashMap<>(request.metadata());
                    metadata.put(CREATE_METADATA, writeId);
                    metadata.put(WORKSPACE_METADATA, workspaceId);
                    return stripe.create(accountId, quantitiesByPrice, metadata,
                            trial ? SubscriptionRules.TRIAL_DAYS : null);
                }, (turn, answer) -> turn.settle(() -> created.store(answer, turn.writeId(), Timestamps.now(clock))));
    }

    /** The patch comes checked against {@link SubscriptionPatch#violations}, with the rest of its body. */
    public Subscription update(String caller, String workspaceId, String accountId, String subscriptionId,
                               SubscriptionPatch patch) {
        access.requireWrite(caller, workspaceId);
        requireAccount(workspaceId, accountId);
        boolean sync = patch.action() == SubscriptionPatch.Action.SYNC;
        Subscription seen = find(accountId, subscriptionId);
        if (!sync) {
            requireChangeable(seen);
        }
        return writes.write(RESOURCE, subscriptionId, sync ? "sync" : "update", turn -> {
            if (sync) {
                // Reading Stripe again is no change: an ended subscription may be synced too.
                return refresh(turn, find(accountId, subscriptionId));
            }
            Subscription current = requireChangeable(find(accountId, subscriptionId));
            boolean resume = patch.action() == SubscriptionPatch.Action.RESUME;
            if (resume && "paused".equals(current.status())) {
                // Stripe paused it at a trial's end without a payment method: only Stripe's resume restarts it.
                Subscription released = releasePending(turn, current);
                return store(turn, released, turn.stripeWrite(() -> stripe.resume(subscriptionId, turn.writeId(),
                        turn.deadline())));
            }
            Plan plan = plan(current, patch, turn.deadline());
            if (plan == null) {
                return current;
            }
            Subscription next = current;
            boolean replacesPending = plan.productsChange() || resume;
            if (current.scheduleId() != null && replacesPending && (plan.now() != null || plan.later() == null)) {
                // The subscription changes now, or nothing waits any more: the schedule lets it go first.
                next = releasePending(turn, current);
            }
            SubscriptionSnapshot answer = null;
            if (plan.now() != null) {
                answer = turn.stripeWrite(() -> stripe.update(subscriptionId, plan.now(), turn.writeId(),
                        turn.deadline()));
                next = SubscriptionSnapshots.shown(answer, current.workspaceId(), current.createdAt(),
                        Timestamps.now(clock));
            }
            if (plan.later() != null) {
                next = scheduleDecrease(turn, next, plan.later());
            }
            return settle(turn, next, answer);
        });
    }

    /** Ends the subscription at the end of its current period; from then on it takes no change. */
    public Subscription cancel(String caller, String workspaceId, String accountId, String subscriptionId) {
        access.requireWrite(caller, workspaceId);
        requireAccount(workspaceId, accountId);
        requireChangeable(find(accountId, subscriptionId));
        return writes.write(RESOURCE, subscriptionId, "cancel", turn -> {
            Subscription current = requireChangeable(find(accountId, subscriptionId));
            if (!current.cancelAtPeriodEnd()) {
                capacity.requireCapacityLeft(workspaceId, accountId, capacityOf(current, Map.of()),
                        CapacityGuard.CANCELLATION);
            }
            // A decrease waiting for the period's end is dropped: the subscription ends then instead.
            Subscription released = releasePending(turn, current);
            return store(turn, released, turn.stripeWrite(() -> stripe.update(subscriptionId,
                    new SubscriptionChanges(null, null, null, true), turn.writeId(), turn.deadline())));
        });
    }

    /**
     * What an update does: {@code now} the change made at once (increases, additions, metadata, pausing), null for
     * none; {@code later} the whole set of products that takes over at the period's end when the update lowers or
     * removes any (a decrease waits for the next period), null for none.
     */
    private record Plan(SubscriptionChanges now, Map<Product, Long> later, boolean productsChange) {
    }

    /** Lets the subscription's schedule go, if it has one: the decrease it held is dropped. */
    private Subscription releasePending(Turn turn, Subscription current) {
        if (current.scheduleId() == null) {
            return current;
        }
        turn.stripeWrite(() -> {
            schedules.release(current.scheduleId(), turn.writeId(), turn.deadline());
            return null;
        });
        return current.withSchedule(null, null, Timestamps.now(clock));
    }

    /**
     * Holds the quantities {@code later} in the subscription's schedule until the end of its current period; every
     * product of {@code later} is one of {@code current}'s, as additions are made at once.
     */
    private Subscription scheduleDecrease(Turn turn, Subscription current, Map<Product, Long> laterQuantities) {
        Map<Product, Subscription.Item> later = new EnumMap<>(Product.class);
        laterQuantities.forEach((product, quantity) -> {
            Subscription.Item item = current.items().get(product);
            later.put(product, new Subscription.Item(null, item.priceId(), quantity, item.interval()));
        });
        Map<String, String> lookupKeys = ItemChanges.lookupKeysByPrice(current);
        // Two Stripe writes, each made on its own: a schedule made, then its phases refused, is a write Stripe holds.
        StripeSubscriptionSchedules.ScheduleStart start = current.scheduleId() == null
                ? turn.stripeWrite(() -> schedules.create(current.id(), turn.writeId(), turn.deadline()))
                : schedules.retrieve(current.scheduleId(), turn.deadline());
        StripeSubscriptionSchedules.Scheduled scheduled = turn.stripeWrite(() -> schedules.setPhases(start,
                phaseItems(current.items()), phaseItems(later), current.currentPeriodEnd().toInstant(), lookupKeys,
                turn.writeId(), turn.deadline()));
        return current.withSchedule(scheduled.scheduleId(), SubscriptionSnapshots.pendingOf(scheduled.pending()),
                Timestamps.now(clock));
    }

    private static List<StripeSubscriptionSchedules.PhaseItem> phaseItems(Map<Product, Subscription.Item> items) {
        return items.values().stream()
                .map(item -> new StripeSubscriptionSchedules.PhaseItem(item.priceId(), item.quantity())).toList();
    }

    private Subscription refresh(Turn turn, Subscription current) {
        SubscriptionSnapshot fresh = stripe.retrieve(current.id(), turn.deadline())
                .orElseThrow(() -> Problem.notFound("subscription"));
        Subscription held = SubscriptionSnapshots.shown(fresh, current.workspaceId(), current.createdAt(),
                current.updatedAt());
        return held.equals(current) ? current : settle(turn, held.changedAt(Timestamps.now(clock)), fresh);
    }

    private Subscription store(Turn turn, Subscription current, SubscriptionSnapshot answer) {
        return settle(turn, SubscriptionSnapshots.shown(answer, current.workspaceId(), current.createdAt(),
                Timestamps.now(clock)), answer);
    }

    /** Stores {@code next}, and the invoice Stripe's {@code answer} (null for none) came with, ending the write. */
    private Subscription settle(Turn turn, Subscription next, SubscriptionSnapshot answer) {
        turn.settle(() -> {
            subscriptions.update(next);
            if (answer != null) {
                storeInvoice(answer);
            }
        });
        return next;
    }

    /** The invoice a create or resume charged came with Stripe's answer: the caller's next read lists it. */
    private void storeInvoice(SubscriptionSnapshot answer) {
        if (answer.latestInvoice() != null) {
            invoices.store(answer.latestInvoice());
        }
    }

    /** What {@code patch} changes in Stripe, now and at the period's end; null when it changes nothing. */
    private Plan plan(Subscription current, SubscriptionPatch patch, Deadline deadline) {
        List<SubscriptionChanges.ItemChange> items = null;
        Map<Product, Long> later = null;
        if (patch.changesProducts()) {
            Map<Product, Long> before = new EnumMap<>(Product.class);
            current.items().forEach((product, item) -> before.put(product, item.quantity()));
            Map<Product, Long> after = patch.productsAfter(before);
            if (after.isEmpty()) {
                throw Problem.invalid(List.of(new FieldViolation(changedField(patch), "no_product_left",
                        "would leave the subscription without a product")));
            }
            capacity.requireCapacityLeft(current.workspaceId(), current.billingAccountId(),
                    capacityOf(current, after), CapacityGuard.CHANGE);
            // Increases and additions take effect now; a decrease or removal keeps today's quantity until then.
            Map<Product, Long> now = new EnumMap<>(before);
            after.forEach((product, quantity) -> now.merge(product, quantity, Math::max));
            items = itemChanges.between(current.items(), current.currency(), now, deadline).changes();
            if (!now.equals(after)) {
                later = after;
            }
        }
        Map<String, String> metadata = null;
        if (patch.metadata() != null && !patch.metadata().isEmpty()) {
            Map<String, String> merged = new HashMap<>(current.metadata());
            patch.metadata().forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
            new Violations().addAll(SubscriptionRules.mergedMetadataViolations(merged)).throwIfAny();
            metadata = new HashMap<>();
            for (Map.Entry<String, String> entry : patch.metadata().entrySet()) {
                if (!Objects.equals(current.metadata().get(entry.getKey()), entry.getValue())) {
                    metadata.put(entry.getKey(), entry.getValue());
                }
            }
            if (metadata.isEmpty()) {
                metadata = null;
            }
        }
        Boolean collectionPaused = null;
        if (patch.action() == SubscriptionPatch.Action.PAUSE && !current.collectionPaused()) {
            collectionPaused = true;
        } else if (patch.action() == SubscriptionPatch.Action.RESUME && current.collectionPaused()) {
            collectionPaused = false;
        }
        boolean changesNow = (items != null && !items.isEmpty()) || metadata != null || collectionPaused != null;
        boolean dropsPending = current.scheduleId() != null
                && (patch.changesProducts() || patch.action() == SubscriptionPatch.Action.RESUME);
        if (!changesNow && later == null && !dropsPending) {
            return null;
        }
        SubscriptionChanges now = changesNow ? new SubscriptionChanges(items == null || items.isEmpty() ? null : items,
                metadata, collectionPaused, null) : null;
        return new Plan(now, later, patch.changesProducts());
    }

    /**
     * The capacity the subscription would stop providing if its quantities became {@code after}, per product (an
     * increase counts as none lost); nothing for a subscription that provides none, not being active.
     */
    private static ProductCounts capacityOf(Subscription current, Map<Product, Long> after) {
        if (!SubscriptionRules.ACTIVE_STATUSES.contains(current.status())) {
            return ProductCounts.ZERO;
        }
        Map<Product, Integer> lost = new EnumMap<>(Product.class);
        current.items().forEach((product, item) -> lost.put(product,
                (int) Math.max(0, item.quantity() - after.getOrDefault(product, 0L))));
        return ProductCounts.of(lost);
    }

    private static String changedField(SubscriptionPatch patch) {
        if (patch.productQuantities() != null) {
            return "product_quantities";
        }
        return patch.addProducts() != null ? "add_products" : "remove_products";
    }

    /**
     * Runs where the create is recorded, under the workspace's lock; decides the trial. Archiving takes that lock
     * and counts the creates under way, so a create and an archive racing each other cannot both pass.
     */
    private boolean reserve(String workspaceId, String accountId) {
        WorkspaceAccess.requireNotArchived(workspaces.lock(workspaceId)
                .orElseThrow(() -> Problem.notFound("workspace")));
        if (activeSubscriptions.countActiveWithCreatesUnderWay(accountId, RESOURCE)
                >= SubscriptionRules.MAX_ACTIVE_PER_ACCOUNT) {
            throw new Problem(Problem.Kind.CONFLICT, "subscription_limit_reached",
                    "A billing account may have at most " + SubscriptionRules.MAX_ACTIVE_PER_ACCOUNT
                            + " active subscriptions; cancel one first.");
        }
        boolean trial = trialEligible(workspaceId, accountId);
        if (!trial && accounts.defaultPaymentMethod(accountId).isEmpty()) {
            throw new Problem(Problem.Kind.UNPROCESSABLE, "payment_method_required",
                    "The workspace's trial has been used: add a payment method to the billing account first.");
        }
        return trial;
    }

    /** One trial per workspace: while it has exactly one billing account and has never had a subscription. */
    private boolean trialEligible(String workspaceId, String accountId) {
        return workspaces.firstSubscribedAt(workspaceId).isEmpty()
                && accounts.countWithCreatesUnderWay(workspaceId, BillingAccountService.RESOURCE) == 1
                && activeSubscriptions.countActiveWithCreatesUnderWay(accountId, RESOURCE) == 0;
    }

    /** Ended, or canceled to end with its period: either way it takes no change any more. */
    private static Subscription requireChangeable(Subscription subscription) {
        if (subscription.ended() || subscription.cancelAtPeriodEnd()) {
            throw new Problem(Problem.Kind.CONFLICT, "subscription_canceled",
                    "The subscription has ended and cannot change.");
        }
        return subscription;
    }

    private Subscription find(String accountId, String subscriptionId) {
        return subscriptions.find(accountId, subscriptionId)
                .orElseThrow(() -> Problem.notFound("subscription"));
    }

    private BillingAccount requireAccount(String workspaceId, String accountId) {
        return accounts.find(workspaceId, accountId).orElseThrow(() -> Problem.notFound("billing account"));
    }
}
