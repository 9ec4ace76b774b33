package io.billingaccounts.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;

/** PATCH as a JSON merge patch, and bodies refused whole: every offending field in one 422, nothing changed. */
class MergePatchTest extends ServiceTest {

    private String workspace;
    private String path;

    @BeforeEach
    void anAccount() {
        workspace = api.workspace("usr_ann", "pooled");
        path = "/workspaces/" + workspace + "/billing-accounts/" + api.account("usr_ann", workspace);
        STRIPE.requests().clear();
    }

    @Test
    void absentFieldsStayNullClearsAndTheAddressMergesFieldByField() {
        api.patch("usr_ann", path, "{\"phone\": \"+27211234567\", \"address\": {\"state\": \"Western Cape\"}}");
        Reply patched = api.patch("usr_ann", path, "{\"phone\": null, \"address\": {\"city\": \"Stellenbosch\"}}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("phone").isNull()).isTrue();
        assertThat(patched.text("name")).isEqualTo("ACME");
        assertThat(patched.json().path("address").path("city").asString()).isEqualTo("Stellenbosch");
        assertThat(patched.json().path("address").path("state").asString()).isEqualTo("Western Cape");
        assertThat(patched.json().path("address").path("line1").asString()).isEqualTo("1 Long Street");
        assertThat(STRIPE.requests().count("POST /v1/customers/*")).isEqualTo(2);
    }

    @Test
    void aPatchThatChangesNothingTouchesNothing() {
        Reply before = api.get("usr_ann", path);
        Reply same = api.patch("usr_ann", path, "{\"name\": \"ACME\", \"address\": {\"country\": \"ZA\"}}");

        assertThat(same.status()).isEqualTo(200);
        assertThat(same.text("updated_at")).isEqualTo(before.text("updated_at"));
        assertThat(same.header("ETag")).isEqualTo(before.header("ETag"));
        assertThat(STRIPE.requests().entries()).isEmpty();
    }

    @Test
    void aPatchNamesEveryOffendingFieldInOneAnswer() {
        Reply refused = api.patch("usr_ann", path, """
                {"name": null, "email": "bad", "address": {"country": "XX"}, "currency": "eur", "colour": "red"}""");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("validation_failed");
        assertThat(refused.errorFields())
                .containsExactlyInAnyOrder("name", "email", "address.country", "currency", "colour");
        assertThat(refused.json().path("errors").findValuesAsString("code"))
                .contains("not_nullable", "immutable", "unknown_field", "invalid_country");
        assertThat(STRIPE.requests().entries()).isEmpty();
        assertThat(api.get("usr_ann", path).text("email")).isEqualTo("billing@example.com");
    }

    @Test
    void aCreateNamesEveryOffendingFieldInOneAnswerAndLeavesNoTrace() {
        Reply refused = api.send("usr_ann", "POST", "/workspaces/" + workspace + "/billing-accounts", """
                {"name": "", "email": "bad", "phone": null, "currency": "xyz",
                 "address": {"country": "XX", "line1": "1 Long Street", "city": null}}""", java.util.Map.of());

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("name", "email", "currency", "address.country",
                "address.city");
        assertThat(STRIPE.requests().entries()).isEmpty();
        assertThat(api.get("usr_ann", "/workspaces/" + workspace + "/billing-accounts").json().path("data").size())
                .isEqualTo(1);
    }
}
