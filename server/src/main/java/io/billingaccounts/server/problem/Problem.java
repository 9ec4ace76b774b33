package io.billingaccounts.server.problem;

import java.util.List;

/**
 * A refusal or failure that the caller can act on: the one problem model behind every error body. Every layer
 * throws it with a stable code; only the web layer decides how a {@link Kind} looks on the wire, so the domain
 * stays free of HTTP.
 */
public class Problem extends RuntimeException {

    public enum Kind {
        MALFORMED, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, CONFLICT,
        PAYMENT_REQUIRED, PRECONDITION_FAILED, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE, RATE_LIMITED, INTERNAL,
        UPSTREAM_FAILED, BUSY, UPSTREAM_UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final List<FieldViolation> violations;
    private final Integer retryAfterSeconds;

    public Problem(Kind kind, String code, String message) {
        this(kind, code, message, List.of(), null);
    }

    /** A failure caused by another: the cause is kept for the log, never shown to the caller. */
    public Problem(Kind kind, String code, String message, Throwable cause) {
        this(kind, code, message, List.of(), null, cause);
    }

    protected Problem(Kind kind, String code, String message, List<FieldViolation> violations, Throwable cause) {
        this(kind, code, message, violations, null, cause);
    }

    private Problem(Kind kind, String code, String message, List<FieldViolation> violations,
                    Integer retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.violations = List.copyOf(violations);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static Problem invalid(List<FieldViolation> violations) {
        return invalid("validation_failed", violations);
    }

    /** Invalid fields under a code of their own, where one kind of mistake has its own name in the contract. */
    public static Problem invalid(String code, List<FieldViolation> violations) {
        String message = violations.size() == 1
                ? "The request has 1 invalid field: " + violations.get(0).field() + "."
                : "The request has " + violations.size() + " invalid fields: "
                        + String.join(", ", violations.stream().map(FieldViolation::field).toList()) + ".";
        return new Problem(Kind.UNPROCESSABLE, code, message, violations, null);
    }

    /** A request the body of which cannot be read as the schema's types; {@code violations} may name fields. */
    public static Problem malformed(String code, String message, List<FieldViolation> violations) {
        return new Problem(Kind.MALFORMED, code, message, violations, null);
    }

    public static Problem notFound(String what) {
        return new Problem(Kind.NOT_FOUND, "resource_not_found", "No such " + what + ".");
    }

    public static Problem internal() {
        return new Problem(Kind.INTERNAL, "internal_error",
                "Something went wrong on our side; quote the Request-Id when reporting it.");
    }

    /** The same problem, telling the caller when to try again. */
    public Problem retryAfter(int seconds) {
        return new Problem(kind, code, getMessage(), violations, seconds, getCause());
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Seconds after which a retry may succeed; null to let the kind decide. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
