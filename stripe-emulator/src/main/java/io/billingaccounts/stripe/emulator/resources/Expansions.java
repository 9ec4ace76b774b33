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
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code expand[]} parameter. References to objects the emulator keeps become the objects; those it never fills (a customer's
 * default_source, a subscription's latest_invoice ...) stay null, as Stripe leaves a null reference;
 * the includable lists come back as lists; a customer reference becomes the customer.
 */
final class Expansions {

    /**
     * What each kind of object may expand: references (an id, or null where the emulator keeps no such
     * object, which stays null) and the paths through objects and lists to them.
     */
    private static final Map<String, Set<String>> EXPANDABLE = Map.of(
            "customer", Set.of("default_source", "test_clock", "invoice_settings.default_payment_method"),
            "subscription", Set.of("application", "customer", "default_payment_method", "default_source",
                    "latest_invoice", "on_behalf_of", "pending_setup_intent", "schedule", "test_clock",
                    "items.data.price"),
            PriceDocument.KIND, Set.of("product"),
            ProductDocument.KIND, Set.of("default_price", "tax_code"),
            SetupIntentDocument.KIND, Set.of("application", "customer", "latest_attempt", "mandate", "on_behalf_of",
                    "payment_method", "single_use_mandate"),
            PaymentMethodDocument.KIND, Set.of("customer"),
            InvoiceDocument.KIND, Set.of("application", "customer", "default_payment_method", "default_source",
                    "latest_revision", "on_behalf_of", "test_clock", "parent.subscription_details.subscription",
                    "lines.data.pricing.price_details.price"));
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
                    expanded.set("subscriptions", list(current, "/v1/customers/" + id + "/subscriptions"));
                }
                case "sources" -> expanded.set("sources", list(Json.array(), "/v1/customers/" + id + "/sources"));
                case "tax_ids" -> expanded.set("tax_ids", list(Json.array(), "/v1/customers/" + id + "/tax_ids"));
                default -> expand(expanded, field, field, reference -> resolve(reference, state));
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
        Function<String, ObjectNode> lookup = id -> {
            ObjectNode changed = null;
            for (Change change : pending) {
                ObjectNode put = change instanceof Change.PutObject o ? o.object()
                        : change instanceof Change.PutSubscription o ? o.subscription()
                        : change instanceof Change.PutCustomer o ? o.customer() : null;
                if (put != null && put.get("id").asString().equals(id)) {
                    changed = put;
                }
            }
            return changed != null ? changed : resolve(id, state);
        };
        ObjectNode expanded = object.deepCopy();
        for (String field : fields) {
            expand(expanded, field, field, lookup);
        }
        return expanded;
    }

    /** Expands {@code path} in {@code object}; {@code full} is the path as asked, for the error. */
    private static void expand(ObjectNode object, String path, String full, Function<String, ObjectNode> lookup) {
        for (String expandable : EXPANDABLE.getOrDefault(object.path("object").asString(""), Set.of())) {
            if (path.equals(expandable) || path.startsWith(expandable + ".")) {
                String rest = path.equals(expandable) ? null : path.substring(expandable.length() + 1);
                replace(object, expandable.split("\\."), 0, rest, full, lookup);
                return;
            }
        }
        throw cannotExpand(full);
    }

    /** Walks {@code segments} down from {@code parent}, through every element of a list, and expands the last. */
    private static void replace(ObjectNode parent, String[] segments, int at, String rest, String full,
            Function<String, ObjectNode> lookup) {
        JsonNode child = parent.get(segments[at]);
        if (at < segments.length - 1) {
            List<JsonNode> children = child instanceof ArrayNode array ? array.valueStream().toList()
                    : child == null ? List.of() : List.of(child);
            for (JsonNode each : children) {
                if (each instanceof ObjectNode next) {
                    replace(next, segments, at + 1, rest, full, lookup);
                }
            }
            return;
        }
        ObjectNode resolved = child instanceof ObjectNode already ? already
                : child != null && child.isString() ? lookup.apply(child.asString()) : null;
        if (resolved == null) {
            return; // null stays null, as does an id the emulator does not keep
        }
        if (resolved != child) {
            resolved = resolved.deepCopy();
            parent.set(segments[at], resolved);
        }
        if (rest != null) {
            expand(resolved, rest, full, lookup);
        }
    }

    private static ObjectNode resolve(String id, EmulatorState state) {
        String prefix = id.substring(0, id.indexOf('_') + 1);
        return switch (prefix) {
            case "cus_" -> state.customer(id) != null ? state.customer(id) : CustomerDocument.deleted(id);
            case "sub_" -> state.subscription(id);
            case "price_" -> state.object(PriceDocument.KIND, id);
            case "prod_" -> state.object(ProductDocument.KIND, id);
            case "seti_" -> state.object(SetupIntentDocument.KIND, id);
            case "pm_" -> state.object(PaymentMethodDocument.KIND, id);
            case "in_" -> state.object(InvoiceDocument.KIND, id);
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

    static ObjectNode list(ArrayNode data, String url) {
        ObjectNode list = Json.object();
        list.put("object", "list");
        list.set("data", data);
        list.put("has_more", false);
        list.put("url", url);
        return list;
    }

    private static StripeError cannotExpand(String field) {
        return StripeError.invalidRequest("This property cannot be expanded (" + field + ").", "expand");
    }
}
