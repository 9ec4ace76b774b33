package io.billingaccounts.server.stripe;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.PositiveOrZero;

/**
 * How many calls a second this service makes to Stripe, at most, whatever its load: Stripe allows an account 100
 * reads and 100 writes a second in live mode, 25 of each in test mode. 0 leaves that kind unlimited.
 */
@Validated
@ConfigurationProperties("stripe.rate-limit")
public record StripeRateLimitSettings(@PositiveOrZero @DefaultValue("0") int readsPerSecond,
                                      @PositiveOrZero @DefaultValue("0") int writesPerSecond) {
}
