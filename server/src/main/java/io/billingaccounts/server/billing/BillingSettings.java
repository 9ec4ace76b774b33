package io.billingaccounts.server.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code defaultCurrency} is the currency of accounts created without one. */
@ConfigurationProperties("billing")
public record BillingSettings(String defaultCurrency) {
}
