package io.billingaccounts.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class ContractForThisInstanceTest {

    private static final String CONTRACT = """
            openapi: 3.0.3
            servers:
                - url: https://api.example.com
                  description: Production
            paths: {}
            """;

    @Test
    void putsTheInstanceFirstInTheListsOwnIndentationAndLeavesTheRestAsWritten() {
        String offered = new ContractForThisInstance(CONTRACT).at("http://localhost:8080", Optional.of("/dev/tokens"));

        assertThat(servers(offered)).containsExactly(
                Map.of("url", "http://localhost:8080", "description", "This instance",
                        "x-development-tokens", "/dev/tokens"),
                Map.of("url", "https://api.example.com", "description", "Production"));
        assertThat(offered.replaceFirst("(?s)    - url: 'http://localhost:8080'.*?/dev/tokens'\\n", ""))
                .isEqualTo(CONTRACT);
    }

    @Test
    void namesNoDevelopmentTokensWhereThereAreNone() {
        assertThat(servers(new ContractForThisInstance(CONTRACT).at("http://localhost:8080", Optional.empty())))
                .first().isEqualTo(Map.of("url", "http://localhost:8080", "description", "This instance"));
    }

    @Test
    void aBaseUrlCannotBreakOutOfItsString() {
        String hostile = "http://x' #: y', evil: true";

        assertThat(servers(new ContractForThisInstance(CONTRACT).at(hostile, Optional.empty())))
                .first().isEqualTo(Map.of("url", hostile, "description", "This instance"));
    }

    @Test
    void aContractWithoutServersIsRefused() {
        assertThatThrownBy(() -> new ContractForThisInstance("openapi: 3.0.3\npaths: {}\n"))
                .isInstanceOf(IllegalStateException.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> servers(String contract) {
        return (List<Map<String, Object>>) new Yaml().<Map<String, Object>>load(contract).get("servers");
    }
}
