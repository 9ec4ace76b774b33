package io.billingaccounts.server.billing;

/** A merge patch of an address: each field is kept, cleared or set on its own. */
public record AddressPatch(Change<String> country, Change<String> line1, Change<String> line2, Change<String> city,
                           Change<String> state, Change<String> postalCode) {

    /** The address this patch gives when applied to {@code current}, which may be null. */
    AddressDraft applyTo(Address current) {
        Address base = current != null ? current : new Address(null, null, null, null, null, null);
        return new AddressDraft(country.applyTo(base.country()), line1.applyTo(base.line1()),
                line2.applyTo(base.line2()), city.applyTo(base.city()), state.applyTo(base.state()),
                postalCode.applyTo(base.postalCode()));
    }

    /** An address whose required fields may still be missing, before the rules have looked at it. */
    record AddressDraft(String country, String line1, String line2, String city, String state, String postalCode) {

        Address toAddress() {
            return new Address(country, line1, line2, city, state, postalCode);
        }
    }
}
