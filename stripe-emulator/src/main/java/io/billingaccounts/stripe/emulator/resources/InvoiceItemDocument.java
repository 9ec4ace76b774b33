package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import tools.jackson.databind.node.ObjectNode;

/**
 * The invoice item object in the shape of the Stripe API version stripe-java pins: here always a proration a
 * subscription update made with {@code proration_behavior=create_prorations}. It waits, pending ({@code invoice}
 * null), for the subscription's next invoice, which bills it as a line of its own and takes it.
 */
final class InvoiceItemDocument {

    static final String KIND = "invoiceitem";

    private InvoiceItemDocument() {
    }

    static ObjectNode pending(BilledLine line, ObjectNode subscription, long now) {
        BilledLine.Price price = line.price();
        ObjectNode item = Json.object();
        item.put("id", StripeIds.invoiceItem());
        item.put("object", KIND);
        item.put("amount", line.amount());
        item.put("currency", price.currency());
        item.put("customer", subscription.get("customer").asString());
        item.putNull("customer_account");
        item.put("date", now);
        item.put("description", line.description());
        item.put("discountable", false);
        item.putArray("discounts");
        item.putNull("invoice");
        item.put("livemode", false);
        item.putObject("metadata");
        item.put("net_amount", line.amount());
        ObjectNode parent = item.putObject("parent");
        parent.putObject("subscription_details").put("subscription", subscription.get("id").asString())
                .put("subscription_item", line.subscriptionItem());
        parent.put("type", "subscription_details");
        item.putObject("period").put("end", line.periodEnd()).put("start", line.periodStart());
        ObjectNode pricing = item.putObject("pricing");
        pricing.putObject("price_details").put("price", price.id()).put("product", price.product());
        pricing.put("type", "price_details");
        pricing.put("unit_amount_decimal", Long.toString(price.unitAmount()));
        item.put("proration", line.proration());
        item.putObject("proration_details").putNull("credited_items").putArray("discount_amounts");
        item.put("quantity", line.quantity());
        item.putNull("quantity_decimal");
        item.putArray("tax_rates");
        item.putNull("test_clock");
        return item;
    }

    static boolean isPendingFor(ObjectNode item, String subscriptionId) {
        return item.get("invoice").isNull()
                && item.at("/parent/subscription_details/subscription").asString("").equals(subscriptionId);
    }

    /** The line the item makes on the invoice that takes it. */
    static BilledLine line(ObjectNode item) {
        BilledLine.Price price = new BilledLine.Price(item.at("/pricing/price_details/price").asString(),
                item.at("/pricing/price_details/product").asString(), item.get("currency").asString(),
                Long.parseLong(item.at("/pricing/unit_amount_decimal").asString()));
        return new BilledLine(price, item.at("/parent/subscription_details/subscription_item").asString(),
                item.get("quantity").asLong(), item.get("amount").asLong(), item.get("description").asString(),
                item.at("/period/start").asLong(), item.at("/period/end").asLong(), item.get("proration").asBoolean(),
                item.get("id").asString());
    }

    static ObjectNode invoiced(ObjectNode item, String invoiceId) {
        return item.deepCopy().put("invoice", invoiceId);
    }
}
