package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated create and update bodies, valid and invalid, against the packaged server: never a 5xx, every answer
 * conforms to the spec (RawApi checks), and for every patch the reference model predicts the outcome exactly.
 * The cases are seeded (SeededCases); a failing one is shrunk to the fewest fields that still fail.
 */
class MergePatchPropertiesTest extends AgainstServerWithEmulator {

    @Override
    boolean sharesServer() {
        return true;
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TIMESTAMPS = Set.of("created_at", "updated_at");

    private String account;

    @BeforeAll
    void openAccount() {
        String workspace = api.post("usr_prop", "/workspaces", "{\"name\": \"P\", \"billing_mode\": \"pooled\"}")
                .text("id");
        account = ServiceScenarios.accounts(workspace) + "/"
                + api.post("usr_prop", ServiceScenarios.accounts(workspace), ServiceScenarios.ACCOUNT).text("id");
    }

    static Stream<ObjectNode> patches() {
        return SeededCases.generate("patches", 150, random -> new RandomPatches(random).patch());
    }

    static Stream<ObjectNode> createFields() {
        return SeededCases.generate("create fields", 60, random -> new RandomPatches(random).patch());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("patches")
    void everyPatchIsAppliedOrRefusedAsTheModelPredicts(ObjectNode generated) {
        ShrinkingProperty.check(generated, patch -> {
            JsonNode before = api.get("usr_prop", account).json();
            Reply reply = api.patch("usr_prop", account, patch.toString());
            Set<String> invalid = MergePatchModel.violations(patch);
            if (invalid.isEmpty()) {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                assertThat(withoutTimestamps(reply.json()))
                        .isEqualTo(withoutTimestamps(MergePatchModel.apply(before, patch)));
                boolean changed = !withoutTimestamps(reply.json()).equals(withoutTimestamps(before));
                assertThat(reply.text("updated_at").equals(before.path("updated_at").asString())).isEqualTo(!changed);
            } else {
                assertThat(reply.status()).as(patch + " -> " + reply).isEqualTo(422);
                assertThat(reply.errorFields()).as(patch + " -> " + reply).isNotEmpty().isSubsetOf(invalid);
                assertThat(api.get("usr_prop", account).json()).isEqualTo(before);
            }
        });
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("createFields")
    void everyCreateIsMadeOrRefusedAsTheModelPredicts(ObjectNode generated) {
        ShrinkingProperty.check(generated, fields -> {
            ObjectNode body = ((ObjectNode) JSON.readTree(ServiceScenarios.ACCOUNT)).without("currency");
            body = MergePatchModel.apply(body, fields);
            String ws = api.post("usr_prop", "/workspaces", "{\"name\": \"C\", \"billing_mode\": \"single\"}")
                    .text("id");
            Reply reply = api.post("usr_prop", ServiceScenarios.accounts(ws), body.toString());
            Set<String> invalid = MergePatchModel.violations(fields);
            // Nulls that a patch may send to clear a field are just absent values at creation.
            // The currency that a patch may not change is chosen at creation.
            invalid.remove("currency");
            if (invalid.isEmpty()) {
                assertThat(reply.status()).as(body + " -> " + reply).isEqualTo(201);
                ObjectNode expected = body.deepCopy();
                expected.put("currency", "usd");
                expected.properties().forEach(e -> assertThat(reply.json().path(e.getKey())).as(e.getKey())
                        .isEqualTo(e.getKey().equals("address") ? withNulls(e.getValue()) : e.getValue()));
            } else {
                assertThat(reply.status()).as(fields + " " + invalid + " -> " + reply).isEqualTo(422);
                assertThat(api.get("usr_prop", ServiceScenarios.accounts(ws)).json().path("data").size()).isZero();
            }
        });
    }

    private static JsonNode withoutTimestamps(JsonNode account) {
        return ((ObjectNode) account.deepCopy()).without(TIMESTAMPS);
    }

    private static JsonNode withNulls(JsonNode address) {
        ObjectNode full = JSON.createObjectNode();
        for (String f : List.of("country", "line1", "line2", "city", "state", "postal_code")) {
            full.set(f, address.has(f) ? address.get(f) : JSON.nullNode());
        }
        return full;
    }
}
