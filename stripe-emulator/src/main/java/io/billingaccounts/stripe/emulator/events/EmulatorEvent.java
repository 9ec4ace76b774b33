package io.billingaccounts.stripe.emulator.events;

import tools.jackson.databind.node.ObjectNode;

/**
 * A committed change, named like the Stripe event it would become ({@code customer.created},
 * {@code customer.updated}, {@code customer.deleted}, {@code customer.subscription.created},
 * {@code customer.subscription.deleted}): the seed for webhooks.
 *
 * @param object the object as it is after the change, in Stripe's JSON shape
 * @param previousAttributes for updates, the old values of the top-level fields that changed; else null
 * @param created epoch seconds
 */
public record EmulatorEvent(String type, ObjectNode object, ObjectNode previousAttributes, long created) {
}
