package io.billingaccounts.server.billing;

/** A merge patch of an address: each field is kept, cleared or set on its own. */
public record AddressPatch(Change<String> country, Change<String> line1, Change<String> line2, Change<String> city,
                           Change<String> state, Change<String> postalCode) {

    AddressDraft applyTo(Address current) {
        return new AddressDraft(country.applyTo(current.country()), line1.applyTo(current.line1()),
                line2.applyTo(current.line2()), city.applyTo(current.city()), state.applyTo(current.state()),
                postalCode.applyTo(current.postalCode()));
    }

    /** An address whose required fields may still be missing, before the rules have looked at it. */
    record AddressDraft(String country, String line1, String line2, String city, String state, String postalCode) {

        Address toAddress() {
            return new Address(country, line1, line2, city, state, postalCode);
        }
    }
}
