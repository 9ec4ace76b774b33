package io.billingaccounts.server.problem;

/** One field that breaks one rule; {@code field} is the API's name for it, dotted when nested. */
public record FieldViolation(String field, String code, String message) {
}
