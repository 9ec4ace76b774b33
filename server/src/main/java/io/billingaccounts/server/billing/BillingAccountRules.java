package io.billingaccounts.server.billing;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.validator.routines.EmailValidator;

import io.billingaccounts.server.problem.FieldViolation;
import io.billingaccounts.server.problem.Violations;

/**
 * The rules a billing account keeps whatever way it is written: through the API, or changed directly in Stripe.
 * The one source of their limits in the code (the contract states the same ones; a test holds them equal), and
 * the rules the contract cannot state: real country codes, deliverable-looking e-mail addresses, names that are
 * not blank, a phone short enough for Stripe.
 */
public final class BillingAccountRules {

    static final int NAME_MAX = 100;
    static final int EMAIL_MAX = 150;
    static final int DESCRIPTION_MAX = 200;
    static final int LINE_MAX = 200;
    static final int CITY_MAX = 100;
    static final int STATE_MAX = 100;
    static final int POSTAL_CODE_MAX = 20;
    /** The contract allows 50 characters, but Stripe keeps at most 20: a longer one could never be mirrored. */
    static final int STRIPE_PHONE_MAX = 20;

    private static final Set<String> COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
    // Local addresses and unknown top-level domains cannot receive invoices.
    private static final EmailValidator EMAIL = EmailValidator.getInstance(false, false);

    private BillingAccountRules() {
    }

    /** Every rule a new account breaks, each field named once. */
    public static List<FieldViolation> violations(NewBillingAccount account) {
        Violations found = new Violations();
        checkName(found, account.name());
        checkEmail(found, account.email());
        checkPhone(found, account.phone());
        checkDescription(found, account.description());
        checkAddress(found, account.address());
        return found.list();
    }

    /** Whether an account as a whole keeps the rules, e.g. one changed directly in Stripe. */
    static boolean keepsTheRules(BillingAccount account) {
        return violations(new NewBillingAccount(account.name(), account.email(), account.phone(),
                account.description(), account.currency(), account.address())).isEmpty();
    }

    static void checkName(Violations found, String name) {
        if (name == null) {
            found.add("name", "required", "is required");
        } else if (name.isBlank()) {
            found.add("name", "blank", "must not be blank");
        } else if (name.length() > NAME_MAX) {
            tooLong(found, "name", NAME_MAX);
        }
    }

    static void checkEmail(Violations found, String email) {
        if (email == null) {
            found.add("email", "required", "is required");
        } else if (email.length() > EMAIL_MAX) {
            tooLong(found, "email", EMAIL_MAX);
        } else if (!EMAIL.isValid(email)) {
            found.add("email", "invalid_email", "must be a valid e-mail address");
        }
    }

    static void checkPhone(Violations found, String phone) {
        if (phone != null && phone.length() > STRIPE_PHONE_MAX) {
            found.add("phone", "too_long", "must be at most " + STRIPE_PHONE_MAX
                    + " characters, Stripe's limit for a customer's phone");
        }
    }

    static void checkDescription(Violations found, String description) {
        if (description != null && description.length() > DESCRIPTION_MAX) {
            tooLong(found, "description", DESCRIPTION_MAX);
        }
    }

    static void checkAddress(Violations found, Address address) {
        if (address == null) {
            found.add("address", "required", "is required");
            return;
        }
        if (address.country() == null) {
            found.add("address.country", "required", "is required");
        } else if (!COUNTRIES.contains(address.country())) {
            found.add("address.country", "invalid_country", "must be an ISO 3166-1 alpha-2 country code");
        }
        checkRequiredLine(found, "address.line1", address.line1(), LINE_MAX);
        checkOptionalLine(found, "address.line2", address.line2(), LINE_MAX);
        checkRequiredLine(found, "address.city", address.city(), CITY_MAX);
        checkOptionalLine(found, "address.state", address.state(), STATE_MAX);
        checkOptionalLine(found, "address.postal_code", address.postalCode(), POSTAL_CODE_MAX);
    }

    private static void checkRequiredLine(Violations found, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            found.add(field, "required", "is required and must not be blank");
        } else if (value.length() > max) {
            tooLong(found, field, max);
        }
    }

    private static void checkOptionalLine(Violations found, String field, String value, int max) {
        if (value != null && value.length() > max) {
            tooLong(found, field, max);
        }
    }

    private static void tooLong(Violations found, String field, int max) {
        found.add(field, "invalid_length", "must be at most " + max + " characters");
    }
}
