package io.billingaccounts.server.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects every broken rule of a request before refusing it, so the caller learns all of them at once. */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    public Violations add(String field, String code, String message) {
        found.add(new FieldViolation(field, code, message));
        return this;
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw Problem.invalid(found);
        }
    }
}
