package io.billingaccounts.stripe.emulator.events;

import tools.jackson.databind.node.ObjectNode;

/**
 * A committed change, named like the Stripe event it would become ({@code customer.created},
 * {@code customer.subscription.updated}, {@code setup_intent.succeeded}, {@code payment_method.attached},
 * {@code invoice.paid} ...; the README lists them): the seed for webhooks.
 *
 * @param object the object as it is after the change, in Stripe's JSON shape
 * @param previousAttributes for updates, the old values of the top-level fields that changed; else null
 * @param created epoch seconds
 */
public record EmulatorEvent(String type, ObjectNode object, ObjectNode previousAttributes, long created) {
}
