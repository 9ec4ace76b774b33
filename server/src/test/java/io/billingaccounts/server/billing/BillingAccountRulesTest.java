package io.billingaccounts.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.billingaccounts.server.problem.FieldViolation;

/** The domain's limits are the contract's, and a whole account is judged field by field. */
class BillingAccountRulesTest {

    @Test
    void theLimitsAreTheContractsLimits() throws IOException {
        Map<String, Object> schemas = schemas();
        assertThat(maxLength(schemas, "BillingAccountCreate", "name")).isEqualTo(BillingAccountRules.NAME_MAX);
        assertThat(maxLength(schemas, "BillingAccountCreate", "email")).isEqualTo(BillingAccountRules.EMAIL_MAX);
        assertThat(maxLength(schemas, "BillingAccountCreate", "description"))
                .isEqualTo(BillingAccountRules.DESCRIPTION_MAX);
        assertThat(maxLength(schemas, "AddressCreate", "line1")).isEqualTo(BillingAccountRules.LINE_MAX);
        assertThat(maxLength(schemas, "AddressCreate", "line2")).isEqualTo(BillingAccountRules.LINE_MAX);
        assertThat(maxLength(schemas, "AddressCreate", "city")).isEqualTo(BillingAccountRules.CITY_MAX);
        assertThat(maxLength(schemas, "AddressCreate", "state")).isEqualTo(BillingAccountRules.STATE_MAX);
        assertThat(maxLength(schemas, "AddressCreate", "postal_code"))
                .isEqualTo(BillingAccountRules.POSTAL_CODE_MAX);
        // Stripe keeps fewer characters than the contract allows: the stricter rule is the domain's own.
        assertThat(maxLength(schemas, "BillingAccountCreate", "phone"))
                .isGreaterThan(BillingAccountRules.STRIPE_PHONE_MAX);
    }

    @Test
    void everyBrokenRuleOfANewAccountIsNamedOnce() {
        NewBillingAccount account = new NewBillingAccount(" ", "a@localhost", "+1".repeat(11), "d".repeat(201),
                null, new Address("XX", "", "l".repeat(201), "c".repeat(101), null, "9".repeat(21)));

        assertThat(BillingAccountRules.violations(account)).extracting(FieldViolation::field).containsExactly(
                "name", "email", "phone", "description", "address.country", "address.line1", "address.line2",
                "address.city", "address.postal_code");
    }

    @Test
    void aPatchIsJudgedOnlyByWhatItSets() {
        BillingAccountPatch cityOnly = new BillingAccountPatch(Change.keep(), Change.keep(), Change.keep(),
                Change.keep(), new AddressPatch(Change.keep(), Change.keep(), Change.keep(), Change.set("Oakland"),
                Change.keep(), Change.keep()), false);
        BillingAccountPatch broken = new BillingAccountPatch(Change.set(""), Change.keep(), Change.keep(),
                Change.keep(), new AddressPatch(Change.set("ZZ"), Change.keep(), Change.clear(), Change.keep(),
                Change.keep(), Change.keep()), true);

        assertThat(cityOnly.violations()).isEmpty();
        assertThat(broken.violations()).extracting(FieldViolation::field)
                .containsExactly("name", "currency", "address.country");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schemas() throws IOException {
        try (InputStream in = BillingAccountRulesTest.class.getResourceAsStream("/openapi.yaml")) {
            Map<String, Object> spec = new Yaml().load(in);
            return (Map<String, Object>) ((Map<String, Object>) spec.get("components")).get("schemas");
        }
    }

    @SuppressWarnings("unchecked")
    private static int maxLength(Map<String, Object> schemas, String schema, String property) {
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) schemas.get(schema))
                .get("properties");
        return (Integer) ((Map<String, Object>) properties.get(property)).get("maxLength");
    }
}
