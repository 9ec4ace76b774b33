package io.billingaccounts.server.subscriptions;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Violations;
import io.billingaccounts.server.stripe.StripeMetadata;

/** The limits of subscriptions, in one place (the spec states the same). */
public final class SubscriptionRules {

    public static final int MAX_ACTIVE_PER_ACCOUNT = 3;
    public static final int TRIAL_DAYS = 14;
    /** The statuses in which a subscription counts as active: against the limit, and as capacity bought. */
    public static final Set<String> ACTIVE_STATUSES = Set.of("active", "trialing", "past_due", "paused");
    public static final int MAX_METADATA_PAIRS = 10;
    // Stripe's own limits on metadata.
    public static final int MAX_METADATA_KEY = 40;
    public static final int MAX_METADATA_VALUE = 500;

    private SubscriptionRules() {
    }

    public static List<FieldViolation> violations(NewSubscription subscription) {
        Violations found = new Violations();
        if (subscription.products().isEmpty()) {
            found.add("product_quantities", "required", "must name at least one product");
        }
        found.addAll(metadataViolations(subscription.metadata()));
        return found.list();
    }

    /** {@code metadata} may be null; a null value (a removal) is judged by its key only. */
    static List<FieldViolation> metadataViolations(Map<String, String> metadata) {
        Violations found = new Violations();
        if (metadata == null) {
            return found.list();
        }
        if (metadata.size() > MAX_METADATA_PAIRS) {
            found.add("metadata", "too_many_pairs", "may hold at most " + MAX_METADATA_PAIRS + " pairs");
        }
        metadata.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > MAX_METADATA_KEY || key.contains("[") || key.contains("]")) {
                found.add("metadata." + key, "invalid_key", "keys are 1 to " + MAX_METADATA_KEY
                        + " characters without square brackets");
            } else if (reserved(key)) {
                found.add("metadata." + key, "reserved_key", "workspace_id and keys starting with billing_ are the"
                        + " service's own");
            } else if (value != null && value.length() > MAX_METADATA_VALUE) {
                found.add("metadata." + key, "too_long", "must be at most " + MAX_METADATA_VALUE + " characters");
            }
        });
        return found.list();
    }

    /**
     * The keys the service keeps on Stripe's subscription for itself (the workspace, the create that made it): a
     * caller's value there would be taken for the service's.
     */
    private static boolean reserved(String key) {
        return StripeMetadata.isServiceKey(key);
    }

    /** After a merge, the metadata must still fit. */
    static List<FieldViolation> mergedMetadataViolations(Map<String, String> merged) {
        Violations found = new Violations();
        if (merged.size() > MAX_METADATA_PAIRS) {
            found.add("metadata", "too_many_pairs", "would hold more than " + MAX_METADATA_PAIRS + " pairs");
        }
        return found.list();
    }
}
