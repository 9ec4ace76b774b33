package io.billingaccounts.server.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.billing.BillingAccountService;
import io.billingaccounts.server.store.BillingAccountStore;
import io.billingaccounts.server.store.PaymentMethodRow;
import io.billingaccounts.server.store.PaymentMethodStore;
import io.billingaccounts.server.store.SetupIntentStore;
import io.billingaccounts.server.stripe.CardSnapshot;
import io.billingaccounts.server.stripe.CustomerChanges;
import io.billingaccounts.server.stripe.Deadline;
import io.billingaccounts.server.stripe.SetupIntentSnapshot;
import io.billingaccounts.server.stripe.StripeCustomers;
import io.billingaccounts.server.stripe.StripePaymentMethods;
import io.billingaccounts.server.stripe.StripeSettings;
import io.billingaccounts.server.writes.StripeWrites;

/**
 * The mirror of billing accounts' cards, and the one place that takes in what Stripe attached or detached: a list
 * (through the setup intents it handed out), webhook events and recovery all come here. A card newly seen on an
 * account without a default becomes its default, in Stripe and here, through the account's turn.
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
                takeIn(accountId, intent.get().card(), id);
            }
        }
    }

    /** A setup intent Stripe reports confirmed, from a webhook; one not handed out for an account is ignored. */
    void takeInSetup(String setupIntentId) {
        Optional<SetupIntentSnapshot> intent = stripe.retrieveSetupIntent(setupIntentId,
                Deadline.in(settings.deadline()));
        if (intent.isPresent() && intent.get().succeeded() && intent.get().customerId() != null
                && accounts.findById(intent.get().customerId()).isPresent()) {
            takeIn(intent.get().customerId(), intent.get().card(), setupIntentId);
        }
    }

    /** A payment method Stripe reports attached or detached, from a webhook: the mirror follows Stripe's word. */
    void follow(String paymentMethodId) {
        Optional<CardSnapshot> card = stripe.retrieve(paymentMethodId, Deadline.in(settings.deadline()));
        String customerId = card.map(CardSnapshot::customerId).orElse(null);
        if (customerId != null && accounts.findById(customerId).isPresent()) {
            takeIn(customerId, card.get(), null);
        } else if (customerId == null && methods.findById(paymentMethodId).isPresent()) {
            writes.write(PaymentMethodService.RESOURCE, paymentMethodId, "forget", turn -> {
                // Read again in the card's turn: a detach of ours may have just finished.
                if (methods.findById(paymentMethodId).isPresent()
                        && stripe.retrieve(paymentMethodId, turn.deadline()).map(CardSnapshot::customerId).isEmpty()) {
                    turn.settle(() -> detached.forget(paymentMethodId));
                    log.info("Payment method {} was detached in Stripe", paymentMethodId);
                }
                return null;
            });
        }
    }

    /**
     * Stores a card Stripe holds attached to the account's customer, once; the first card of an account without a
     * default becomes its default. {@code setupIntentId}, when not null, is the setup intent it came from, no
     * longer open. Holds the account's turn, so two callers seeing the same card store it once and agree on the
     * default; recovery of that turn (the customer's) brings Stripe's default back to what is stored here.
     */
    void takeIn(String accountId, CardSnapshot card, String setupIntentId) {
        if (card == null || !accountId.equals(card.customerId()) || methods.findById(card.id()).isPresent()) {
            if (setupIntentId != null) {
                intents.delete(setupIntentId);
            }
            return;
        }
        writes.write(BillingAccountService.RESOURCE, accountId, "update", turn -> {
            if (accounts.findById(accountId).isEmpty() || methods.findById(card.id()).isPresent()) {
                return null;
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
                methods.insert(new PaymentMethodRow(card.id(), accountId, card.brand(), card.last4(),
                        card.expMonth(), card.expYear(), card.name(), null, Timestamps.now(clock)));
                if (first) {
                    accounts.setDefaultPaymentMethod(accountId, card.id());
                }
            });
            return null;
        });
        if (setupIntentId != null) {
            intents.delete(setupIntentId);
        }
    }
}
