package io.billingaccounts.server.stripe;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A subscription as Stripe holds it, in what this service mirrors. {@code collectionPaused}: Stripe's
 * {@code pause_collection} is set. Instants are null where Stripe has none. {@code latestInvoice} is there only
 * when the call that answered it made one (a create charged at once, a resume), otherwise null.
 */
public record SubscriptionSnapshot(String id, String customerId, String status, String currency,
                                   List<ItemSnapshot> items, Map<String, String> metadata, Instant currentPeriodStart,
                                   Instant currentPeriodEnd, Instant trialEnd, boolean cancelAtPeriodEnd,
                                   boolean collectionPaused, Instant created, InvoiceSnapshot latestInvoice) {

    /** One item: its price's lookup key names the product ({@code <product>_monthly_<currency>}). */
    public record ItemSnapshot(String itemId, String priceId, String lookupKey, long quantity, String interval) {
    }
}
