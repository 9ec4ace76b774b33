package io.billingaccounts.stripe.emulator.events;

/**
 * Told of every committed change, after it is durable and before its request is answered, on the
 * request's thread and outside the data lock. A listener must be quick and must not throw.
 */
@FunctionalInterface
public interface EmulatorEventListener {
    void onEvent(EmulatorEvent event);
}
