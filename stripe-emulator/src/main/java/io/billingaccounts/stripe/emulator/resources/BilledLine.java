package io.billingaccounts.stripe.emulator.resources;

import tools.jackson.databind.node.ObjectNode;

/**
 * One line of a bill before it is on an invoice: a subscription item's period, the proration of a change to an item,
 * or a pending invoice item that carries such a proration to the next invoice. Invoices and previews make every line
 * from one, so that a preview shows the lines the invoice made later shows.
 *
 * @param subscriptionItem the subscription item it bills
 * @param amount in the currency's minor unit; negative for a credit
 * @param proration whether it prorates a change made within a period
 * @param invoiceItem the pending invoice item ({@code ii_...}) it comes from, or null
 */
record BilledLine(Price price, String subscriptionItem, long quantity, long amount, String description,
        long periodStart, long periodEnd, boolean proration, String invoiceItem) {

    /** What a line tells of its price; a price of unknown amount counts 0. */
    record Price(String id, String product, String currency, long unitAmount) {

        static Price of(ObjectNode price) {
            return new Price(price.get("id").asString(), price.get("product").asString(),
                    price.get("currency").asString(), PriceDocument.unitAmount(price));
        }
    }
}
