package io.billingaccounts.server.stripe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the mirror keeps up with Stripe beside its webhooks: {@code catchUpInterval} paces the reading of Stripe's
 * events since the last one applied (also done at start-up); {@code catchUpOnly} runs a Stripe key without a webhook
 * secret on purpose, the mirror then following Stripe only that often.
 */
@ConfigurationProperties("stripe.events")
public record StripeEventSettings(@DefaultValue("PT5M") Duration catchUpInterval,
                                  @DefaultValue("false") boolean catchUpOnly) {
}
