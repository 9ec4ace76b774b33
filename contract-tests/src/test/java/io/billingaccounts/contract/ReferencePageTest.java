package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * {@code /docs} as a running instance serves it: the contract the page renders offers that instance as the first
 * server (the contract's own servers after it, the rest unchanged), try-it-out is on, and only the embedded mode's
 * page offers a development token.
 */
@ExtendWith(SharedServers.class)
class ReferencePageTest {

    private static final OpenAPI CONTRACT = new OpenAPIV3Parser().read(RepoPaths.spec().toString());

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void offersTheServingInstanceToTryAndADevelopmentTokenForIt(ServerProcess server) throws Exception {
        String page = get(server, "/docs").body();
        assertThat(page).contains("url: '/docs/openapi.yaml'", "tryItOutEnabled: true",
                "x-development-tokens", "id=\"development-tokens\"", "preauthorizeApiKey('bearerAuth'");

        OpenAPI offered = contractOfThePage(server);
        Server instance = offered.getServers().get(0);
        assertThat(instance.getUrl()).isEqualTo(server.baseUrl());
        assertThat(instance.getExtensions()).containsEntry("x-development-tokens", "/dev/tokens");
        assertTheRestIsTheContract(offered);

        HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + instance.getExtensions().get("x-development-tokens")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\": \"usr_alice\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.body()).contains("\"token\"");
    }

    @Test
    void withATokenIssuerOffersTheInstanceButNoDevelopmentTokens(@StartedWith({StartedWith.TOKEN_ISSUER,
            StartedWith.AUDIENCE, StartedWith.EMBEDDED_STRIPE}) ServerProcess server)
            throws Exception {
        OpenAPI offered = contractOfThePage(server);
        Server instance = offered.getServers().get(0);
        assertThat(instance.getUrl()).isEqualTo(server.baseUrl());
        assertThat(instance.getExtensions()).isNull();
        assertTheRestIsTheContract(offered);
    }

    private OpenAPI contractOfThePage(ServerProcess server) throws Exception {
        HttpResponse<String> served = get(server, "/docs/openapi.yaml");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/yaml"));
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body());
        assertThat(parsed.getMessages()).isEmpty();
        return parsed.getOpenAPI();
    }

    private static void assertTheRestIsTheContract(OpenAPI offered) {
        List<Server> servers = new ArrayList<>(offered.getServers());
        servers.remove(0);
        assertThat(servers).isEqualTo(CONTRACT.getServers());
        assertThat(offered).usingRecursiveComparison().ignoringFields("servers").isEqualTo(CONTRACT);
    }

    private HttpResponse<String> get(ServerProcess server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
