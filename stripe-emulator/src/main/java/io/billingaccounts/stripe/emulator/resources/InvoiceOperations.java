package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * /v1/invoices: retrieve and list the invoices subscriptions made, page through an invoice's lines, and preview
 * the next invoice of a subscription.
 */
public final class InvoiceOperations {

    /**
     * {@code POST /v1/invoices/create_preview}: see {@link InvoicePreview}. A read, though a POST: it keeps nothing
     * and tells of nothing, as Stripe keeps no preview.
     */
    public Outcome createPreview(ResourceRequest request, EmulatorState state) {
        return Outcome.read(InvoicePreview.of(request.params(), state, request.now()));
    }

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

    /**
     * {@code GET /v1/invoices/{id}/lines}: the invoice's lines in its order (an item's line after the one before
     * it), paged as Stripe pages any list; {@code No such invoice} (404) for an invoice the account does not have.
     */
    public Outcome lines(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        ObjectNode invoice = KeptObjects.existing(state, InvoiceDocument.KIND, "invoice", request.id(), null);
        String id = invoice.get("id").asString();
        List<ObjectNode> lines = new ArrayList<>();
        for (ObjectNode line : state.objectsNewestFirst(InvoiceDocument.LINE_KIND)) {
            if (line.get("invoice").asString().equals(id)) {
                lines.add(0, line);
            }
        }
        if (lines.isEmpty()) { // kept before lines were kept on their own: the invoice showed them all
            invoice.get("lines").get("data").values().forEach(line -> lines.add((ObjectNode) line));
        }
        Expansions items = Expansions.of(params).ofListItems(Set.of());
        return Outcome.read(ListPage.of(lines, line -> true, params, "/v1/invoices/" + id + "/lines", "line item",
                line -> items.object(line, state)));
    }
}
