package io.billingaccounts.stripe.emulator.faults;

/**
 * One injected fault as it stands: which requests it hits ("METHOD /path/glob"), what it does, how
 * many requests it was to hit and how many more it will.
 */
public record FaultRule(String id, String match, FaultKind kind, int times, int remaining) {
}
