package io.billingaccounts.server.web;

/**
 * Where this instance issues development tokens, for the reference page to offer: declared as a bean by the
 * embedded mode's token issuer, absent everywhere else.
 */
public record TokenIssuerForDocs(String path) {
}
