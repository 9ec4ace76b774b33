package io.billingaccounts.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    void theServletContainerRefusesInTheErrorSchema() throws IOException {
        URI base = URI.create(api.get(null, "/actuator/health").raw().uri().toString());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /workspaces/%00 HTTP/1.0\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 4");
            JsonNode body = JsonMapper.builder().build().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(body.path("doc_url").asString()).startsWith(DOCS);
            assertThat(body.path("type").asString()).isNotBlank();
        }
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
