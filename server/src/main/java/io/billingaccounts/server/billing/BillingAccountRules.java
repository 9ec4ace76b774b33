package io.billingaccounts.server.billing;

import java.util.Locale;
import java.util.Set;

import org.apache.commons.validator.routines.EmailValidator;

import io.billingaccounts.server.problem.Violations;

/**
 * The rules a billing account keeps whatever way it is written. Lengths and formats are the spec's, enforced on
 * the way in; these are the ones the spec cannot say: real country codes, deliverable-looking e-mail addresses,
 * names that are not blank, and an address complete enough for Stripe's invoices.
 */
final class BillingAccountRules {

    private static final Set<String> COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
    // Local addresses and unknown top-level domains cannot receive invoices.
    private static final EmailValidator EMAIL = EmailValidator.getInstance(false, false);
    private static final int STRIPE_PHONE_LENGTH = 20;

    private BillingAccountRules() {
    }

    static void checkName(Violations violations, String name) {
        if (name == null) {
            violations.add("name", "required", "is required");
        } else if (name.isBlank()) {
            violations.add("name", "blank", "must not be blank");
        }
    }

    static void checkEmail(Violations violations, String email) {
        if (email == null) {
            violations.add("email", "required", "is required");
        } else if (!EMAIL.isValid(email)) {
            violations.add("email", "invalid_email", "must be a valid e-mail address");
        }
    }

    /** The contract allows 50 characters, but Stripe keeps at most 20: a longer one could never be mirrored. */
    static void checkPhone(Violations violations, String phone) {
        if (phone != null && phone.length() > STRIPE_PHONE_LENGTH) {
            violations.add("phone", "too_long", "must be at most " + STRIPE_PHONE_LENGTH
                    + " characters, Stripe's limit for a customer's phone");
        }
    }

    static void checkAddress(Violations violations, AddressPatch.AddressDraft address) {
        if (address.country() == null) {
            violations.add("address.country", "required", "is required");
        } else if (!COUNTRIES.contains(address.country())) {
            violations.add("address.country", "invalid_country", "must be an ISO 3166-1 alpha-2 country code");
        }
        if (address.line1() == null || address.line1().isBlank()) {
            violations.add("address.line1", "required", "is required and must not be blank");
        }
        if (address.city() == null || address.city().isBlank()) {
            violations.add("address.city", "required", "is required and must not be blank");
        }
    }
}
