package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jar as a newcomer runs it: no settings, so H2 and the Stripe emulator in-process, both keeping their data in
 * the data directory; its contract, reference page and development tokens; and the settings that turn those off.
 */
@ExtendWith(SharedServers.class)
class EmbeddedModeTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesItsContractAndAnOfflineReference(ServerProcess server) throws Exception {
        assertThat(get(server, "/actuator/health").body()).contains("\"UP\"");
        HttpResponse<byte[]> contract = http.send(request(server, "/openapi.yaml"),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(contract.body()).isEqualTo(Files.readAllBytes(RepoPaths.spec()));

        HttpResponse<String> docs = get(server, "/docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/openapi.yaml");
        // Every script and stylesheet comes from this server, and each of them is there.
        List<String> assets = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(docs.body());
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertThat(assets).isNotEmpty().allSatisfy(asset -> assertThat(asset).startsWith("/"));
        for (String asset : assets) {
            assertThat(get(server, asset).statusCode()).as(asset).isEqualTo(200);
        }
        assertThat(server.output()).contains("started the embedded Stripe emulator");
    }

    /** A kill -9 and two starts: with the other restarts, in the long run. */
    @Test
    @Tag("long")
    void aRestartAfterAKillLosesNoAcknowledgedWrite() throws Exception {
        Path data = Files.createTempDirectory("billing-accounts-restart-");
        String ws;
        Reply created;
        String token;
        try (ServerProcess server = ServerProcess.start(data, List.of(), Map.of())) {
            RawApi api = new RawApi(server.baseUrl());
            token = api.token("usr_alice");
            ws = api.post("usr_alice", "/workspaces", "{\"name\": \"W\", \"billing_mode\": \"single\"}").text("id");
            created = api.post("usr_alice", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT);
            assertThat(created.status()).isEqualTo(201);
            server.kill();
        }
        try (ServerProcess server = ServerProcess.start(data, List.of(), Map.of())) {
            RawApi api = new RawApi(server.baseUrl());
            Reply read = api.call("GET", ServiceScenarios.accounts(ws) + "/" + created.text("id"), null, null,
                    "Authorization", "Bearer " + token);
            assertThat(read.json()).isEqualTo(created.json());
            // The embedded Stripe kept the customer too: updating it works, and the limit still counts it.
            assertThat(api.patch("usr_alice", ServiceScenarios.accounts(ws) + "/" + created.text("id"),
                    "{\"name\": \"After restart\"}").status()).isEqualTo(200);
            assertThat(api.post("usr_alice", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT).status())
                    .isEqualTo(409);
        }
    }

    @Test
    void withATokenIssuerThereAreNoDevelopmentTokens(
            @StartedWith({StartedWith.TOKEN_ISSUER, StartedWith.AUDIENCE, StartedWith.EMBEDDED_STRIPE})
            ServerProcess server) throws Exception {
        HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/dev/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\": \"usr_alice\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).isEqualTo(404);
    }

    /** A start of the jar to its refusal, in the long run: every build checks the decision in DeploymentModeTest. */
    @Test
    @Tag("long")
    void aDatabaseServerWithoutAStripeKeyRefusesToStart() {
        assertThatThrownBy(() -> ServerProcess.start(List.of(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test"), Map.of()))
                .hasMessageMatching("(?s)The server exited with [1-9].*")
                .hasMessageContaining("STRIPE_API_KEY")
                .hasMessageContaining("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test")
                .hasMessageNotContaining("started the embedded Stripe emulator");
    }

    /** A start of the jar to its refusal, in the long run: every build checks the decision in DeploymentModeTest. */
    @Test
    @Tag("long")
    void aTokenIssuerWithoutAStripeKeyRefusesToStart() {
        assertThatThrownBy(() -> ServerProcess.start(List.of(
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=https://issuer.example.com/"), Map.of()))
                .hasMessageMatching("(?s)The server exited with [1-9].*")
                .hasMessageContaining("STRIPE_API_KEY")
                .hasMessageContaining("issuer-uri")
                .hasMessageNotContaining("started the embedded Stripe emulator");
    }

    @Test
    void theEmbeddedEmulatorsControlApiIsNotServed(ServerProcess server) throws Exception {
        Matcher started = Pattern.compile("started the embedded Stripe emulator on (http://\\S+)")
                .matcher(server.output());
        assertThat(started.find()).as(server.output()).isTrue();
        HttpResponse<String> faults = http.send(HttpRequest.newBuilder(
                URI.create(started.group(1) + "/_emulator/faults")).build(), HttpResponse.BodyHandlers.ofString());
        // Answered as Stripe answers a path it does not know (or a call without its key), never by the control API.
        assertThat(faults.statusCode()).isGreaterThanOrEqualTo(400);
        HttpResponse<String> wipe = http.send(HttpRequest.newBuilder(
                URI.create(started.group(1) + "/_emulator/data")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wipe.statusCode()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void theEmbeddedEmulatorsWebhooksReachTheServiceSigned(ServerProcess server) throws Exception {
        Matcher started = Pattern.compile("started the embedded Stripe emulator on (http://\\S+)")
                .matcher(server.output());
        assertThat(started.find()).as(server.output()).isTrue();
        RawApi api = new RawApi(server.baseUrl());
        String ws = api.post("usr_alice", "/workspaces", "{\"name\": \"W\", \"billing_mode\": \"single\"}")
                .text("id");
        String account = ServiceScenarios.accounts(ws) + "/"
                + api.post("usr_alice", ServiceScenarios.accounts(ws), ServiceScenarios.ACCOUNT).text("id");
        Reply subscribed = api.post("usr_alice", account + "/subscriptions",
                "{\"product_quantities\": {\"users\": 3}}");
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);

        // Canceled in Stripe itself, as from Stripe's dashboard: only a webhook can tell the service.
        HttpResponse<String> canceled = http.send(HttpRequest.newBuilder(URI.create(started.group(1)
                        + "/v1/subscriptions/" + subscribed.text("id")))
                .header("Authorization", "Bearer sk_test_embedded").DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api.get("usr_alice",
                account + "/subscriptions/" + subscribed.text("id")).text("status")).isEqualTo("canceled"));
    }

    /** A start of the jar to its refusal, in the long run: every build checks the decision in DeploymentModeTest. */
    @ParameterizedTest
    @Tag("long")
    @ValueSource(strings = {"sk_live_abc", "rk_live_abc"})
    void aLiveOrRestrictedLiveKeyRefusesToStartBesideDevelopmentTokens(String key) {
        assertThatThrownBy(() -> ServerProcess.start(List.of(), Map.of("STRIPE_API_KEY", key)))
                .hasMessageContaining("live Stripe key");
    }

    /**
     * Two more starts: every build checks a JWK set end to end (above) and every setting's decision in the server's
     * DeploymentModeTest; these two in the long run.
     */
    @Test
    @Tag("long")
    void everyOtherWayOfCheckingTokensTurnsDevelopmentTokensOff() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Path publicKey = Files.createTempFile("issuer-", ".pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder()
                .encodeToString(rsa.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        for (String setting : List.of("issuer-uri=https://issuer.example.com/",
                "public-key-location=file:" + publicKey)) {
            try (ServerProcess server = ServerProcess.start(List.of(
                    "--spring.security.oauth2.resourceserver.jwt." + setting,
                    "--spring.security.oauth2.resourceserver.jwt.audiences=billing-accounts",
                    "--billing.embedded-stripe=true"), Map.of())) {
                HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                                + "/dev/tokens")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sub\": \"usr_alice\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(tokens.statusCode()).as(setting).isEqualTo(404);
            }
        }
    }

    private HttpResponse<String> get(ServerProcess server, String path) throws Exception {
        return http.send(request(server, path), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(ServerProcess server, String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build();
    }
}
