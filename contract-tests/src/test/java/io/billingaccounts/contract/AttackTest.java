package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an attacker would try: forged and stale tokens, other tenants' ids, ids built to break a query or a path,
 * bodies built to exhaust the parser. Each is refused cleanly in the Error schema, never with a 5xx or a banner.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedServers.class)
class AttackTest {

    private static final String ISSUER = "billing-accounts-development";
    private static final String AUDIENCE = "billing-accounts";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ServerProcess server;
    private RawApi api;
    private RSAKey serverKey;
    private String accounts;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(ServerProcess shared) throws Exception {
        server = shared;
        api = new RawApi(server.baseUrl());
        String ws = api.post("usr_victim", "/workspaces", "{\"name\": \"V\", \"billing_mode\": \"pooled\"}").text("id");
        accounts = ServiceScenarios.accounts(ws);
        api.post("usr_victim", accounts, ServiceScenarios.ACCOUNT);
        serverKey = RSAKey.parse(Files.readString(server.dataDir().resolve("dev-token-key.json")));
    }

    @Test
    void onlyAProperlySignedCurrentTokenForThisAudienceIsAccepted() throws Exception {
        assertThat(status(sign(serverKey, claims()))).as("a well-formed token, as control").isEqualTo(200);

        Instant now = Instant.now();
        Map<String, String> forged = Map.of(
                "expired", sign(serverKey, claims().expirationTime(Date.from(now.minusSeconds(300)))),
                "not yet valid", sign(serverKey, claims().notBeforeTime(Date.from(now.plusSeconds(300)))),
                "wrong issuer", sign(serverKey, claims().issuer("https://evil.example.com")),
                "wrong audience", sign(serverKey, claims().audience("another-service")),
                "alg none", new PlainJWT(claims().build()).serialize(),
                "HS256 with the public key", hs256WithPublicKey(),
                "another key", sign(new RSAKeyGenerator(2048).keyID(serverKey.getKeyID()).generate(), claims()),
                "malformed", "abc.def.ghi");
        forged.forEach((kind, token) -> {
            Reply reply = api.call("GET", accounts, null, null, "Authorization", "Bearer " + token);
            assertThat(reply.status()).as(kind).isEqualTo(401);
            assertThat(reply.text("type")).as(kind).isEqualTo("authentication_error");
        });
    }

    @Test
    void idsBuiltToBreakAQueryOrAPathFindNothing() throws Exception {
        List<String> hostile = List.of("ws_1'%20OR%20'1'='1", "ws_1;DROP%20TABLE%20workspace", "..%2F..%2Fetc%2Fpasswd",
                "%2e%2e%2f%2e%2e%2f", "ws_%00", "%3Cscript%3E", "ws_" + "a".repeat(5000), "ws_%F0%9F%92%A5",
                "ws_a1b2c3d4e5f6g7h8%5C..%5C");
        for (String id : hostile) {
            for (String path : List.of("/workspaces/" + id, "/workspaces/" + id + "/billing-accounts",
                    accounts + "/cus_" + id, "/workspaces/" + id + "/members/" + id)) {
                String method = path.contains("/members/") ? "DELETE" : "GET";
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", "Bearer " + api.token("usr_victim")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isIn(400, 404, 422);
                assertErrorBody(path, response.body());
            }
        }
        assertThat(api.get("usr_victim", accounts).json().path("data").size()).isEqualTo(1);
    }

    @Test
    void deeplyNestedOrHugeBodiesAreRefusedWithoutAFault() {
        String nested = "{\"name\": " + "[".repeat(100_000 / 2) + "]".repeat(100_000 / 2) + "}";
        assertThat(api.post("usr_victim", accounts, nested).status()).isIn(400, 413);
        String deep = "{\"name\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertThat(api.post("usr_victim", accounts, deep).status()).isEqualTo(400);
        assertThat(api.post("usr_victim", accounts, "{\"name\": \"" + "x".repeat(1 << 20) + "\"}").status())
                .isEqualTo(413);
    }

    @Test
    void answersCarryNoBannersAndNoInternals() throws Exception {
        for (Reply reply : List.of(api.call("GET", accounts, null, null), api.post("usr_victim", accounts, "{\"name\":"),
                api.get("usr_victim", accounts), api.patch("usr_victim", accounts + "/cus_nope", "{\"x\": 1}"))) {
            assertThat(reply.header("Server")).isNull();
            assertThat(reply.header("X-Powered-By")).isNull();
            assertThat(reply.response().body()).doesNotContain("Exception", "java.", "springframework", "tools.jackson");
        }
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).doesNotContain("version");
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject("usr_victim").issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    private static String sign(RSAKey key, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The classic confusion: the server's public key, which anyone may know, used as an HMAC secret. */
    private String hs256WithPublicKey() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(serverKey.getKeyID()).build(),
                claims().build());
        jwt.sign(new MACSigner(serverKey.toRSAPublicKey().getEncoded()));
        return jwt.serialize();
    }

    private int status(String token) {
        return api.call("GET", accounts, null, null, "Authorization", "Bearer " + token).status();
    }

    private static void assertErrorBody(String path, String body) {
        JsonNode error = JSON.readTree(body);
        for (String field : List.of("type", "code", "message", "doc_url")) {
            assertThat(error.path(field).isString()).as(path + " " + body).isTrue();
        }
    }
}
