package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The check every contract test runs on every answer refuses a server that drifts from the spec. */
class ContractGateBitesTest {

    private static final String PATH = "/workspaces/ws_a1b2c3d4e5f6g7h8/billing-accounts/cus_a1b2c3d4e5f6g7h8";
    private static final Map<String, List<String>> HEADERS = Map.of("Content-Type", List.of("application/json"),
            "ETag", List.of("\"1\""));

    @Test
    void aServerAnswerWithoutUpdatedAtFailsTheContractTests() {
        ObjectNode account = (ObjectNode) SpecExamples.rawSchemaExample("BillingAccount");
        assertThatCode(() -> ContractValidator.assertConforms("GET", PATH, 200, HEADERS, account.toString()))
                .doesNotThrowAnyException();
        account.remove("updated_at");
        assertThatThrownBy(() -> ContractValidator.assertConforms("GET", PATH, 200, HEADERS, account.toString()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("updated_at");
    }

    @Test
    void aServerAnswerWithAnUndocumentedStatusFailsTheContractTests() {
        String error = "{\"type\": \"conflict_error\", \"code\": \"x\", \"message\": \"m\", \"doc_url\": \"https://d/x\"}";
        assertThatThrownBy(() -> ContractValidator.assertConforms("GET", PATH, 409, HEADERS, error))
                .isInstanceOf(AssertionError.class).hasMessageContaining("409");
    }
}
