package io.billingaccounts.server.billing;

import io.billingaccounts.server.problem.Violations;

/** A merge patch of an address: each field is kept, cleared or set on its own. */
public record AddressPatch(Change<String> country, Change<String> line1, Change<String> line2, Change<String> city,
                           Change<String> state, Change<String> postalCode) {

    Address applyTo(Address current) {
        return new Address(country.applyTo(current.country()), line1.applyTo(current.line1()),
                line2.applyTo(current.line2()), city.applyTo(current.city()), state.applyTo(current.state()),
                postalCode.applyTo(current.postalCode()));
    }

    /** Checks the fields the patch sets: an address that keeps the rules still keeps them for the others. */
    void check(Violations found) {
        // A complete stand-in address takes each field the patch leaves alone, so only the patch's own are judged.
        Address probe = applyTo(new Address("US", "-", null, "-", null, null));
        BillingAccountRules.checkAddress(found, probe);
    }
}
