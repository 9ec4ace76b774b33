package io.billingaccounts.server.problem;

import java.util.List;

/**
 * A refusal that the caller can act on. Every layer throws it with a stable code; only the web layer decides how
 * a {@link Kind} looks on the wire, so the domain stays free of HTTP.
 */
public class Problem extends RuntimeException {

    public enum Kind {
        NOT_FOUND, FORBIDDEN, CONFLICT, PRECONDITION_FAILED, UNPROCESSABLE, BUSY, UPSTREAM_FAILED, UPSTREAM_UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final List<FieldViolation> violations;

    public Problem(Kind kind, String code, String message) {
        this(kind, code, message, List.of(), null);
    }

    public Problem(Kind kind, String code, String message, Throwable cause) {
        this(kind, code, message, List.of(), cause);
    }

    protected Problem(Kind kind, String code, String message, List<FieldViolation> violations, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public static Problem invalid(List<FieldViolation> violations) {
        String message = violations.size() == 1
                ? "The request has 1 invalid field: " + violations.get(0).field() + "."
                : "The request has " + violations.size() + " invalid fields.";
        return new Problem(Kind.UNPROCESSABLE, "validation_failed", message, violations, null);
    }

    public static Problem notFound(String what) {
        return new Problem(Kind.NOT_FOUND, "resource_not_found", "No such " + what + ".");
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
}
