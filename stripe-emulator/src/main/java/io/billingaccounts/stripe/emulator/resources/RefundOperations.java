package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.events.EmulatorEvent;
import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * /v1/refunds: create, retrieve, list. A refund gives back part or all of what a payment intent received (by
 * default all that is left); what is left is what it received less its refunds, as Stripe counts it on the
 * charge, so the payment intent and the invoice it paid stay as they are. Charges are not kept: a refund names a
 * {@code payment_intent}, and {@code charge} answers "No such charge".
 */
public final class RefundOperations {

    private static final Map<String, String> UNMODELLED_REFERENCES = Map.of("charge", "charge");

    public Outcome create(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        UnmodelledReferences.refuse(params, UNMODELLED_REFERENCES);
        String intentId = params.string("payment_intent");
        if (intentId == null || intentId.isEmpty()) {
            throw StripeError.invalidRequest("One of the following params should be provided for this request:"
                    + " payment_intent or charge.", null);
        }
        ObjectNode intent = KeptObjects.existing(state, PaymentIntentDocument.KIND, "payment_intent", intentId,
                "payment_intent");
        long left = PaymentIntentDocument.amountReceived(intent) - refunded(intentId, state);
        if (left == 0) {
            throw new StripeError(400, StripeError.INVALID_REQUEST, "charge_already_refunded",
                    "Charge for PaymentIntent " + intentId + " has already been refunded.", null);
        }
        long amount = params.has("amount") ? Params.integer(params, "amount") : left;
        if (amount < 1) {
            throw StripeError.invalidRequest("This value must be greater than or equal to 1.", "amount");
        }
        if (amount > left) {
            String currency = intent.get("currency").asString();
            throw StripeError.invalidRequest("Refund amount (" + InvoiceDocument.money(amount, currency)
                    + ") is greater than unrefunded amount on charge (" + InvoiceDocument.money(left, currency) + ")",
                    "amount");
        }
        long now = request.now();
        ObjectNode refund = RefundDocument.succeeded(intent, amount, params.string("reason"),
                Metadata.merge(null, params.has("metadata") ? params.get("metadata") : new ParamNode.Branch()), now);
        List<Change> changes = List.of(new Change.PutObject(refund));
        return Outcome.committed(Expansions.of(params).object(refund, state, changes), changes,
                List.of(new EmulatorEvent("refund.created", refund, null, now)));
    }

    public Outcome retrieve(ResourceRequest request, EmulatorState state) {
        return KeptObjects.retrieve(request, state, RefundDocument.KIND, "refund");
    }

    /** Newest first; filters by {@code payment_intent} and {@code created}. */
    public Outcome list(ResourceRequest request, EmulatorState state) {
        ParamNode.Branch params = request.params();
        UnmodelledReferences.refuse(params, UNMODELLED_REFERENCES);
        Predicate<ObjectNode> filter = RangeFilter.on("/created", params.get("created"))
                .and(Filters.equalTo("payment_intent", params.string("payment_intent")));
        Expansions items = Expansions.of(params).ofListItems(Set.of());
        return Outcome.read(ListPage.of(state.objectsNewestFirst(RefundDocument.KIND), filter, params, "/v1/refunds",
                "refund", refund -> items.object(refund, state)));
    }

    private static long refunded(String intentId, EmulatorState state) {
        return state.objectsNewestFirst(RefundDocument.KIND).stream().filter(refund -> RefundDocument.isOf(refund, intentId))
                .mapToLong(refund -> refund.get("amount").asLong()).sum();
    }
}
