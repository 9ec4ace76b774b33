package io.billingaccounts.server.billing;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.store.ActiveSubscriptions;
import io.billingaccounts.server.stripe.StripeCustomers;
import io.billingaccounts.server.stripe.StripeMetadata;
import io.billingaccounts.server.workspace.BillingMode;
import io.billingaccounts.server.workspace.Workspace;
import io.billingaccounts.server.workspace.WorkspaceAccess;
import io.billingaccounts.server.workspace.WorkspaceStore;
import io.billingaccounts.server.writes.RequestKey;
import io.billingaccounts.server.writes.ResourceNames;
import io.billingaccounts.server.writes.StripeWrites;

/**
 * The billing-account rules and their mirroring to Stripe, each write through the write protocol
 * ({@link StripeWrites}): a billing account is its Stripe customer, resource {@value #RESOURCE}.
 */
@Service
public class BillingAccountService {

    /** The resource name of a billing account's writes: whatever changes its customer takes this turn. */
    public static final String RESOURCE = ResourceNames.CUSTOMER;
    static final String WORKSPACE_METADATA = StripeMetadata.WORKSPACE_ID;
    /** The metadata key every create tags its Stripe object with: the write's id, for recovery to find it. */
    public static final String CREATE_METADATA = StripeMetadata.CREATE_INTENT;

    private final BillingAccountStore accounts;
    private final ActiveSubscriptions subscriptions;
    private final WorkspaceStore workspaces;
    private final WorkspaceAccess access;
    private final StripeCustomers stripe;
    private final StripeWrites writes;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String defaultCurrency;

    public BillingAccountService(BillingAccountStore accounts, ActiveSubscriptions subscriptions,
                                 WorkspaceStore workspaces, WorkspaceAccess access, StripeCustomers stripe,
                                 StripeWrites writes, TransactionTemplate transaction, Clock clock,
                                 BillingSettings settings) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.workspaces = workspaces;
        this.access = access;
        this.stripe = stripe;
        this.writes = writes;
        this.transaction = transaction;
        this.clock = clock;
        this.defaultCurrency = settings.defaultCurrency();
    }

    public List<BillingAccount> list(String caller, String workspaceId) {
        access.requireRead(caller, workspaceId);
        return accounts.list(workspaceId).stream().toList();
    }

    public BillingAccount get(String caller, String workspaceId, String accountId) {
        access.requireRead(caller, workspaceId);
        return find(workspaceId, accountId);
    }

    /**
     * The customer is tagged with the write's id. With an Idempotency-Key, a retry gets the account the first try
     * made, however that try ended ({@link StripeWrites#create}). {@code request} comes checked against
     * {@link BillingAccountRules#violations}, with the rest of its body, so that one 422 names every field.
     */
    public BillingAccount create(String caller, String workspaceId, NewBillingAccount request,
                                 String idempotencyKey) {
        access.requireWrite(caller, workspaceId);
        String currency = request.currency() != null ? request.currency() : defaultCurrency;
        return writes.create(RESOURCE, workspaceId, RequestKey.of(caller, idempotencyKey), currency,
                writeId -> accounts.findCreatedBy(workspaceId, writeId, StripeWrites.oldestRetry(clock)),
                () -> requirePlace(workspaceId),
                (writeId, placeTaken) -> stripe.create(CustomerShape.toNewCustomer(request,
                        Map.of(WORKSPACE_METADATA, workspaceId, CREATE_METADATA, writeId))),
                (turn, customer) -> {
                    // The caller's own words, as every later read shows them (Stripe drops an empty line2).
                    var now = Timestamps.now(clock);
                    BillingAccount account = new BillingAccount(customer.id(), workspaceId, request.name(),
                            request.email(), request.phone(), request.description(), currency, request.address(), 1,
                            now, now);
                    return turn.settle(() -> {
                        accounts.insert(account, turn.writeId());
                        return account;
                    });
                });
    }

    /**
     * Applies a merge patch. {@code acceptedVersions}, when not null, are the versions the caller's change was
     * made for: any other is refused rather than overwritten. The patch comes checked against
     * {@link BillingAccountPatch#violations}, with the rest of its body, so that one 422 names every field. A patch that changes nothing touches nothing, Stripe included.
     */
    public BillingAccount update(String caller, String workspaceId, String accountId, BillingAccountPatch patch,
                                 Set<Long> acceptedVersions) {
        access.requireWrite(caller, workspaceId);
        BillingAccount seen = find(workspaceId, accountId);
        requireVersion(seen, acceptedVersions);
        if (patch.applyTo(seen).sameContentAs(seen)) {
            return seen;
        }
        return writes.write(RESOURCE, accountId, "update", turn -> {
            BillingAccount current = find(workspaceId, accountId);
            requireVersion(current, acceptedVersions);
            BillingAccount patched = patch.applyTo(current);
            if (patched.sameContentAs(current)) {
                return current;
            }
            turn.stripeWrite(() -> {
                stripe.update(accountId, CustomerDiff.between(current, patched), turn.writeId(), turn.deadline());
                return null;
            });
            BillingAccount next = patched.nextVersion(Timestamps.now(clock));
            turn.settle(() -> accounts.update(next));
            return next;
        });
    }

    /**
     * Deletes the customer, then the row. What keeps an account is judged from the mirror, no Stripe call, in one
     * transaction holding the workspace's row lock, which subscription creates take to reserve their place and
     * organization writes take too: whatever reserved before is counted, even while it waits for Stripe. A
     * subscription create reserving after meets a customer Stripe deletes: Stripe refuses to subscribe it, and the
     * deletion ends whatever Stripe subscribed meanwhile.
     */
    public void delete(String caller, String workspaceId, String accountId, Set<Long> acceptedVersions) {
        access.requireWrite(caller, workspaceId);
        requireVersion(find(workspaceId, accountId), acceptedVersions);
        writes.write(RESOURCE, accountId, "delete", turn -> {
            requireVersion(find(workspaceId, accountId), acceptedVersions);
            transaction.executeWithoutResult(status -> requireNothingDrawsOn(workspaceId, accountId));
            turn.stripeWrite(() -> {
                stripe.delete(accountId, turn.deadline());
                return null;
            });
            turn.settle(() -> accounts.delete(accountId));
            return null;
        });
    }

    private void requireNothingDrawsOn(String workspaceId, String accountId) {
        workspaces.lock(workspaceId).orElseThrow(() -> Problem.notFound("workspace"));
        int drawing = accounts.countOrganizationsDrawingOn(accountId);
        if (drawing > 0) {
            throw new Problem(Problem.Kind.CONFLICT, "billing_account_in_use", drawing + (drawing == 1
                    ? " organization draws" : " organizations draw")
                    + " on this billing account; delete them before the account.");
        }
        if (subscriptions.countActiveWithCreatesUnderWay(accountId, ResourceNames.SUBSCRIPTION) > 0) {
            throw new Problem(Problem.Kind.UNPROCESSABLE, "active_subscriptions_exist",
                    "The billing account has active subscriptions; cancel them before deleting it.");
        }
    }

    /**
     * Runs in the transaction that reserves a create's place, under the workspace's row lock: concurrent creates
     * of one workspace queue on it only for that short transaction, never across Stripe's call.
     */
    private boolean requirePlace(String workspaceId) {
        BillingMode mode = workspaces.lock(workspaceId)
                .map(WorkspaceAccess::requireNotArchived)
                .map(Workspace::billingMode)
                .orElseThrow(() -> Problem.notFound("workspace"));
        if (accounts.countWithCreatesUnderWay(workspaceId, RESOURCE) >= mode.maxBillingAccounts()) {
            throw new Problem(Problem.Kind.CONFLICT, "billing_account_limit_reached",
                    "A workspace in " + mode.wireName() + " billing mode may have at most "
                            + mode.maxBillingAccounts() + " billing account"
                            + (mode.maxBillingAccounts() == 1 ? "." : "s."));
        }
        return true;
    }

    private BillingAccount find(String workspaceId, String accountId) {
        return accounts.find(workspaceId, accountId)
                .orElseThrow(() -> Problem.notFound("billing account"));
    }

    private static void requireVersion(BillingAccount current, Set<Long> acceptedVersions) {
        if (acceptedVersions != null && !acceptedVersions.contains(current.version())) {
            throw new Problem(Problem.Kind.PRECONDITION_FAILED, "etag_mismatch",
                    "The billing account has changed since it was read; retrieve it again.");
        }
    }
}
