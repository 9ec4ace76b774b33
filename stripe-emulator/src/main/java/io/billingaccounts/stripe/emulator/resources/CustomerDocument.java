package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeError;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customer object in the shape of the Stripe API version stripe-java pins, every default field
 * present, and how create and update parameters change it. Create is an update of a fresh customer:
 * both change only the fields sent, "" clears a field, address and shipping are replaced whole,
 * metadata merges.
 */
final class CustomerDocument {

    private static final String ADDRESS_FIELDS = "city country line1 line2 postal_code state";

    /** Parameters naming objects this emulator does not keep; see {@link UnmodelledReferences}. */
    static final Map<String, String> UNMODELLED_REFERENCES = Map.of(
            "payment_method", "PaymentMethod",
            "source", "source",
            "default_source", "source",
            "test_clock", "test clock");

    private CustomerDocument() {
    }

    static ObjectNode create(long created, ParamNode.Branch params) {
        ObjectNode customer = Json.object();
        customer.put("id", StripeIds.customer());
        customer.put("object", "customer");
        customer.putNull("address");
        customer.put("balance", 0);
        customer.putNull("business_name");
        customer.put("created", created);
        customer.putNull("currency");
        customer.putNull("default_source");
        customer.put("delinquent", false);
        customer.putNull("description");
        customer.putNull("discount");
        customer.putNull("email");
        customer.putNull("individual_name");
        customer.put("invoice_prefix", StripeIds.invoicePrefix());
        ObjectNode invoiceSettings = customer.putObject("invoice_settings");
        invoiceSettings.putNull("custom_fields");
        invoiceSettings.putNull("default_payment_method");
        invoiceSettings.putNull("footer");
        invoiceSettings.putNull("rendering_options");
        customer.put("livemode", false);
        customer.putObject("metadata");
        customer.putNull("name");
        customer.put("next_invoice_sequence", 1);
        customer.putNull("phone");
        customer.putArray("preferred_locales");
        customer.putNull("shipping");
        customer.put("tax_exempt", "none");
        customer.putNull("test_clock");
        apply(customer, params);
        return customer;
    }

    static ObjectNode update(ObjectNode current, ParamNode.Branch params) {
        ObjectNode customer = current.deepCopy();
        apply(customer, params);
        return customer;
    }

    /** What Stripe answers for a deleted customer, on delete and on every later retrieve. */
    static ObjectNode deleted(String id) {
        ObjectNode stub = Json.object();
        stub.put("id", id);
        stub.put("object", "customer");
        stub.put("deleted", true);
        return stub;
    }

    private static void apply(ObjectNode customer, ParamNode.Branch params) {
        for (String field : List.of("name", "email", "description", "phone", "business_name", "individual_name")) {
            if (params.has(field)) {
                putOrClear(customer, field, params.string(field));
            }
        }
        for (String field : List.of("balance", "next_invoice_sequence")) {
            if (params.has(field)) {
                customer.put(field, Params.integer(params, field));
            }
        }
        if (params.has("invoice_prefix")) {
            String prefix = params.string("invoice_prefix");
            if (!prefix.matches("[A-Z0-9]{3,12}")) {
                throw StripeError.invalidRequest(
                        "Invalid invoice_prefix: must be 3-12 uppercase letters or numbers", "invoice_prefix");
            }
            customer.put("invoice_prefix", prefix);
        }
        if (params.has("tax_exempt")) {
            String taxExempt = params.string("tax_exempt");
            customer.put("tax_exempt", taxExempt.isEmpty() ? "none" : taxExempt);
        }
        if (params.has("preferred_locales")) {
            ArrayNode locales = customer.putArray("preferred_locales");
            Params.strings(params.get("preferred_locales")).forEach(locales::add);
        }
        if (params.has("address")) {
            customer.set("address", addressOrNull(params.get("address")));
        }
        if (params.has("shipping")) {
            customer.set("shipping", shippingOrNull(params.get("shipping")));
        }
        if (params.has("metadata")) {
            customer.set("metadata", Metadata.merge(customer.get("metadata"), params.get("metadata")));
        }
        if (params.has("invoice_settings")) {
            applyInvoiceSettings((ObjectNode) customer.get("invoice_settings"), params.branch("invoice_settings"));
        }
    }

    /** Stripe's address objects always carry all six fields; those not sent are null. */
    private static JsonNode addressOrNull(ParamNode node) {
        if (Params.isEmptyString(node)) {
            return NullNode.getInstance();
        }
        ParamNode.Branch params = (ParamNode.Branch) node;
        ObjectNode address = Json.object();
        for (String field : ADDRESS_FIELDS.split(" ")) {
            putOrClear(address, field, params.has(field) ? params.string(field) : "");
        }
        return address;
    }

    private static JsonNode shippingOrNull(ParamNode node) {
        if (Params.isEmptyString(node)) {
            return NullNode.getInstance();
        }
        ParamNode.Branch params = (ParamNode.Branch) node;
        ObjectNode shipping = Json.object();
        shipping.set("address", addressOrNull(params.get("address")));
        shipping.putNull("carrier");
        shipping.put("name", params.string("name"));
        putOrClear(shipping, "phone", params.has("phone") ? params.string("phone") : "");
        shipping.putNull("tracking_number");
        return shipping;
    }

    /** The id of the customer's default payment method for invoices, or null. */
    static String defaultPaymentMethod(ObjectNode customer) {
        return customer.path("invoice_settings").path("default_payment_method").asString(null);
    }

    private static void applyInvoiceSettings(ObjectNode settings, ParamNode.Branch params) {
        if (params.has("default_payment_method")) {
            putOrClear(settings, "default_payment_method", params.string("default_payment_method"));
        }
        if (params.has("footer")) {
            putOrClear(settings, "footer", params.string("footer"));
        }
        if (params.has("custom_fields")) {
            List<ParamNode> fields = Params.elements(params.get("custom_fields"));
            if (fields.isEmpty()) {
                settings.putNull("custom_fields");
            } else {
                ArrayNode array = settings.putArray("custom_fields");
                for (ParamNode field : fields) {
                    ParamNode.Branch pair = (ParamNode.Branch) field;
                    array.addObject().put("name", pair.string("name")).put("value", pair.string("value"));
                }
            }
        }
        if (params.has("rendering_options")) {
            ParamNode options = params.get("rendering_options");
            if (Params.isEmptyString(options)) {
                settings.putNull("rendering_options");
            } else {
                ObjectNode rendering = settings.putObject("rendering_options");
                ParamNode.Branch branch = (ParamNode.Branch) options;
                putOrClear(rendering, "amount_tax_display",
                        branch.has("amount_tax_display") ? branch.string("amount_tax_display") : "");
            }
        }
    }

    /** Stripe's convention: a parameter sent as "" unsets the field. */
    static void putOrClear(ObjectNode object, String field, String value) {
        if (value == null || value.isEmpty()) {
            object.putNull(field);
        } else {
            object.put(field, value);
        }
    }
}
