package io.billingaccounts.server.subscriptions;

/** Whether a billing account may subscribe now, with a trial or with its default payment method. */
public record TrialEligibility(boolean trialEligible, boolean hasPaymentMethod) {

    public boolean canCreateSubscription() {
        return trialEligible || hasPaymentMethod;
    }
}
