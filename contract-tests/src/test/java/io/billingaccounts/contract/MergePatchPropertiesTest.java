package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import io.billingaccounts.stripe.emulator.EmulatorOptions;
import io.billingaccounts.stripe.emulator.StripeEmulator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generated create and update bodies, valid and invalid, against the packaged server: never a 5xx, every answer
 * conforms to the spec (RawApi checks), and for every patch the reference model predicts the outcome exactly.
 */
class MergePatchPropertiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TIMESTAMPS = Set.of("created_at", "updated_at");

    private static StripeEmulator emulator;
    private static ServerProcess server;
    private static RawApi api;
    private static String workspace;
    private static String account;

    @BeforeContainer
    static void start() throws Exception {
        emulator = StripeEmulator.start(EmulatorOptions.builder().port(0).build());
        server = ServerProcess.start(List.of(), Map.of("STRIPE_API_KEY", StripeEmulatorControl.API_KEY,
                "STRIPE_API_BASE", emulator.baseUrl()));
        api = new RawApi(server.baseUrl());
        workspace = api.post("usr_prop", "/workspaces", "{\"name\": \"P\", \"billing_mode\": \"pooled\"}").text("id");
        account = ServiceScenarios.accounts(workspace) + "/"
                + api.post("usr_prop", ServiceScenarios.accounts(workspace), ServiceScenarios.ACCOUNT).text("id");
    }

    @AfterContainer
    static void stop() throws Exception {
        server.close();
        emulator.close();
    }

    @Property(tries = 150)
    void everyPatchIsAppliedOrRefusedAsTheModelPredicts(@ForAll("patches") ObjectNode patch) {
        JsonNode before = api.get("usr_prop", account).json();
        Reply reply = api.patch("usr_prop", account, patch.toString());
        Set<String> invalid = MergePatchModel.violations(patch);
        if (invalid.isEmpty()) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(withoutTimestamps(reply.json())).isEqualTo(withoutTimestamps(MergePatchModel.apply(before, patch)));
            boolean changed = !withoutTimestamps(reply.json()).equals(withoutTimestamps(before));
            assertThat(reply.text("updated_at").equals(before.path("updated_at").asString())).isEqualTo(!changed);
        } else {
            assertThat(reply.status()).as(patch + " -> " + reply).isEqualTo(422);
            assertThat(reply.errorFields()).as(patch + " -> " + reply).isNotEmpty().isSubsetOf(invalid);
            assertThat(api.get("usr_prop", account).json()).isEqualTo(before);
        }
    }

    @Property(tries = 60)
    void everyCreateIsMadeOrRefusedAsTheModelPredicts(@ForAll("patches") ObjectNode fields) {
        ObjectNode body = ((ObjectNode) JSON.readTree(ServiceScenarios.ACCOUNT)).without("currency");
        body = MergePatchModel.apply(body, fields);
        String ws = api.post("usr_prop", "/workspaces", "{\"name\": \"C\", \"billing_mode\": \"single\"}").text("id");
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
    }

    @Provide
    Arbitrary<ObjectNode> patches() {
        return Combinators.combine(
                field(Arbitraries.oneOf(text(1, 100), Arbitraries.of("  ", "n".repeat(101))), false),
                field(Arbitraries.oneOf(emails(), Arbitraries.of("not-an-address", "a@localhost")), false),
                field(Arbitraries.oneOf(text(0, 20), Arbitraries.of("9".repeat(21), "9".repeat(51))), true),
                field(Arbitraries.oneOf(text(0, 200), Arbitraries.of("d".repeat(201))), true),
                addressPatch(),
                Arbitraries.of("", "", "", "currency", "nickname")
        ).as((name, email, phone, description, address, extra) -> {
            ObjectNode patch = JSON.createObjectNode();
            name.ifPresent(v -> patch.set("name", v));
            email.ifPresent(v -> patch.set("email", v));
            phone.ifPresent(v -> patch.set("phone", v));
            description.ifPresent(v -> patch.set("description", v));
            address.ifPresent(v -> patch.set("address", v));
            if (!extra.isEmpty()) {
                patch.put(extra, "usd");
            }
            return patch;
        });
    }

    private Arbitrary<java.util.Optional<JsonNode>> addressPatch() {
        Arbitrary<ObjectNode> object = Combinators.combine(
                field(Arbitraries.oneOf(Arbitraries.of("US", "ZA", "GB", "DE", "JP"), Arbitraries.of("XX", "us")), false),
                field(Arbitraries.oneOf(text(1, 200), Arbitraries.of("")), false),
                field(text(0, 200), true),
                field(Arbitraries.oneOf(text(1, 100), Arbitraries.of(" ")), false),
                field(text(0, 100), true),
                field(Arbitraries.oneOf(text(0, 20), Arbitraries.of("1".repeat(21))), true)
        ).as((country, line1, line2, city, state, postal) -> {
            ObjectNode address = JSON.createObjectNode();
            country.ifPresent(v -> address.set("country", v));
            line1.ifPresent(v -> address.set("line1", v));
            line2.ifPresent(v -> address.set("line2", v));
            city.ifPresent(v -> address.set("city", v));
            state.ifPresent(v -> address.set("state", v));
            postal.ifPresent(v -> address.set("postal_code", v));
            return address;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(java.util.Optional.<JsonNode>empty())),
                net.jqwik.api.Tuple.of(4, object.map(java.util.Optional::<JsonNode>of)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(java.util.Optional.<JsonNode>of(JSON.nullNode()))));
    }

    /** Absent (most often), null, or a value from {@code values}; null only where it may clear, mostly. */
    private static Arbitrary<java.util.Optional<JsonNode>> field(Arbitrary<String> values, boolean nullable) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(java.util.Optional.<JsonNode>empty())),
                net.jqwik.api.Tuple.of(4, values.map(v -> java.util.Optional.<JsonNode>of(JSON.getNodeFactory().stringNode(v)))),
                net.jqwik.api.Tuple.of(nullable ? 2 : 1, Arbitraries.just(java.util.Optional.<JsonNode>of(JSON.nullNode()))));
    }

    private static Arbitrary<String> text(int min, int max) {
        return Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '-', 'é', '1').ofMinLength(min)
                .ofMaxLength(max).filter(s -> min == 0 || !s.isBlank());
    }

    private static Arbitrary<String> emails() {
        return Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20),
                Arbitraries.of("example.com", "acme.org", "billing.io")).as((local, domain) -> local + "@" + domain);
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
