package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.store.EmulatorState;

/**
 * One Stripe API operation. It reads the state and says what to change; it never changes the state
 * itself, so that the caller can log the changes before they take effect.
 */
@FunctionalInterface
public interface Operation {
    Outcome execute(ResourceRequest request, EmulatorState state);
}
