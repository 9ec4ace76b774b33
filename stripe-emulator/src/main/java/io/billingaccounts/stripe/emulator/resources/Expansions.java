package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.store.EmulatorState;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code expand[]} parameter. Expandable references the emulator never fills (a customer's
 * default_source, a subscription's latest_invoice ...) stay null, as Stripe leaves a null reference;
 * the includable lists come back as lists; a customer reference becomes the customer.
 */
final class Expansions {

    private static final Set<String> CUSTOMER_NULL_REFERENCES =
            Set.of("default_source", "test_clock", "invoice_settings.default_payment_method");
    private static final Set<String> SUBSCRIPTION_NULL_REFERENCES = Set.of("application", "default_payment_method",
            "default_source", "latest_invoice", "on_behalf_of", "pending_setup_intent", "schedule", "test_clock");
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
                default -> {
                    if (!CUSTOMER_NULL_REFERENCES.contains(field)) {
                        throw cannotExpand(field);
                    }
                }
            }
        }
        return expanded;
    }

    ObjectNode subscription(ObjectNode subscription, EmulatorState state) {
        if (fields.isEmpty()) {
            return subscription;
        }
        ObjectNode expanded = subscription.deepCopy();
        for (String field : fields) {
            if (field.equals("customer")) {
                String customerId = subscription.get("customer").asString();
                ObjectNode customer = state.customer(customerId);
                expanded.set("customer", customer != null ? customer : CustomerDocument.deleted(customerId));
            } else if (!SUBSCRIPTION_NULL_REFERENCES.contains(field)) {
                throw cannotExpand(field);
            }
        }
        return expanded;
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
