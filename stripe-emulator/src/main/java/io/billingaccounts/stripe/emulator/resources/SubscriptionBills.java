package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.store.EmulatorState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a subscription's invoices bill: the prorations waiting for its next invoice (pending invoice items, oldest
 * first), then one line an item for its current period ({@code 5 × Locations (at $10.00 / month)}, quantity × unit
 * amount). A renewal, a trial's end and a preview of either read them here alike.
 */
final class SubscriptionBills {

    private SubscriptionBills() {
    }

    /** The invoice of the subscription's current period, with what is pending for it. */
    static Bill period(String billingReason, ObjectNode subscription, EmulatorState state) {
        List<BilledLine> lines = new ArrayList<>(pending(subscription, state));
        lines.addAll(periodLines(subscription, productNames(state)));
        return new Bill(billingReason, SubscriptionDocument.currentPeriodStart(subscription),
                SubscriptionDocument.currentPeriodEnd(subscription), lines);
    }

    /** The prorations waiting for the subscription's next invoice, oldest first. */
    static List<BilledLine> pending(ObjectNode subscription, EmulatorState state) {
        List<BilledLine> lines = new ArrayList<>();
        String id = subscription.get("id").asString();
        for (ObjectNode item : state.objectsNewestFirst(InvoiceItemDocument.KIND)) {
            if (InvoiceItemDocument.isPendingFor(item, id)) {
                lines.add(0, InvoiceItemDocument.line(item));
            }
        }
        return lines;
    }

    /** One line an item, over the subscription's current period. */
    static List<BilledLine> periodLines(ObjectNode subscription, UnaryOperator<String> productName) {
        long start = SubscriptionDocument.currentPeriodStart(subscription);
        long end = SubscriptionDocument.currentPeriodEnd(subscription);
        List<BilledLine> lines = new ArrayList<>();
        for (JsonNode item : subscription.get("items").get("data").values()) {
            ObjectNode price = (ObjectNode) item.get("price");
            BilledLine.Price billed = BilledLine.Price.of(price);
            long quantity = item.get("quantity").asLong();
            String description = quantity + " × " + productName.apply(billed.product()) + " (at "
                    + InvoiceDocument.money(billed.unitAmount(), billed.currency()) + " / "
                    + price.get("recurring").get("interval").asString() + ")";
            lines.add(new BilledLine(billed, item.get("id").asString(), quantity, quantity * billed.unitAmount(),
                    description, start, end, false, null));
        }
        return lines;
    }

    /** A product's name by id; the id itself when the account keeps no such product. */
    static UnaryOperator<String> productNames(EmulatorState state) {
        return id -> {
            ObjectNode product = state.object(ProductDocument.KIND, id);
            return product == null ? id : product.get("name").asString();
        };
    }
}
