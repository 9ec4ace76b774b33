package io.billingaccounts.server.problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every broken rule of a request before refusing it, so the caller learns all of them at once. A field
 * is named once, by the first rule it breaks: one entry per offending field.
 */
public final class Violations {

    private final Map<String, FieldViolation> found = new LinkedHashMap<>();

    public Violations add(String field, String code, String message) {
        return add(new FieldViolation(field, code, message));
    }

    public Violations add(FieldViolation violation) {
        found.putIfAbsent(violation.field(), violation);
        return this;
    }

    public Violations addAll(List<FieldViolation> violations) {
        violations.forEach(this::add);
        return this;
    }

    public List<FieldViolation> list() {
        return new ArrayList<>(found.values());
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw Problem.invalid(list());
        }
    }
}
