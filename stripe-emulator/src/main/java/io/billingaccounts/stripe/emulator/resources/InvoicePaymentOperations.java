package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/** /v1/invoice_payments: retrieve and list what paid the invoices, to find an invoice's payment intent. */
public final class InvoicePaymentOperations {

    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        return KeptObjects.retrieve(request, state, InvoicePaymentDocument.KIND, "invoice_payment");
    }

    /**
     * Newest first; filters by {@code invoice}, {@code status}, {@code payment[type]}, {@code payment[payment_intent]}
     * and {@code created}.
     */
    public Outcome list(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        UnmodelledReferences.refuse(params, Map.of("payment[payment_record]", "payment record"));
        ParamNode.Branch payment = params.has("payment") ? params.branch("payment") : new ParamNode.Branch();
        Predicate<ObjectNode> filter = RangeFilter.on("/created", params.get("created"))
                .and(Filters.equalTo("invoice", params.string("invoice")))
                .and(Filters.equalTo("status", params.string("status")))
                .and(Filters.atEqualTo("/payment/type", payment.string("type")))
                .and(Filters.atEqualTo("/payment/payment_intent", payment.string("payment_intent")));
        Expansions items = Expansions.of(params).ofListItems(Set.of());
        return Outcome.read(ListPage.of(state.objectsNewestFirst(InvoicePaymentDocument.KIND), filter, params,
                "/v1/invoice_payments", "invoice_payment", each -> items.object(each, state)));
    }
}
