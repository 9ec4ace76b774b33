package io.billingaccounts.server.workspace;

import java.util.List;
import java.util.Objects;

import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Violations;

/**
 * A merge patch of a workspace: {@code name} null keeps the name (the contract never lets it be null);
 * {@code changesDescription} false keeps the description, true sets it to {@code description}, null clearing it.
 * The billing mode is never patched: the wire refuses it as a field the patch does not have.
 */
public record WorkspacePatch(String name, boolean changesDescription, String description) {

    public List<FieldViolation> violations() {
        Violations found = new Violations();
        if (name != null && name.isBlank()) {
            found.add("name", "blank", "must not be blank");
        }
        return found.list();
    }

    String nameAfter(Workspace current) {
        return name != null ? name : current.name();
    }

    String descriptionAfter(Workspace current) {
        return changesDescription ? description : current.description();
    }

    boolean changes(Workspace current) {
        return !nameAfter(current).equals(current.name())
                || !Objects.equals(descriptionAfter(current), current.description());
    }
}
