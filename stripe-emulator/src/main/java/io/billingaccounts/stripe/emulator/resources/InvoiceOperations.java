package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/** /v1/invoices: retrieve and list the invoices subscriptions made. */
public final class InvoiceOperations {

    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        return KeptObjects.retrieve(request, state, InvoiceDocument.KIND, "invoice");
    }

    /** Filters by {@code customer}, {@code subscription}, {@code status}, {@code collection_method} and the timestamps. */
    public Outcome list(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        UnmodelledReferences.refuse(params, Map.of("customer_account", "account"));
        Predicate<ObjectNode> filter = RangeFilter.on("/created", params.get("created"))
                .and(RangeFilter.on("/due_date", params.get("due_date")))
                .and(Filters.equalTo("customer", params.string("customer")))
                .and(Filters.atEqualTo("/parent/subscription_details/subscription", params.string("subscription")))
                .and(Filters.equalTo("status", params.string("status")))
                .and(Filters.equalTo("collection_method", params.string("collection_method")));
        Expansions items = Expansions.of(params).ofListItems(Set.of());
        return Outcome.read(ListPage.of(state.objectsNewestFirst(InvoiceDocument.KIND), filter, params, "/v1/invoices",
                "invoice", invoice -> items.object(invoice, state)));
    }
}
