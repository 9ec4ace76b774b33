package io.billingaccounts.server.payments;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.billing.BillingAccountService;
import io.billingaccounts.server.billing.BillingAccountStore;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.store.ActiveSubscriptions;
import io.billingaccounts.server.stripe.CustomerChanges;
import io.billingaccounts.server.stripe.SetupIntentSnapshot;
import io.billingaccounts.server.stripe.StripeCustomers;
import io.billingaccounts.server.stripe.StripeFailure;
import io.billingaccounts.server.stripe.StripePaymentMethods;
import io.billingaccounts.server.workspace.Role;
import io.billingaccounts.server.workspace.WorkspaceAccess;
import io.billingaccounts.server.writes.RequestKey;
import io.billingaccounts.server.writes.ResourceNames;
import io.billingaccounts.server.writes.StripeWrites;

/**
 * A billing account's cards. A card is saved by the caller's browser confirming a setup intent with Stripe.js;
 * the service hands out setup intents (resource {@value #SETUP_INTENT}, at most {@value #LIMIT} cards per account),
 * mirrors the cards Stripe attached ({@link PaymentMethodMirror}), sets the default through the account's turn (the
 * customer's {@code invoice_settings.default_payment_method}), and detaches cards (resource {@value #RESOURCE}).
 * Reads are served from the mirror.
 */
@Service
public class PaymentMethodService {

    static final String RESOURCE = ResourceNames.PAYMENT_METHOD;
    static final String SETUP_INTENT = ResourceNames.SETUP_INTENT;
    static final int LIMIT = 5;

    private final BillingAccountStore accounts;
    private final PaymentMethodStore methods;
    private final SetupIntentStore intents;
    private final ActiveSubscriptions subscriptions;
    private final WorkspaceAccess access;
    private final PaymentMethodMirror mirror;
    private final DetachedCards detached;
    private final StripePaymentMethods stripe;
    private final StripeCustomers customers;
    private final StripeWrites writes;
    private final Clock clock;

    PaymentMethodService(BillingAccountStore accounts, PaymentMethodStore methods, SetupIntentStore intents,
                         ActiveSubscriptions subscriptions, WorkspaceAccess access, PaymentMethodMirror mirror,
                         DetachedCards detached,
                         StripePaymentMethods stripe, StripeCustomers customers, StripeWrites writes,
                         Clock clock) {
        this.accounts = accounts;
        this.methods = methods;
        this.intents = intents;
        this.subscriptions = subscriptions;
        this.access = access;
        this.mirror = mirror;
        this.detached = detached;
        this.stripe = stripe;
        this.customers = customers;
        this.writes = writes;
        this.clock = clock;
    }

    /**
     * A setup intent for the account's customer, off-session and for cards, tagged with the write's id; its client
     * secret is handed out only once it is stored, so recovery never meets one a caller holds.
     */
    public PaymentMethodSetup createSetup(String caller, String workspaceId, String accountId,
                                          String idempotencyKey) {
        access.requireWrite(caller, workspaceId);
        requireAccount(workspaceId, accountId);
        mirror.takeInConfirmedSetups(accountId);
        // A retry of a keyed create sends Stripe the same Idempotency-Key, and Stripe answers it with the same
        // intent and client secret, which only Stripe keeps.
        SetupIntentSnapshot intent = writes.create(SETUP_INTENT, accountId,
                RequestKey.of(caller, idempotencyKey), null, writeId -> Optional.empty(),
                () -> requirePlace(accountId),
                (writeId, placeTaken) -> stripe.createSetupIntent(accountId,
                        Map.of(BillingAccountService.CREATE_METADATA, writeId)),
                (turn, created) -> {
                    turn.settle(() -> intents.insert(created.id(), accountId, Timestamps.now(clock)));
                    return created;
                });
        return new PaymentMethodSetup(intent.clientSecret(), stripe.publishableKey());
    }

    /**
     * Oldest first; a card confirmed a moment ago is among them. While a setup intent is open the list of a caller
     * who may save cards asks Stripe about it, and fails as Stripe does (502/503, to retry) rather than answer
     * without a card the caller just saved; a viewer's list is the mirror's, and costs no Stripe call.
     */
    public List<PaymentMethod> list(String caller, String workspaceId, String accountId) {
        Role role = access.requireRead(caller, workspaceId);
        requireAccount(workspaceId, accountId);
        if (role.canWrite()) {
            mirror.takeInConfirmedSetups(accountId);
        }
        String defaultCard = accounts.defaultPaymentMethod(accountId).orElse(null);
        return methods.list(accountId, defaultCard);
    }

    /**
     * Read-your-writes across Stripe: a card the caller confirmed with Stripe a moment ago, whose webhook has not
     * come yet, is taken in before anything is refused for want of a card. Costs a Stripe call only while one of the
     * account's setup intents is open.
     */
    public void takeInConfirmedCards(String accountId) {
        mirror.takeInConfirmedSetups(accountId);
    }

    /** The card future invoices are charged to; setting the one that already is costs no Stripe call. */
    public void setDefault(String caller, String workspaceId, String accountId, String paymentMethodId) {
        access.requireWrite(caller, workspaceId);
        requireAccount(workspaceId, accountId);
        requireCard(accountId, paymentMethodId);
        writes.write(BillingAccountService.RESOURCE, accountId, "update", turn -> {
            requireCard(accountId, paymentMethodId);
            if (accounts.defaultPaymentMethod(accountId).filter(paymentMethodId::equals).isPresent()) {
                return null;
            }
            turn.stripeWrite(() -> {
                customers.update(accountId, CustomerChanges.defaultPaymentMethod(paymentMethodId), turn.writeId(),
                        turn.deadline());
                return null;
            });
            turn.settle(() -> accounts.setDefaultPaymentMethod(accountId, paymentMethodId));
            return null;
        });
    }

    /**
     * Detaches the card in Stripe, which also clears the customer's default if it was this card; the default card
     * stays while the account has active subscriptions, since their invoices are charged to it, and the account's
     * only card always stays. Both are judged in the card's turn before Stripe is asked, so a refusal changes nothing.
     */
    public void detach(String caller, String workspaceId, String accountId, String paymentMethodId) {
        access.requireWrite(caller, workspaceId);
        requireAccount(workspaceId, accountId);
        requireCard(accountId, paymentMethodId);
        writes.write(RESOURCE, paymentMethodId, "detach", turn -> {
            requireCard(accountId, paymentMethodId);
            boolean isDefault = accounts.defaultPaymentMethod(accountId).filter(paymentMethodId::equals).isPresent();
            if (isDefault && subscriptions.countActive(accountId) > 0) {
                throw new Problem(Problem.Kind.UNPROCESSABLE, "cannot_detach_default_with_subscriptions",
                        "The default payment method pays the account's active subscriptions; make another one the"
                                + " default or cancel them before detaching it.");
            }
            if (methods.count(accountId) == 1) {
                throw new Problem(Problem.Kind.UNPROCESSABLE, "cannot_detach_only_payment_method",
                        "The only payment method of a billing account cannot be detached; add another one first.");
            }
            turn.stripeWrite(() -> {
                try {
                    stripe.detach(paymentMethodId, turn.writeId(), turn.deadline());
                } catch (StripeFailure failure) {
                    if (!failure.objectMissing()) {
                        throw failure;
                    }
                }
                return null;
            });
            turn.settle(() -> detached.forget(paymentMethodId));
            return null;
        });
    }

    /**
     * Runs in the transaction that reserves a setup intent's place, under the account's row lock: the account's
     * cards, its setup intents handed out and not yet confirmed, and those being created count against the limit.
     */
    private boolean requirePlace(String accountId) {
        accounts.lock(accountId).orElseThrow(() -> Problem.notFound("billing account"));
        OffsetDateTime openSince = Timestamps.now(clock).minus(PaymentMethodMirror.OPEN_INTENT_LIFETIME);
        if (methods.countWithSetupsUnderWay(accountId, SETUP_INTENT, openSince) >= LIMIT) {
            throw new Problem(Problem.Kind.UNPROCESSABLE, "payment_method_limit_reached",
                    "A billing account may have at most " + LIMIT + " payment methods; detach one first.");
        }
        return true;
    }

    private void requireAccount(String workspaceId, String accountId) {
        if (accounts.find(workspaceId, accountId).isEmpty()) {
            throw Problem.notFound("billing account");
        }
    }

    private void requireCard(String accountId, String paymentMethodId) {
        if (!methods.has(accountId, paymentMethodId)) {
            throw Problem.notFound("payment method");
        }
    }
}
