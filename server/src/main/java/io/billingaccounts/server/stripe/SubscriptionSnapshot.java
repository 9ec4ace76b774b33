package io.billingaccounts.server.stripe;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A subscription as Stripe holds it, in what this service mirrors. {@code collectionPaused}: Stripe's
 * {@code pause_collection} is set. Instants are null where Stripe has none. {@code latestInvoice} is there only
 * when the call that answered it made one (a create charged at once, a resume), otherwise null. {@code scheduleId}
 * names the subscription schedule that manages it, if any; {@code pending} is what that schedule makes of it at the
 * start of its next period (null for nothing), known only when {@code scheduleRead} (an event names the schedule
 * without showing it).
 */
public record SubscriptionSnapshot(String id, String customerId, String status, String currency,
                                   List<ItemSnapshot> items, Map<String, String> metadata, Instant currentPeriodStart,
                                   Instant currentPeriodEnd, Instant trialEnd, boolean cancelAtPeriodEnd,
                                   boolean collectionPaused, String scheduleId, Pending pending,
                                   boolean scheduleRead, Instant created, InvoiceSnapshot latestInvoice) {

    /** One item: its price's lookup key names the product ({@code <product>_monthly_<currency>}). */
    public record ItemSnapshot(String itemId, String priceId, String lookupKey, long quantity, String interval) {
    }

    /** The items a schedule's next phase sets, from {@code effectiveAt}; their item ids are null. */
    public record Pending(List<ItemSnapshot> items, Instant effectiveAt) {
    }

    /** The same subscription, managed by {@code schedule} with {@code next} pending (null for none). */
    public SubscriptionSnapshot withSchedule(String schedule, Pending next) {
        return new SubscriptionSnapshot(id, customerId, status, currency, items, metadata, currentPeriodStart,
                currentPeriodEnd, trialEnd, cancelAtPeriodEnd, collectionPaused, schedule, next, true, created,
                latestInvoice);
    }
}
