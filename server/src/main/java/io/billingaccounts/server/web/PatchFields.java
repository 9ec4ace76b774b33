package io.billingaccounts.server.web;

import org.openapitools.jackson.nullable.JsonNullable;

import io.billingaccounts.server.billing.Change;

/** A generated DTO's nullable fields as the domain reads them: absent, null or a value. */
final class PatchFields {

    private PatchFields() {
    }

    /** The value, null when absent or null: for a create, where the two mean the same. */
    static <T> T valueOf(JsonNullable<T> field) {
        return field == null ? null : field.orElse(null);
    }

    /** Absent keeps the field, null clears it, a value sets it: a merge patch's three meanings. */
    static <T> Change<T> change(JsonNullable<T> field) {
        if (field == null || !field.isPresent()) {
            return Change.keep();
        }
        T value = field.get();
        return value == null ? Change.clear() : Change.set(value);
    }
}
