package io.billingaccounts.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;

/** Every refusal, whoever makes it (security, a filter, a controller, Tomcat), in the one Error schema. */
class ErrorPathTest extends ServiceTest {

    private static final String DOCS = "https://docs.altostrat.io/errors/";

    @Test
    void securityRefusesInTheErrorSchema() {
        Reply anonymous = api.get(null, "/workspaces/ws_a1b2c3d4e5f6g7h8");
        assertError(anonymous, 401, "authentication_error", "invalid_token");
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void filtersAndControllersRefuseInTheErrorSchema() {
        String workspace = api.workspace("usr_eve", "pooled");
        String accounts = "/workspaces/" + workspace + "/billing-accounts";
        assertError(api.send("usr_eve", "POST", accounts, "{\"name\": \"" + "x".repeat(70_000) + "\"}", Map.of()),
                413, "invalid_request_error", "payload_too_large");
        assertError(api.send("usr_eve", "POST", accounts, "{not json", Map.of()), 400, "invalid_request_error",
                "malformed_json");
        assertError(api.send("usr_eve", "POST", accounts, "x", Map.of("Content-Type", "text/plain")), 415,
                "invalid_request_error", "unsupported_media_type");
        assertError(api.send("usr_eve", "PUT", accounts, "{}", Map.of()), 405, "invalid_request_error",
                "method_not_allowed");
        assertError(api.get("usr_eve", accounts + "/cus_doesnotexist00"), 404, "not_found_error",
                "resource_not_found");
        assertError(api.get("usr_eve", "/no/such/path"), 404, "not_found_error", "resource_not_found");
    }

    @Test
    void theServletContainerRefusesInTheErrorSchema() {
        Reply refused = api.get(null, "/workspaces/%00");
        assertThat(refused.status()).as(refused.raw().body()).isBetween(400, 499);
        assertThat(refused.text("doc_url")).startsWith(DOCS);
        assertThat(refused.text("type")).isNotBlank();
    }

    private static void assertError(Reply reply, int status, String type, String code) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.text("type")).isEqualTo(type);
        assertThat(reply.text("code")).isEqualTo(code);
        assertThat(reply.text("message")).isNotBlank();
        assertThat(reply.text("doc_url")).isEqualTo(DOCS + code);
    }
}
