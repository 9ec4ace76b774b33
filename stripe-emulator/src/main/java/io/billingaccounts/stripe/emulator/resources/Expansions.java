package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code expand[]} parameter. A reference to an object the emulator keeps becomes the object (a
 * deleted customer's stub for a customer), at any depth and through lists; references it never fills
 * (a customer's default_source, a subscription's schedule ...) stay null, as Stripe leaves a null
 * reference; includable lists (a customer's subscriptions, an invoice's payments) come back as lists.
 */
final class Expansions {

    /**
     * What each kind of object may expand: references (an id, or null where the emulator keeps no such
     * object, which stays null) and the paths through objects and lists to them.
     */
    private static final Map<String, Set<String>> EXPANDABLE = Map.ofEntries(
            Map.entry("customer", Set.of("default_source", "test_clock", "invoice_settings.default_payment_method")),
            Map.entry("subscription", Set.of("application", "customer", "default_payment_method", "default_source",
                    "latest_invoice", "on_behalf_of", "pending_setup_intent", "schedule", "test_clock",
                    "items.data.price")),
            Map.entry(PriceDocument.KIND, Set.of("product")),
            Map.entry(ProductDocument.KIND, Set.of("default_price", "tax_code")),
            Map.entry(SetupIntentDocument.KIND, Set.of("application", "customer", "latest_attempt", "mandate",
                    "on_behalf_of", "payment_method", "single_use_mandate")),
            Map.entry(PaymentMethodDocument.KIND, Set.of("customer")),
            Map.entry(InvoiceDocument.KIND, Set.of("application", "customer", "default_payment_method",
                    "default_source", "latest_revision", "on_behalf_of", "test_clock",
                    "parent.subscription_details.subscription", "lines.data.pricing.price_details.price")),
            Map.entry(InvoiceDocument.LINE_KIND, Set.of("discounts", "subscription", "pricing.price_details.price")),
            Map.entry(InvoicePaymentDocument.KIND, Set.of("invoice", "payment.charge", "payment.payment_intent",
                    "payment.payment_record")),
            Map.entry(PaymentIntentDocument.KIND, Set.of("application", "customer", "latest_charge", "on_behalf_of",
                    "payment_method", "review", "source")),
            Map.entry(RefundDocument.KIND, Set.of("balance_transaction", "charge", "failure_balance_transaction",
                    "payment_intent", "source_transfer_reversal", "transfer_reversal")),
            Map.entry(SubscriptionScheduleDocument.KIND, Set.of("application", "customer", "subscription",
                    "test_clock", "default_settings.default_payment_method", "default_settings.on_behalf_of",
                    "phases.default_payment_method", "phases.on_behalf_of", "phases.items.price", "phases.items.plan")));
    private static final Set<String> EVENT_EXPANDABLE = Set.of("data", "request");

    private final List<String> fields;

    private Expansions(List<String> fields) {
        this.fields = fields;
    }

    static Expansions of(ParamNode.Branch params) {
        return new Expansions(Params.strings(params.get("expand")));
    }

    boolean has(String field) {
        return fields.contains(field);
    }

    /**
     * The expansions of the items of a list answer ({@code data.x} becomes {@code x}).
     *
     * @param listFields what may be expanded on the list itself
     */
    Expansions ofListItems(Set<String> listFields) {
        List<String> itemFields = new ArrayList<>();
        for (String field : fields) {
            if (field.startsWith("data.")) {
                itemFields.add(field.substring("data.".length()));
            } else if (!listFields.contains(field)) {
                throw cannotExpand(field);
            }
        }
        return new Expansions(itemFields);
    }

    ObjectNode customer(ObjectNode customer, EmulatorState state) {
        if (fields.isEmpty()) {
            return customer;
        }
        ObjectNode expanded = customer.deepCopy();
        String id = customer.get("id").asString();
        for (String field : fields) {
            switch (field) {
                case "subscriptions" -> {
                    ArrayNode current = Json.array();
                    state.subscriptionsNewestFirst().stream()
                            .filter(subscription -> subscription.get("customer").asString().equals(id))
                            .filter(subscription -> !SubscriptionDocument.isCanceled(subscription))
                            .forEach(current::add);
                    expanded.set("subscriptions",
                            ListPage.list(current, false, "/v1/customers/" + id + "/subscriptions"));
                }
                case "sources" -> expanded.set("sources",
                        ListPage.list(Json.array(), false, "/v1/customers/" + id + "/sources"));
                case "tax_ids" -> expanded.set("tax_ids",
                        ListPage.list(Json.array(), false, "/v1/customers/" + id + "/tax_ids"));
                default -> expand(expanded, field, field, new Kept(state, List.of()));
            }
        }
        return expanded;
    }

    ObjectNode subscription(ObjectNode subscription, EmulatorState state) {
        return object(subscription, state);
    }

    /** Any kept object with its references expanded as asked. */
    ObjectNode object(ObjectNode object, EmulatorState state) {
        return object(object, state, List.of());
    }

    /**
     * An object an operation is changing, with its references expanded as asked: to what the operation's
     * changes, not yet committed, make of them, or else to what the state holds.
     */
    ObjectNode object(ObjectNode object, EmulatorState state, List<Change> pending) {
        if (fields.isEmpty()) {
            return object;
        }
        Kept kept = new Kept(state, pending);
        ObjectNode expanded = object.deepCopy();
        for (String field : fields) {
            expand(expanded, field, field, kept);
        }
        return expanded;
    }

    /** Expands {@code path} in {@code object}; {@code full} is the path as asked, for the error. */
    private static void expand(ObjectNode object, String path, String full, Kept kept) {
        if (object.path("object").asString("").equals(InvoiceDocument.KIND)
                && (path.equals("payments") || path.startsWith("payments."))) {
            includePayments(object, path.equals("payments") ? null : path.substring("payments.".length()), full, kept);
            return;
        }
        for (String expandable : EXPANDABLE.getOrDefault(object.path("object").asString(""), Set.of())) {
            if (path.equals(expandable) || path.startsWith(expandable + ".")) {
                String rest = path.equals(expandable) ? null : path.substring(expandable.length() + 1);
                replace(object, expandable.split("\\."), 0, rest, full, kept);
                return;
            }
        }
        throw cannotExpand(full);
    }

    /** Walks {@code segments} down from {@code parent}, through every element of a list, and expands the last. */
    private static void replace(ObjectNode parent, String[] segments, int at, String rest, String full, Kept kept) {
        JsonNode child = parent.get(segments[at]);
        if (at < segments.length - 1) {
            List<JsonNode> children = child instanceof ArrayNode array ? array.valueStream().toList()
                    : child == null ? List.of() : List.of(child);
            for (JsonNode each : children) {
                if (each instanceof ObjectNode next) {
                    replace(next, segments, at + 1, rest, full, kept);
                }
            }
            return;
        }
        ObjectNode resolved = child instanceof ObjectNode already ? already
                : child != null && child.isString() ? kept.object(child.asString()) : null;
        if (resolved == null) {
            return; // null stays null, as does an id the emulator does not keep
        }
        if (resolved != child) {
            resolved = resolved.deepCopy();
            parent.set(segments[at], resolved);
        }
        if (rest != null) {
            expand(resolved, rest, full, kept);
        }
    }

    /**
     * Sets an invoice's includable {@code payments}, the list Stripe sends only when asked; {@code rest} (or null)
     * goes on into its items, as {@code data.payment.payment_intent}.
     */
    private static void includePayments(ObjectNode invoice, String rest, String full, Kept kept) {
        String id = invoice.get("id").asString();
        ArrayNode data = Json.array();
        for (ObjectNode payment : kept.invoicePayments(id)) {
            ObjectNode item = payment.deepCopy();
            if (rest != null) {
                if (!rest.startsWith("data.")) {
                    throw cannotExpand(full);
                }
                expand(item, rest.substring("data.".length()), full, kept);
            }
            data.add(item);
        }
        invoice.set("payments", ListPage.list(data, false, "/v1/invoice_payments?invoice=" + id));
    }

    private static ObjectNode resolve(String id, EmulatorState state) {
        if (id.startsWith("sub_sched_")) {
            return state.object(SubscriptionScheduleDocument.KIND, id);
        }
        String prefix = id.substring(0, id.indexOf('_') + 1);
        return switch (prefix) {
            case "cus_" -> state.customer(id) != null ? state.customer(id) : CustomerDocument.deleted(id);
            case "sub_" -> state.subscription(id);
            case "price_" -> state.object(PriceDocument.KIND, id);
            case "prod_" -> state.object(ProductDocument.KIND, id);
            case "seti_" -> state.object(SetupIntentDocument.KIND, id);
            case "pm_" -> state.object(PaymentMethodDocument.KIND, id);
            case "in_" -> state.object(InvoiceDocument.KIND, id);
            case "inpay_" -> state.object(InvoicePaymentDocument.KIND, id);
            case "pi_" -> state.object(PaymentIntentDocument.KIND, id);
            case "re_" -> state.object(RefundDocument.KIND, id);
            default -> null;
        };
    }

    /** An event's expandable fields, {@code data} and {@code request}, are objects already. */
    ObjectNode event(ObjectNode event) {
        for (String field : fields) {
            if (!EVENT_EXPANDABLE.contains(field)) {
                throw cannotExpand(field);
            }
        }
        return event;
    }

    /**
     * The objects an expansion reads: what an operation's changes, not yet committed, make of them, or else what
     * the state holds.
     */
    private record Kept(EmulatorState state, List<Change> pending) {

        ObjectNode object(String id) {
            ObjectNode changed = null;
            for (ObjectNode put : pendingObjects()) {
                if (put.get("id").asString().equals(id)) {
                    changed = put;
                }
            }
            return changed != null ? changed : resolve(id, state);
        }

        /** Newest first, as Stripe lists them; an invoice has one here, made with it. */
        List<ObjectNode> invoicePayments(String invoiceId) {
            List<ObjectNode> payments = new ArrayList<>();
            List<ObjectNode> made = pendingObjects().stream()
                    .filter(put -> put.get("object").asString().equals(InvoicePaymentDocument.KIND)).toList();
            for (int i = made.size() - 1; i >= 0; i--) {
                payments.add(made.get(i));
            }
            payments.addAll(state.objectsNewestFirst(InvoicePaymentDocument.KIND));
            return payments.stream().filter(payment -> InvoicePaymentDocument.isOf(payment, invoiceId)).toList();
        }

        private List<ObjectNode> pendingObjects() {
            List<ObjectNode> objects = new ArrayList<>();
            for (Change change : pending) {
                ObjectNode put = change instanceof Change.PutObject o ? o.object()
                        : change instanceof Change.PutSubscription o ? o.subscription()
                        : change instanceof Change.PutCustomer o ? o.customer() : null;
                if (put != null) {
                    objects.add(put);
                }
            }
            return objects;
        }
    }

    private static StripeError cannotExpand(String field) {
        return StripeError.invalidRequest("This property cannot be expanded (" + field + ").", "expand");
    }
}
