package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ShrinkingPropertyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aFailureIsReportedWithOnlyTheFieldsThatMakeItFail() {
        ObjectNode generated = (ObjectNode) JSON.readTree("""
                {"name": "n", "email": "e@example.com", "address": {"city": "Durban", "country": "XX"}}""");

        assertThatThrownBy(() -> ShrinkingProperty.check(generated, patch ->
                assertThat(patch.path("address").has("country")).as("a country").isFalse()))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Fails for {\"address\":{\"country\":\"XX\"}} (shrunk from " + generated)
                .hasMessageContaining("-D" + SeededCases.SEED_PROPERTY + "=" + SeededCases.seed())
                .hasMessageContaining("a country");
    }

    @Test
    void aPassingCaseIsCheckedOnceAndNotChanged() {
        ObjectNode generated = (ObjectNode) JSON.readTree("{\"name\": \"n\", \"phone\": null}");
        List<String> checked = new ArrayList<>();

        ShrinkingProperty.check(generated, patch -> checked.add(patch.toString()));

        assertThat(checked).containsExactly(generated.toString());
    }
}
