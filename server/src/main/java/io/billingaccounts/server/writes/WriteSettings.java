package io.billingaccounts.server.writes;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code settleTime}: how long a write keeps its object's turn before recovery may take it over; longer than any
 * write can take, Stripe's deadline included. {@code interval} and {@code initialDelay} pace the recovery loop.
 */
@ConfigurationProperties("billing.recovery")
public record WriteSettings(Duration settleTime, Duration interval, Duration initialDelay) {
}
