package io.billingaccounts.server.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.problem.Violations;
import io.billingaccounts.server.store.BillingAccountStore;
import io.billingaccounts.server.store.CreateIntentRow;
import io.billingaccounts.server.store.CreateIntentStore;
import io.billingaccounts.server.store.StripeSyncStore;
import io.billingaccounts.server.store.WorkspaceStore;
import io.billingaccounts.server.stripe.StripeCustomers;
import io.billingaccounts.server.stripe.StripeFailure;
import io.billingaccounts.server.workspace.BillingMode;
import io.billingaccounts.server.workspace.Timestamps;
import io.billingaccounts.server.workspace.WorkspaceAccess;

/**
 * The billing-account rules and their mirroring to Stripe. No database transaction or lock is held while Stripe
 * is called: creates reserve their place first, updates and deletes write only if nobody changed the account
 * meanwhile, and retry on the fresh state when somebody did.
 */
@Service
public class BillingAccountService {

    static final String WORKSPACE_METADATA = "workspace_id";
    static final String INTENT_METADATA = "billing_create_intent";
    // Writers of one account that keep overtaking each other retry this long before giving up with a 503.
    private static final Duration CONTENTION_BUDGET = Duration.ofSeconds(5);

    private final BillingAccountStore accounts;
    private final CreateIntentStore intents;
    private final StripeSyncStore syncs;
    private final WorkspaceStore workspaces;
    private final WorkspaceAccess access;
    private final StripeCustomers stripe;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String defaultCurrency;

    public BillingAccountService(BillingAccountStore accounts, CreateIntentStore intents, StripeSyncStore syncs,
                                 WorkspaceStore workspaces,
                                 WorkspaceAccess access, StripeCustomers stripe, TransactionTemplate transaction,
                                 Clock clock, BillingSettings settings) {
        this.accounts = accounts;
        this.intents = intents;
        this.syncs = syncs;
        this.workspaces = workspaces;
        this.access = access;
        this.stripe = stripe;
        this.transaction = transaction;
        this.clock = clock;
        this.defaultCurrency = settings.defaultCurrency();
    }

    public List<BillingAccount> list(String caller, String workspaceId) {
        access.requireRead(caller, workspaceId);
        return accounts.list(workspaceId).stream().map(BillingAccountRows::toAccount).toList();
    }

    public BillingAccount get(String caller, String workspaceId, String accountId) {
        access.requireRead(caller, workspaceId);
        return find(workspaceId, accountId);
    }

    public BillingAccount create(String caller, String workspaceId, NewBillingAccount request) {
        access.requireWrite(caller, workspaceId);
        Violations violations = new Violations();
        BillingAccountRules.checkName(violations, request.name());
        BillingAccountRules.checkEmail(violations, request.email());
        BillingAccountRules.checkPhone(violations, request.phone());
        Address a = request.address();
        BillingAccountRules.checkAddress(violations, new AddressPatch.AddressDraft(a.country(), a.line1(),
                a.line2(), a.city(), a.state(), a.postalCode()));
        violations.throwIfAny();

        CreateIntentRow intent = reservePlace(workspaceId);
        String customerId;
        try {
            customerId = stripe.create(BillingAccountRows.toNewCustomer(request, Map.of(
                    WORKSPACE_METADATA, workspaceId, INTENT_METADATA, intent.id())), intent.stripeIdempotencyKey());
        } catch (StripeFailure failure) {
            // The caller is told nothing was made: free the place now; recovery deletes what Stripe may have made.
            if (failure.maybeApplied()) {
                intents.abandon(intent.id());
            } else {
                intents.delete(intent.id());
            }
            throw failure;
        }
        OffsetDateTime now = Timestamps.now(clock);
        String currency = request.currency() != null ? request.currency() : defaultCurrency;
        BillingAccount account = new BillingAccount(customerId, workspaceId, request.name(), request.email(),
                request.phone(), request.description(), currency, request.address(), 1, now, now);
        transaction.executeWithoutResult(status -> {
            // Recovery gives up on intents that outlive the settle time and deletes their customers.
            if (!intents.delete(intent.id())) {
                throw new Problem(Problem.Kind.UPSTREAM_UNAVAILABLE, "create_abandoned",
                        "Stripe took too long to answer and the create was given up; nothing was made. Retry.");
            }
            accounts.insert(BillingAccountRows.toRow(account));
        });
        return account;
    }

    /**
     * Applies a merge patch. {@code expectedVersion}, when not null, is the version the caller last saw: any other
     * is refused rather than overwritten. A marker committed before Stripe is called, and removed with the database
     * write, leaves recovery a trace of any write that did not finish.
     */
    public BillingAccount update(String caller, String workspaceId, String accountId, BillingAccountPatch patch,
                                 Long expectedVersion) {
        access.requireWrite(caller, workspaceId);
        List<String> markers = new ArrayList<>();
        for (Contention contention = new Contention(CONTENTION_BUDGET); contention.retry(); ) {
            BillingAccount current = find(workspaceId, accountId);
            requireVersion(current, expectedVersion);
            BillingAccount patched = PatchApplier.apply(current, patch);
            if (patched.sameContentAs(current)) {
                markers.forEach(syncs::delete);
                return current;
            }
            markers.add(openMarker(accountId));
            stripe.update(accountId, CustomerDiff.between(current, patched));
            BillingAccount next = patched.nextVersion(Timestamps.now(clock));
            if (settle(markers, () -> accounts.updateIfVersion(BillingAccountRows.toRow(next), current.version()))) {
                return next;
            }
        }
        throw concurrentChanges();
    }

    public void delete(String caller, String workspaceId, String accountId, Long expectedVersion) {
        access.requireWrite(caller, workspaceId);
        List<String> markers = new ArrayList<>();
        for (Contention contention = new Contention(CONTENTION_BUDGET); contention.retry(); ) {
            BillingAccount current = find(workspaceId, accountId);
            requireVersion(current, expectedVersion);
            if (stripe.hasLiveSubscriptions(accountId)) {
                markers.forEach(syncs::delete);
                throw new Problem(Problem.Kind.UNPROCESSABLE, "active_subscriptions_exist",
                        "The billing account has active subscriptions; cancel them before deleting it.");
            }
            markers.add(openMarker(accountId));
            stripe.delete(accountId);
            if (settle(markers, () -> accounts.deleteIfVersion(accountId, current.version()))) {
                return;
            }
        }
        throw concurrentChanges();
    }

    private String openMarker(String accountId) {
        String id = UUID.randomUUID().toString();
        syncs.insert(id, accountId, Timestamps.now(clock));
        return id;
    }

    /** The conditional database write and the removal of this write's markers, as one transaction. */
    private boolean settle(List<String> markers, java.util.function.BooleanSupplier write) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            boolean written = write.getAsBoolean();
            if (written) {
                markers.forEach(syncs::delete);
            }
            return written;
        }));
    }

    /**
     * Counts the accounts and the creates still under way under the workspace's row lock, then records this
     * create: concurrent creates queue on the lock only for this short transaction, never across Stripe's call.
     */
    private CreateIntentRow reservePlace(String workspaceId) {
        return transaction.execute(status -> {
            BillingMode mode = workspaces.lock(workspaceId)
                    .map(row -> BillingMode.fromWire(row.billingMode()))
                    .orElseThrow(() -> Problem.notFound("workspace"));
            int taken = accounts.count(workspaceId) + intents.countUnderWay(workspaceId);
            if (taken >= mode.maxBillingAccounts()) {
                throw new Problem(Problem.Kind.CONFLICT, "billing_account_limit_reached",
                        "A workspace in " + mode.wireName() + " billing mode may have at most "
                                + mode.maxBillingAccounts() + " billing account"
                                + (mode.maxBillingAccounts() == 1 ? "." : "s."));
            }
            String id = UUID.randomUUID().toString();
            CreateIntentRow intent = new CreateIntentRow(id, workspaceId, "billing-account-create-" + id,
                    false, Timestamps.now(clock));
            intents.insert(intent);
            return intent;
        });
    }

    private BillingAccount find(String workspaceId, String accountId) {
        return accounts.find(workspaceId, accountId).map(BillingAccountRows::toAccount)
                .orElseThrow(() -> Problem.notFound("billing account"));
    }

    private static void requireVersion(BillingAccount current, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new Problem(Problem.Kind.PRECONDITION_FAILED, "etag_mismatch",
                    "The billing account has changed since it was read; retrieve it again.");
        }
    }

    private static Problem concurrentChanges() {
        return new Problem(Problem.Kind.BUSY, "concurrent_changes",
                "The billing account kept changing while this request ran; nothing was changed. Retry it.");
    }
}
