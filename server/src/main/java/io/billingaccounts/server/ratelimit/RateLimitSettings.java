package io.billingaccounts.server.ratelimit;

import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code billing.rate-limit.requests-per-minute}: how many API calls a caller (the token's {@code sub}) may make a
 * minute. 0, the default, turns rate limiting off; a negative value refuses to start.
 */
@Validated
@ConfigurationProperties("billing.rate-limit")
public record RateLimitSettings(@PositiveOrZero @DefaultValue("0") int requestsPerMinute) {

    static final String REQUESTS_PER_MINUTE = "billing.rate-limit.requests-per-minute";
}
