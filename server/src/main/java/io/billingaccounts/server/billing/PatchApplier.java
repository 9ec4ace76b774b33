package io.billingaccounts.server.billing;

import io.billingaccounts.server.problem.Violations;

/** Applies a merge patch to an account in memory, refusing any result that breaks the rules. */
final class PatchApplier {

    private PatchApplier() {
    }

    static BillingAccount apply(BillingAccount current, BillingAccountPatch patch) {
        Violations violations = new Violations();
        String name = patch.name().applyTo(current.name());
        String email = patch.email().applyTo(current.email());
        if (patch.name().isPresent()) {
            BillingAccountRules.checkName(violations, name);
        }
        if (patch.email().isPresent()) {
            BillingAccountRules.checkEmail(violations, email);
        }
        String phone = patch.phone().applyTo(current.phone());
        BillingAccountRules.checkPhone(violations, phone);
        Address address = current.address();
        if (patch.address() != null) {
            AddressPatch.AddressDraft draft = patch.address().applyTo(current.address());
            BillingAccountRules.checkAddress(violations, draft);
            address = draft.toAddress();
        }
        violations.throwIfAny();
        return new BillingAccount(current.id(), current.workspaceId(), name, email,
                phone, patch.description().applyTo(current.description()),
                current.currency(), address, current.version(), current.createdAt(), current.updatedAt());
    }
}
