package io.billingaccounts.server.stripe;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.stripe.StripeClient;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionResumeParams;
import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.SubscriptionSearchParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.common.EmptyParam;

/** The Stripe subscriptions of billing accounts. */
@Component
public class StripeSubscriptions {

    private final StripeClient stripe;
    private final StripeCalls calls;
    private final StripeInvoices invoices;
    private final StripePrices prices;

    StripeSubscriptions(StripeClient stripe, StripeCalls calls, StripeInvoices invoices, StripePrices prices) {
        this.stripe = stripe;
        this.calls = calls;
        this.invoices = invoices;
        this.prices = prices;
    }

    /**
     * The subscription's create; with {@code trialDays}, a trial of that many days that pauses at its end when no
     * payment method is there; without, the first invoice is charged at once, and a declined card leaves nothing
     * (a {@link StripeFailure} of kind PAYMENT_REQUIRED).
     */
    public StripeCreate<SubscriptionSnapshot> create(String customerId, Map<String, Long> quantitiesByPrice,
                                                     Map<String, String> metadata, Integer trialDays) {
        SubscriptionCreateParams.Builder params = SubscriptionCreateParams.builder()
                .setCustomer(customerId)
                .putAllMetadata(metadata)
                .setPaymentBehavior(SubscriptionCreateParams.PaymentBehavior.ERROR_IF_INCOMPLETE)
                // The first invoice comes with the answer: the caller's next read lists it.
                .addExpand("latest_invoice");
        quantitiesByPrice.forEach((price, quantity) -> params.addItem(
                SubscriptionCreateParams.Item.builder().setPrice(price).setQuantity(quantity).build()));
        if (trialDays != null) {
            params.setTrialPeriodDays(trialDays.longValue()).setTrialSettings(
                    SubscriptionCreateParams.TrialSettings.builder().setEndBehavior(
                            SubscriptionCreateParams.TrialSettings.EndBehavior.builder().setMissingPaymentMethod(
                                    SubscriptionCreateParams.TrialSettings.EndBehavior.MissingPaymentMethod.PAUSE)
                                    .build()).build());
        }
        SubscriptionCreateParams built = params.build();
        return calls.create("/v1/subscriptions", built,
                requestOptions -> snapshotOfAnswer(stripe.v1().subscriptions().create(built, requestOptions)));
    }

    public SubscriptionSnapshot update(String subscriptionId, SubscriptionChanges changes, String idempotencyKey,
                                       Deadline deadline) {
        SubscriptionUpdateParams.Builder params = SubscriptionUpdateParams.builder();
        if (changes.items() != null) {
            // StripeInvoices.preview maps an ItemChange the same way, on purpose: stripe-java makes each endpoint's
            // item parameters a class of its own, with no type in common that one loop could fill.
            for (SubscriptionChanges.ItemChange item : changes.items()) {
                SubscriptionUpdateParams.Item.Builder change = SubscriptionUpdateParams.Item.builder();
                if (item.itemId() != null) {
                    change.setId(item.itemId());
                } else {
                    change.setPrice(item.priceId());
                }
                if (item.quantity() == 0) {
                    change.setDeleted(true);
                } else {
                    change.setQuantity(item.quantity());
                }
                params.addItem(change.build());
            }
        }
        if (changes.metadata() != null) {
            // Stripe removes a key sent with an empty value.
            changes.metadata().forEach((key, value) -> params.putMetadata(key, value == null ? "" : value));
        }
        if (changes.collectionPaused() != null) {
            if (changes.collectionPaused()) {
                params.setPauseCollection(SubscriptionUpdateParams.PauseCollection.builder()
                        .setBehavior(SubscriptionUpdateParams.PauseCollection.Behavior.VOID).build());
            } else {
                params.setPauseCollection(EmptyParam.EMPTY);
            }
        }
        if (changes.cancelAtPeriodEnd() != null) {
            params.setCancelAtPeriodEnd(changes.cancelAtPeriodEnd());
        }
        // What a schedule keeps pending comes with the answer, so the mirror needs no read after the write.
        params.addExpand("schedule");
        return snapshot(calls.call(deadline, idempotencyKey,
                options -> stripe.v1().subscriptions().update(subscriptionId, params.build(), options)));
    }

    /** Starts again a subscription that Stripe paused because its trial ended without a payment method. */
    public SubscriptionSnapshot resume(String subscriptionId, String idempotencyKey, Deadline deadline) {
        SubscriptionResumeParams params = SubscriptionResumeParams.builder().addExpand("latest_invoice")
                .addExpand("schedule").build();
        return snapshotOfAnswer(calls.call(deadline, idempotencyKey,
                options -> stripe.v1().subscriptions().resume(subscriptionId, params, options)));
    }

    /** Ends the subscription now; one already canceled counts as canceled. */
    public void cancelNow(String subscriptionId, Deadline deadline) {
        Optional<SubscriptionSnapshot> current = retrieve(subscriptionId, deadline);
        if (current.isPresent() && !"canceled".equals(current.get().status())) {
            calls.delete(deadline, options -> stripe.v1().subscriptions().cancel(subscriptionId, options));
        }
    }

    /** Subscriptions whose metadata holds {@code key=value}; Stripe's search lags writes, so only recovery uses it. */
    public List<SubscriptionSnapshot> findByMetadata(String key, String value, Deadline deadline) {
        SubscriptionSearchParams params = SubscriptionSearchParams.builder()
                .setQuery("metadata['" + key + "']:'" + value + "'").build();
        return calls.call(deadline, null, options -> stripe.v1().subscriptions().search(params, options))
                .getData().stream().map(StripeSubscriptions::snapshot).toList();
    }

    /** What a create answered, its first invoice included: how recovery takes in a create it replayed. */
    public SubscriptionSnapshot fromAnswer(String json) {
        return snapshotOfAnswer(StripeCalls.model(json, Subscription.class));
    }

    /** Empty when Stripe never had it. */
    public Optional<SubscriptionSnapshot> retrieve(String subscriptionId, Deadline deadline) {
        SubscriptionRetrieveParams params = SubscriptionRetrieveParams.builder().addExpand("schedule").build();
        return calls.find(deadline, options -> stripe.v1().subscriptions().retrieve(subscriptionId, params, options))
                .map(StripeSubscriptions::snapshot);
    }

    /** The subscription an event carries, as the event's sender saw it then. */
    public SubscriptionSnapshot fromEvent(StripeEvent event) {
        return snapshot(event.objectAs(Subscription.class));
    }

    /** A write's answer, with the invoice it made; that invoice's prices are the subscription's own items'. */
    private SubscriptionSnapshot snapshotOfAnswer(Subscription subscription) {
        SubscriptionSnapshot plain = snapshot(subscription);
        if (subscription.getLatestInvoiceObject() == null) {
            return plain;
        }
        Map<String, String> lookupKeys = new HashMap<>();
        plain.items().stream().filter(item -> item.lookupKey() != null).forEach(item -> {
            lookupKeys.put(item.priceId(), item.lookupKey());
            prices.learn(item.priceId(), item.lookupKey());
        });
        return new SubscriptionSnapshot(plain.id(), plain.customerId(), plain.status(), plain.currency(),
                plain.items(), plain.metadata(), plain.currentPeriodStart(), plain.currentPeriodEnd(),
                plain.trialEnd(), plain.cancelAtPeriodEnd(), plain.collectionPaused(), plain.scheduleId(),
                plain.pending(), plain.scheduleRead(), plain.created(),
                invoices.snapshotOfAnswer(subscription.getLatestInvoiceObject(), lookupKeys));
    }

    private static SubscriptionSnapshot snapshot(Subscription subscription) {
        List<SubscriptionItem> data = subscription.getItems() == null ? List.of()
                : subscription.getItems().getData();
        List<SubscriptionSnapshot.ItemSnapshot> items = data.stream().map(item -> new SubscriptionSnapshot.ItemSnapshot(
                item.getId(), item.getPrice().getId(), item.getPrice().getLookupKey(),
                item.getQuantity() == null ? 1 : item.getQuantity(),
                item.getPrice().getRecurring() == null ? "month" : item.getPrice().getRecurring().getInterval()))
                .toList();
        // Stripe keeps the period on each item; all items of a subscription share it.
        Long periodStart = data.isEmpty() ? null : data.get(0).getCurrentPeriodStart();
        Long periodEnd = data.isEmpty() ? null : data.get(0).getCurrentPeriodEnd();
        // A schedule's phases name prices; a decrease's are the subscription's own, whose lookup keys are here.
        Map<String, String> lookupKeys = new HashMap<>();
        items.forEach(item -> lookupKeys.put(item.priceId(), item.lookupKey()));
        boolean scheduleRead = subscription.getSchedule() == null || subscription.getScheduleObject() != null;
        return new SubscriptionSnapshot(subscription.getId(), subscription.getCustomer(), subscription.getStatus(),
                subscription.getCurrency(), items,
                subscription.getMetadata() == null ? Map.of() : subscription.getMetadata(), instant(periodStart),
                instant(periodEnd), instant(subscription.getTrialEnd()),
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()), subscription.getPauseCollection() != null,
                subscription.getSchedule(),
                StripeSubscriptionSchedules.pendingOf(subscription.getScheduleObject(), periodEnd, lookupKeys),
                scheduleRead, instant(subscription.getCreated()), null);
    }

    private static Instant instant(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
    }
}
