package io.billingaccounts.server.billing;

import java.util.List;

import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Violations;

/**
 * A JSON merge patch of a billing account, already read from the wire. {@code address} is null when the patch
 * leaves the address alone. {@code currencySent}: the patch tried to change the currency, which is fixed at
 * creation.
 */
public record BillingAccountPatch(Change<String> name, Change<String> email, Change<String> phone,
                                  Change<String> description, AddressPatch address, boolean currencySent) {

    /** Every rule the patch breaks whatever account it is applied to, each field named once. */
    public List<FieldViolation> violations() {
        Violations found = new Violations();
        if (name.isPresent()) {
            BillingAccountRules.checkName(found, name.applyTo(null));
        }
        if (email.isPresent()) {
            BillingAccountRules.checkEmail(found, email.applyTo(null));
        }
        BillingAccountRules.checkPhone(found, phone.applyTo(null));
        BillingAccountRules.checkDescription(found, description.applyTo(null));
        if (currencySent) {
            found.add("currency", "immutable", "cannot be changed: the currency is fixed at creation");
        }
        if (address != null) {
            address.check(found);
        }
        return found.list();
    }

    BillingAccount applyTo(BillingAccount current) {
        return new BillingAccount(current.id(), current.workspaceId(), name.applyTo(current.name()),
                email.applyTo(current.email()), phone.applyTo(current.phone()),
                description.applyTo(current.description()), current.currency(),
                address == null ? current.address() : address.applyTo(current.address()), current.version(),
                current.createdAt(), current.updatedAt());
    }
}
