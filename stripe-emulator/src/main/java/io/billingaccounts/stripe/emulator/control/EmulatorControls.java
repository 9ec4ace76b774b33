package io.billingaccounts.stripe.emulator.control;

import io.billingaccounts.stripe.emulator.clock.EmulatorClock;
import io.billingaccounts.stripe.emulator.faults.FaultInjector;
import io.billingaccounts.stripe.emulator.limits.StripeLimits;
import io.billingaccounts.stripe.emulator.requestlog.RequestLog;
import io.billingaccounts.stripe.emulator.webhooks.WebhookDeliverer;

/**
 * What a test may steer of a running emulator: the same through the control API ({@link ControlApiHandler}) and the
 * emulator's Java API.
 *
 * @param wipeData forgets all data, events, idempotency keys, logged requests and webhook deliveries
 */
public record EmulatorControls(FaultInjector faults, RequestLog requestLog, WebhookDeliverer webhooks,
        Runnable wipeData, EmulatorClock clock, StripeLimits limits) {
}
