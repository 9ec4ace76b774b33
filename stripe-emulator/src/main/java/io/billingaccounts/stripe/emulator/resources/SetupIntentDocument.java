package io.billingaccounts.stripe.emulator.resources;

import io.billingaccounts.stripe.emulator.params.ParamNode;
import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeIds;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The setup intent object in the shape of the Stripe API version stripe-java pins. It waits for a payment
 * method ({@code requires_payment_method}), or for confirmation when it was given one
 * ({@code requires_confirmation}); confirming it with a test card succeeds at once.
 */
final class SetupIntentDocument {

    static final String KIND = "setup_intent";

    private SetupIntentDocument() {
    }

    static ObjectNode create(ParamNode.Branch params, long now) {
        String id = StripeIds.setupIntent();
        ObjectNode intent = Json.object();
        intent.put("id", id);
        intent.put("object", KIND);
        intent.putNull("application");
        ObjectNode automatic = intent.putObject("automatic_payment_methods");
        ParamNode.Branch automaticParams = params.branch("automatic_payment_methods");
        if (automaticParams != null) {
            automatic.put("allow_redirects", automaticParams.has("allow_redirects")
                    ? automaticParams.string("allow_redirects") : "always");
            automatic.put("enabled", Boolean.parseBoolean(automaticParams.string("enabled")));
        } else {
            intent.putNull("automatic_payment_methods");
        }
        intent.putNull("cancellation_reason");
        intent.put("client_secret", StripeIds.clientSecret(id));
        intent.put("created", now);
        CustomerDocument.putOrClear(intent, "customer", params.string("customer"));
        intent.putNull("customer_account");
        CustomerDocument.putOrClear(intent, "description", params.string("description"));
        intent.putNull("excluded_payment_method_types");
        ArrayNode directions = Json.array();
        Params.strings(params.get("flow_directions")).forEach(directions::add);
        if (directions.isEmpty()) {
            intent.putNull("flow_directions");
        } else {
            intent.set("flow_directions", directions);
        }
        intent.putNull("last_setup_error");
        intent.putNull("latest_attempt");
        intent.put("livemode", false);
        intent.putNull("mandate");
        intent.set("metadata", Metadata.merge(null, params.has("metadata") ? params.get("metadata") : new ParamNode.Branch()));
        intent.putNull("next_action");
        intent.putNull("on_behalf_of");
        CustomerDocument.putOrClear(intent, "payment_method", params.string("payment_method"));
        intent.putNull("payment_method_configuration_details");
        intent.putObject("payment_method_options").putObject("card").putNull("mandate_options").putNull("network")
                .put("request_three_d_secure", "automatic");
        ArrayNode types = intent.putArray("payment_method_types");
        List<String> requested = Params.strings(params.get("payment_method_types"));
        (requested.isEmpty() ? List.of("card") : requested).forEach(types::add);
        intent.putNull("single_use_mandate");
        intent.put("status", params.has("payment_method") ? "requires_confirmation" : "requires_payment_method");
        intent.put("usage", params.has("usage") ? params.string("usage") : "off_session");
        return intent;
    }

    static ObjectNode succeeded(ObjectNode intent, String paymentMethodId) {
        ObjectNode confirmed = intent.deepCopy();
        confirmed.put("payment_method", paymentMethodId);
        confirmed.put("status", "succeeded");
        return confirmed;
    }

    static boolean hasSucceeded(ObjectNode intent) {
        return intent.get("status").asString().equals("succeeded");
    }
}
