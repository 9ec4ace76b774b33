package io.billingaccounts.server.stripe;

import java.util.List;
import java.util.Map;

/**
 * What one update changes in a Stripe subscription; null fields stay as they are. {@code metadata} values that are
 * null remove their key. {@code collectionPaused} true pauses collection (invoices voided), false resumes it.
 */
public record SubscriptionChanges(List<ItemChange> items, Map<String, String> metadata, Boolean collectionPaused,
                                  Boolean cancelAtPeriodEnd) {

    /** An item to add ({@code itemId} null, {@code priceId} set), requantify, or remove ({@code quantity} 0). */
    public record ItemChange(String itemId, String priceId, long quantity) {
    }
}
