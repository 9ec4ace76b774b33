package io.billingaccounts.server.web;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.stripe.StripeWebhooks;

/**
 * Stripe's webhook endpoint, outside the public contract: authenticated by Stripe's signature instead of a token,
 * and there only when a signing secret is configured.
 */
@RestController
public class StripeWebhookController {

    static final String PATH = "/stripe/webhooks";

    private final StripeWebhooks webhooks;

    public StripeWebhookController(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(PATH)
    ResponseEntity<Map<String, Boolean>> receive(@RequestBody String payload,
                                                 @RequestHeader(value = "Stripe-Signature", required = false)
                                                 String signature) {
        if (!webhooks.enabled()) {
            throw Problem.notFound("resource");
        }
        webhooks.receive(payload, signature == null ? "" : signature);
        return ResponseEntity.ok(Map.of("received", true));
    }
}
