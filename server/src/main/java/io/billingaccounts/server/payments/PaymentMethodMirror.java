package io.billingaccounts.server.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.billing.BillingAccountService;
import io.billingaccounts.server.billing.BillingAccountStore;
import io.billingaccounts.server.stripe.CardSnapshot;
import io.billingaccounts.server.stripe.CustomerChanges;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.SetupIntentSnapshot;
import io.billingaccounts.server.stripe.StripeCustomers;
import io.billingaccounts.server.stripe.StripeEvent;
import io.billingaccounts.server.stripe.StripePaymentMethods;
import io.billingaccounts.server.stripe.StripeSettings;
import io.billingaccounts.server.writes.StripeWrites;
import io.billingaccounts.server.writes.Turn;

/**
 * The mirror of billing accounts' cards, and the one place that takes in what Stripe attached or detached: a list
 * (through the setup intents it handed out) and webhook events come here, and each card enters through
 * {@link StripeWrites#refresh}, as customers, subscriptions and invoices do: what the mirror holds costs nothing,
 * anything else is stored holding the object's turn. A card newly seen on an account without a default becomes its
 * default, in Stripe and here, through the account's turn.
 */
@Component
class PaymentMethodMirror {

    /** A list looks at most at this many of an account's newest open setup intents. */
    static final int OPEN_INTENTS_LOOKED_AT = 5;
    /** A setup intent not confirmed within this long is forgotten (its card, if ever, arrives by webhook). */
    static final Duration OPEN_INTENT_LIFETIME = Duration.ofHours(24);

    private static final Logger log = LoggerFactory.getLogger(PaymentMethodMirror.class);

    private final PaymentMethodStore methods;
    private final SetupIntentStore intents;
    private final BillingAccountStore accounts;
    private final StripePaymentMethods stripe;
    private final StripeCustomers customers;
    private final StripeWrites writes;
    private final StripeSettings settings;
    private final DetachedCards detached;
    private final Clock clock;

    PaymentMethodMirror(PaymentMethodStore methods, SetupIntentStore intents, BillingAccountStore accounts,
                        StripePaymentMethods stripe, StripeCustomers customers, StripeWrites writes,
                        StripeSettings settings, DetachedCards detached, Clock clock) {
        this.methods = methods;
        this.intents = intents;
        this.accounts = accounts;
        this.stripe = stripe;
        this.customers = customers;
        this.writes = writes;
        this.settings = settings;
        this.detached = detached;
        this.clock = clock;
    }

    /**
     * Looks in Stripe at the account's open setup intents: a confirmed one's card is taken in, a canceled one
     * forgotten. So a card confirmed a moment ago is listed before its webhook arrives, and an account with no
     * open setup intent costs no Stripe call.
     */
    void takeInConfirmedSetups(String accountId) {
        OffsetDateTime cutoff = Timestamps.now(clock).minus(OPEN_INTENT_LIFETIME);
        intents.dropOlderThan(accountId, cutoff);
        List<String> open = intents.open(accountId, cutoff, OPEN_INTENTS_LOOKED_AT);
        if (open.isEmpty()) {
            return;
        }
        Deadline deadline = Deadline.in(settings.deadline());
        for (String id : open) {
            Optional<SetupIntentSnapshot> intent = stripe.retrieveSetupIntent(id, deadline);
            if (intent.isEmpty() || intent.get().canceled()) {
                intents.delete(id);
            } else if (intent.get().succeeded()) {
                CardSnapshot card = intent.get().card();
                if (card != null) {
                    writes.refresh(BillingAccountService.RESOURCE, accountId, () -> holds(accountId, card.id()),
                            turn -> store(turn, accountId, card));
                }
                closeSetup(id);
            }
        }
    }

    /**
     * A card an event tells of on the event's customer: nothing when that is no billing account or the mirror has
     * the card; otherwise {@code readAfresh} reads it in the account's turn and it is stored.
     */
    void takeIn(StripeEvent event, String cardId, Function<Deadline, Optional<CardSnapshot>> readAfresh) {
        String accountId = event.object().path("customer").asString(null);
        if (accountId != null) {
            writes.refresh(event, BillingAccountService.RESOURCE, accountId, () -> holds(accountId, cardId),
                    turn -> readAfresh.apply(turn.deadline()).ifPresent(card -> store(turn, accountId, card)));
        }
    }

    /** A card Stripe reports detached: forgotten once a fresh read in the card's turn shows it attached to nobody. */
    void forgetDetached(StripeEvent event) {
        String cardId = event.objectId();
        writes.refresh(event, PaymentMethodService.RESOURCE, cardId, () -> methods.accountOf(cardId).isEmpty(),
                turn -> {
                    if (stripe.retrieve(cardId, turn.deadline()).map(CardSnapshot::customerId).isEmpty()) {
                        turn.settle(() -> detached.forget(cardId));
                        log.info("Payment method {} was detached in Stripe", cardId);
                    }
                });
    }

    /** A setup intent seen confirmed is no longer open: a list need not ask Stripe about it again. */
    void closeSetup(String setupIntentId) {
        intents.delete(setupIntentId);
    }

    /** There is no such account, or the mirror has the card already. */
    private boolean holds(String accountId, String cardId) {
        return accounts.findById(accountId).isEmpty() || cardId != null && methods.accountOf(cardId).isPresent();
    }

    /**
     * Stores a card Stripe holds attached to the account's customer, in the account's turn (so two callers seeing
     * the same card store it once and agree on the default); the first card of an account without a default
     * becomes its default. Recovery of that turn (the customer's) brings Stripe's default back to what is stored.
     */
    private void store(Turn turn, String accountId, CardSnapshot card) {
        if (!accountId.equals(card.customerId())) {
            return;
        }
        boolean first = accounts.defaultPaymentMethod(accountId).isEmpty();
        if (first) {
            turn.stripeWrite(() -> {
                customers.update(accountId, CustomerChanges.defaultPaymentMethod(card.id()), turn.writeId(),
                        turn.deadline());
                return null;
            });
        }
        turn.settle(() -> {
            methods.insert(accountId, card, Timestamps.now(clock));
            if (first) {
                accounts.setDefaultPaymentMethod(accountId, card.id());
            }
        });
    }
}
