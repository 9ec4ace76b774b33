package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import tools.jackson.databind.node.ObjectNode;

/** The product object in the shape of the Stripe API version stripe-java pins. */
final class ProductDocument {

    static final String KIND = "product";

    private ProductDocument() {
    }

    /** A product as a price's {@code product_data} makes it: its own id if given, else a new one. */
    static ObjectNode create(ParamNode.Branch data, long created) {
        ObjectNode product = create(data.has("id") ? data.string("id") : StripeIds.product(), data.string("name"),
                created);
        if (data.has("active")) {
            product.put("active", Boolean.parseBoolean(data.string("active")));
        }
        if (data.has("metadata")) {
            product.set("metadata", Metadata.merge(null, data.get("metadata")));
        }
        for (String field : new String[] {"statement_descriptor", "unit_label"}) {
            if (data.has(field)) {
                CustomerDocument.putOrClear(product, field, data.string(field));
            }
        }
        return product;
    }

    static ObjectNode create(String id, String name, long created) {
        // Field by field in the order of Stripe's reference, as every document here is built: objects that share
        // some fields (id, created, metadata, ...) still each have a shape of their own.
        ObjectNode product = Json.object();
        product.put("id", id);
        product.put("object", KIND);
        product.put("active", true);
        product.put("created", created);
        product.putNull("default_price");
        product.putNull("description");
        product.putArray("images");
        product.put("livemode", false);
        product.putArray("marketing_features");
        product.putObject("metadata");
        product.put("name", name);
        product.putNull("package_dimensions");
        product.putNull("shippable");
        product.putNull("statement_descriptor");
        product.putNull("tax_code");
        product.put("type", "service");
        product.putNull("unit_label");
        product.put("updated", created);
        product.putNull("url");
        return product;
    }
}
