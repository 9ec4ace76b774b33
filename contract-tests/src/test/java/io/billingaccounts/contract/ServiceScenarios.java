package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The contract's behaviour, scenario by scenario, against the packaged server over HTTP with a Stripe emulator
 * behind it. Every answer is held to api/openapi.yaml on the way (RawApi). Subclasses choose the database.
 */
abstract class ServiceScenarios extends AgainstServerWithEmulator {

    @Override
    boolean sharesServer() {
        return true;
    }

    static final String SEED_PATCH = """
            {
              "name": "ACME Corp (International)",
              "email": "global.billing@acme.com",
              "phone": "+15559876543",
              "description": "Primary account for all international billing.",
              "address": {
                "country": "US",
                "line1": "123 Main Street",
                "line2": "Suite 456",
                "city": "San Francisco",
                "state": "CA",
                "postal_code": "94105"
              }
            }""";

    static final String ACCOUNT = """
            {"name": "ACME Corp Billing", "email": "billing@acme.com", "phone": "+15551234567",
             "description": "For US-based operations", "currency": "zar",
             "address": {"country": "ZA", "line1": "1 Long Street", "line2": "Floor 3", "city": "Cape Town",
                         "state": "Western Cape", "postal_code": "8001"}}""";

    /** Server arguments that choose the database. */
    abstract List<String> databaseArgs();

    @Override
    List<String> serverArgs() {
        return withoutRecoveryLoop(databaseArgs());
    }

    static List<String> withoutRecoveryLoop(List<String> databaseArgs) {
        List<String> args = new ArrayList<>(databaseArgs);
        // The scenarios count the Stripe calls each request makes; the recovery loop, which would make calls of
        // its own at any moment for the writes a failure scenario leaves unfinished, is FaultRecoveryTest's and
        // CrashRecoveryTest's subject. Unfinished writes are still finished by the next writer of their object.
        args.add("--billing.recovery.initial-delay=PT24H");
        return args;
    }

    @BeforeEach
    void calmStripe() {
        stripe.clearFaults();
        stripe.clearRequests();
    }

    // ---- workspaces and members ----

    @Test
    void theCreatorOfAWorkspaceIsItsOwnerAndOnlyMembersSeeIt() {
        Reply created = api.post("usr_alice", "/workspaces",
                "{\"name\": \"ACME\", \"description\": null, \"billing_mode\": \"pooled\"}");
        assertThat(created.status()).isEqualTo(201);
        String ws = created.text("id");
        assertThat(ws).matches("ws_[a-z0-9]{16}");
        assertThat(created.text("billing_mode")).isEqualTo("pooled");
        assertThat(created.json().path("description").isNull()).isTrue();
        assertThat(created.text("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

        assertThat(api.get("usr_alice", "/workspaces/" + ws).json()).isEqualTo(created.json());
        Reply members = api.get("usr_alice", "/workspaces/" + ws + "/members");
        assertThat(members.json().path("data").get(0).path("user_id").asString()).isEqualTo("usr_alice");
        assertThat(members.json().path("data").get(0).path("role").asString()).isEqualTo("owner");

        assertThat(api.get("usr_mallory", "/workspaces/" + ws).status()).isEqualTo(404);
        assertThat(api.get("usr_mallory", "/workspaces/" + ws + "/members").status()).isEqualTo(404);
        assertThat(api.get("usr_alice", "/workspaces/ws_doesnotexist0000").status()).isEqualTo(404);
        assertThat(api.get("usr_alice", "/workspaces/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void aWorkspaceNeedsAValidBody() {
        Reply invalid = api.post("usr_alice", "/workspaces",
                "{\"name\": \"" + "x".repeat(51) + "\", \"billing_mode\": \"shared\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorFields()).contains("billing_mode");
        Reply tooLong = api.post("usr_alice", "/workspaces", "{\"name\": \"" + "x".repeat(51)
                + "\", \"billing_mode\": \"single\"}");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.errorFields()).containsExactly("name");
        Reply missing = api.post("usr_alice", "/workspaces", "{\"billing_mode\": \"single\"}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.errorFields()).containsExactly("name");
        assertThat(api.post("usr_alice", "/workspaces", "{\"name\": \"A\", \"billing_mode\": \"single\", \"x\": 1}")
                .errorFields()).containsExactly("x");
        assertThat(api.post("usr_alice", "/workspaces", "{\"name\": 5, \"billing_mode\": \"single\"}").status())
                .isEqualTo(400);
    }

    @Test
    void membersFollowTheRoleRules() {
        String ws = workspace("usr_owner1", "pooled");
        String members = "/workspaces/" + ws + "/members";
        assertThat(api.post("usr_owner1", members, "{\"user_id\": \"usr_admin1\", \"role\": \"admin\"}").status())
                .isEqualTo(201);
        assertThat(api.post("usr_owner1", members, "{\"user_id\": \"usr_viewer1\", \"role\": \"viewer\"}").status())
                .isEqualTo(201);
        Reply duplicate = api.post("usr_owner1", members, "{\"user_id\": \"usr_admin1\", \"role\": \"viewer\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.text("code")).isEqualTo("member_exists");
        assertThat(api.post("usr_viewer1", members, "{\"user_id\": \"usr_x\", \"role\": \"viewer\"}").status())
                .isEqualTo(403);
        assertThat(api.post("usr_admin1", members, "{\"user_id\": \"usr_y\", \"role\": \"owner\"}").status())
                .isEqualTo(403);
        assertThat(api.delete("usr_admin1", members + "/usr_owner1").status()).isEqualTo(403);
        Reply lastOwner = api.delete("usr_owner1", members + "/usr_owner1");
        assertThat(lastOwner.status()).isEqualTo(422);
        assertThat(lastOwner.text("code")).isEqualTo("cannot_remove_last_owner");
        assertThat(api.delete("usr_admin1", members + "/usr_viewer1").status()).isEqualTo(204);
        assertThat(api.delete("usr_admin1", members + "/usr_viewer1").status()).isEqualTo(404);
        assertThat(api.get("usr_viewer1", members).status()).isEqualTo(404);
        Reply list = api.get("usr_admin1", members);
        assertThat(list.json().path("data")).extracting(m -> m.path("user_id").asString())
                .containsExactly("usr_owner1", "usr_admin1");
        assertThat(api.post("usr_owner1", members, "{\"user_id\": \"usr_admin1\", \"role\": \"boss\"}").status())
                .isEqualTo(422);
    }

    @Test
    void aWorkspaceHasAtMostOneHundredMembers() {
        String ws = workspace("usr_crowd", "pooled");
        for (int i = 1; i < 100; i++) {
            assertThat(api.post("usr_crowd", "/workspaces/" + ws + "/members",
                    "{\"user_id\": \"usr_m" + i + "\", \"role\": \"viewer\"}").status()).isEqualTo(201);
        }
        Reply full = api.post("usr_crowd", "/workspaces/" + ws + "/members",
                "{\"user_id\": \"usr_m100\", \"role\": \"viewer\"}");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.text("code")).isEqualTo("member_limit_reached");
    }

    // ---- billing accounts ----

    @Test
    void createStoresTheAccountAndItsStripeCustomerWithOneIdempotentCall() {
        String ws = workspace("usr_alice", "pooled");
        Reply created = api.post("usr_alice", accounts(ws), ACCOUNT);
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(id).startsWith("cus_");
        assertThat(created.header("ETag")).isNotBlank();
        assertThat(created.text("workspace_id")).isEqualTo(ws);
        assertThat(created.text("currency")).isEqualTo("zar");
        assertThat(created.json().path("address").path("city").asString()).isEqualTo("Cape Town");
        assertThat(created.text("created_at")).isEqualTo(created.text("updated_at"))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

        assertThat(stripe.calls("POST", "/v1/customers")).isEqualTo(1);
        JsonNode customer = stripe.customer(id);
        assertThat(customer.path("name").asString()).isEqualTo("ACME Corp Billing");
        assertThat(customer.path("email").asString()).isEqualTo("billing@acme.com");
        assertThat(customer.path("phone").asString()).isEqualTo("+15551234567");
        assertThat(customer.path("address").path("postal_code").asString()).isEqualTo("8001");
        assertThat(customer.path("metadata").path("workspace_id").asString()).isEqualTo(ws);

        stripe.clearRequests();
        Reply read = api.get("usr_alice", accounts(ws) + "/" + id);
        assertThat(read.json()).isEqualTo(created.json());
        assertThat(read.header("ETag")).isEqualTo(created.header("ETag"));
        assertThat(api.get("usr_alice", accounts(ws)).json().path("data").get(0)).isEqualTo(created.json());
        assertThat(stripe.totalCalls()).isZero();
    }

    @Test
    void createTakesTheDefaultCurrencyAndNeedsAnAddress() {
        String ws = workspace("usr_alice", "pooled");
        Reply created = api.post("usr_alice", accounts(ws), "{\"name\": \"Min\", \"email\": \"min@example.com\", "
                + "\"address\": {\"country\": \"GB\", \"line1\": \"1 High St\", \"city\": \"London\"}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("currency")).isEqualTo("usd");
        assertThat(created.json().path("address").path("line2").isNull()).isTrue();
        assertThat(created.json().path("phone").isNull()).isTrue();
        assertThat(api.post("usr_alice", accounts(ws), "{\"name\": \"Min\", \"email\": \"min@example.com\"}")
                .errorFields()).containsExactly("address");
    }

    @Test
    void createRefusesInvalidFieldsNamingEachAndLeavesNoTrace() {
        String ws = workspace("usr_alice", "single");
        Reply invalid = api.post("usr_alice", accounts(ws), """
                {"name": "  ", "email": "billing@localhost", "address": {"country": "XX", "line1": "1 Road",
                 "city": "Town"}}""");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.text("type")).isEqualTo("unprocessable_entity");
        assertThat(invalid.errorFields()).containsExactlyInAnyOrder("name", "email", "address.country");
        Reply tooLong = api.post("usr_alice", accounts(ws), "{\"name\": \"" + "n".repeat(101)
                + "\", \"email\": \"a@example.com\", \"address\": {\"country\": \"US\", \"line1\": \"x\", "
                + "\"city\": \"y\", \"postal_code\": \"" + "9".repeat(21) + "\"}}");
        assertThat(tooLong.errorFields()).containsExactlyInAnyOrder("name", "address.postal_code");
        assertThat(api.post("usr_alice", accounts(ws), "{\"email\": \"a@example.com\", \"address\": "
                + "{\"country\": \"US\", \"line1\": \"x\", \"city\": \"y\"}}").errorFields()).containsExactly("name");
        assertThat(api.post("usr_alice", accounts(ws), "{\"name\": \"A\", \"email\": \"a@example.com\", "
                + "\"currency\": \"btc\", \"address\": {\"country\": \"US\", \"line1\": \"x\", \"city\": \"y\"}}")
                .errorFields()).containsExactly("currency");
        assertThat(api.post("usr_alice", accounts(ws), "{\"name\": \"A\", \"email\": \"a@example.com\", "
                + "\"address\": {\"country\": \"US\"}}").errorFields())
                .containsExactlyInAnyOrder("address.line1", "address.city");
        assertThat(api.post("usr_alice", accounts(ws), "{\"name\": 123, \"email\": \"a@example.com\"}").status())
                .isEqualTo(400);
        assertThat(api.post("usr_alice", accounts(ws), "{\"name\": \"A\",").status()).isEqualTo(400);
        assertThat(api.post("usr_alice", accounts(ws), "name=A", "Content-Type", "text/plain").status())
                .isEqualTo(415);
        assertThat(api.post("usr_alice", accounts(ws), "{\"name\": \"" + "x".repeat(70_000) + "\"}").status())
                .isEqualTo(413);

        assertThat(api.get("usr_alice", accounts(ws)).json().path("data").size()).isZero();
        assertThat(stripe.totalCalls()).isZero();
        // The failed attempts took no place: the one account a single workspace allows can still be made.
        assertThat(api.post("usr_alice", accounts(ws), ACCOUNT).status()).isEqualTo(201);
    }

    @Test
    void billingModesLimitTheNumberOfAccounts() {
        String single = workspace("usr_alice", "single");
        assertThat(api.post("usr_alice", accounts(single), ACCOUNT).status()).isEqualTo(201);
        Reply refused = api.post("usr_alice", accounts(single), ACCOUNT);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("type")).isEqualTo("conflict_error");
        assertThat(refused.text("code")).isEqualTo("billing_account_limit_reached");
        assertThat(refused.text("doc_url")).endsWith("/errors/billing_account_limit_reached");

        String assigned = workspace("usr_alice", "assigned");
        for (int i = 0; i < 10; i++) {
            assertThat(api.post("usr_alice", accounts(assigned), ACCOUNT).status()).isEqualTo(201);
        }
        assertThat(api.post("usr_alice", accounts(assigned), ACCOUNT).status()).isEqualTo(409);
        assertThat(stripe.calls("POST", "/v1/customers")).isEqualTo(11);
    }

    @Test
    void concurrentCreatesNeverPassTheLimit() throws Exception {
        String ws = workspace("usr_alice", "single");
        List<Integer> statuses = concurrently(8, i -> api.post("usr_alice", accounts(ws), ACCOUNT).status());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(api.get("usr_alice", accounts(ws)).json().path("data").size()).isEqualTo(1);
        assertThat(stripe.calls("POST", "/v1/customers")).isEqualTo(1);
    }

    @Test
    void theSeedsPatchUpdatesTheAccountAndItsCustomerInOneCall() {
        String ws = workspace("usr_alice", "pooled");
        String path = account(ws, ACCOUNT);
        stripe.clearRequests();
        Reply updated = api.patch("usr_alice", path, SEED_PATCH);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.text("name")).isEqualTo("ACME Corp (International)");
        assertThat(updated.text("email")).isEqualTo("global.billing@acme.com");
        assertThat(updated.text("phone")).isEqualTo("+15559876543");
        assertThat(updated.json().path("address").path("state").asString()).isEqualTo("CA");
        assertThat(updated.text("currency")).isEqualTo("zar");
        assertThat(updated.text("updated_at")).isGreaterThan(updated.text("created_at"));
        assertThat(stripe.totalCalls()).isEqualTo(1);
        JsonNode customer = stripe.customer(updated.text("id"));
        assertThat(customer.path("name").asString()).isEqualTo("ACME Corp (International)");
        assertThat(customer.path("address").path("country").asString()).isEqualTo("US");
        assertThat(customer.path("address").path("line2").asString()).isEqualTo("Suite 456");
        assertThat(api.get("usr_alice", path).json()).isEqualTo(updated.json());
    }

    @Test
    void patchIsAMergePatchWithNestedAddressAndNulls() {
        String ws = workspace("usr_alice", "pooled");
        String path = account(ws, ACCOUNT);
        Reply city = api.patch("usr_alice", path, "{\"address\": {\"city\": \"Stellenbosch\"}}",
                "Content-Type", "application/merge-patch+json");
        assertThat(city.status()).isEqualTo(200);
        JsonNode address = city.json().path("address");
        assertThat(address.path("city").asString()).isEqualTo("Stellenbosch");
        assertThat(address.path("line1").asString()).isEqualTo("1 Long Street");
        assertThat(address.path("postal_code").asString()).isEqualTo("8001");
        assertThat(city.text("name")).isEqualTo("ACME Corp Billing");

        Reply cleared = api.patch("usr_alice", path,
                "{\"phone\": null, \"description\": null, \"address\": {\"line2\": null, \"state\": null}}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("phone").isNull()).isTrue();
        assertThat(cleared.json().path("description").isNull()).isTrue();
        assertThat(cleared.json().path("address").path("line2").isNull()).isTrue();
        assertThat(cleared.json().path("address").path("city").asString()).isEqualTo("Stellenbosch");
        JsonNode customer = stripe.customer(cleared.text("id"));
        assertThat(customer.path("phone").isNull()).isTrue();
        assertThat(customer.path("description").isNull()).isTrue();
        assertThat(customer.path("address").path("city").asString()).isEqualTo("Stellenbosch");
        assertThat(customer.path("address").path("line2").isNull()
                || customer.path("address").path("line2").asString().isEmpty()).isTrue();
    }

    @Test
    void patchRefusesWhatTheContractForbidsNamingTheField() {
        String ws = workspace("usr_alice", "pooled");
        String path = account(ws, ACCOUNT);
        Reply before = api.get("usr_alice", path);
        stripe.clearRequests();
        assertThat(api.patch("usr_alice", path, "{\"name\": null}").errorFields()).containsExactly("name");
        assertThat(api.patch("usr_alice", path, "{\"email\": null}").errorFields()).containsExactly("email");
        assertThat(api.patch("usr_alice", path, "{\"address\": null}").errorFields()).containsExactly("address");
        assertThat(api.patch("usr_alice", path, "{\"address\": {\"country\": null}}").errorFields())
                .containsExactly("address.country");
        assertThat(api.patch("usr_alice", path, "{\"address\": {\"country\": \"ZZ\"}}").errorFields())
                .containsExactly("address.country");
        Reply currency = api.patch("usr_alice", path, "{\"currency\": \"usd\"}");
        assertThat(currency.status()).isEqualTo(422);
        assertThat(currency.errorFields()).containsExactly("currency");
        assertThat(api.patch("usr_alice", path, "{\"nickname\": \"x\"}").errorFields()).containsExactly("nickname");
        assertThat(api.patch("usr_alice", path, "{\"email\": \"not-an-address\"}").errorFields())
                .containsExactly("email");
        assertThat(api.patch("usr_alice", path, "{\"name\": 123}").status()).isEqualTo(400);
        assertThat(api.patch("usr_alice", path, "{\"phone\": [\"1\"]}").status()).isEqualTo(400);
        assertThat(api.patch("usr_alice", path, "not json").status()).isEqualTo(400);
        assertThat(api.patch("usr_alice", path, "{}", "Content-Type", "text/plain").status()).isEqualTo(415);
        assertThat(api.patch("usr_alice", path, "{\"description\": \"" + "d".repeat(66_000) + "\"}").status())
                .isEqualTo(413);

        assertThat(api.get("usr_alice", path).json()).isEqualTo(before.json());
        assertThat(stripe.totalCalls()).isZero();
    }

    @Test
    void oneAnswerNamesEveryOffendingFieldOfAPatchAndOfACreate() {
        String ws = workspace("usr_alice", "pooled");
        String path = account(ws, ACCOUNT);
        stripe.clearRequests();
        Reply patch = api.patch("usr_alice", path, """
                {"name": null, "email": "bad", "address": {"country": "XX"}}""");
        assertThat(patch.status()).isEqualTo(422);
        assertThat(patch.errorFields()).containsExactlyInAnyOrder("name", "email", "address.country");
        Reply create = api.post("usr_alice", accounts(ws), """
                {"name": "", "email": "bad", "address": {"country": "XX", "line1": "1 Road", "city": "Town"}}""");
        assertThat(create.status()).isEqualTo(422);
        assertThat(create.errorFields()).containsExactlyInAnyOrder("name", "email", "address.country");
        assertThat(stripe.totalCalls()).isZero();
        assertThat(api.get("usr_alice", accounts(ws)).json().path("data").size()).isEqualTo(1);
    }

    @Test
    void aPatchThatChangesNothingTouchesNothing() {
        String ws = workspace("usr_alice", "pooled");
        String path = account(ws, ACCOUNT);
        Reply before = api.get("usr_alice", path);
        stripe.clearRequests();
        Reply same = api.patch("usr_alice", path,
                "{\"name\": \"ACME Corp Billing\", \"address\": {\"city\": \"Cape Town\"}}");
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json()).isEqualTo(before.json());
        assertThat(same.header("ETag")).isEqualTo(before.header("ETag"));
        assertThat(api.patch("usr_alice", path, "{}").json()).isEqualTo(before.json());
        assertThat(stripe.totalCalls()).isZero();
    }

    @Test
    void ifMatchRefusesStaleWrites() {
        String ws = workspace("usr_alice", "pooled");
        String path = account(ws, ACCOUNT);
        String etag = api.get("usr_alice", path).header("ETag");
        Reply first = api.patch("usr_alice", path, "{\"name\": \"First\"}", "If-Match", etag);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isNotEqualTo(etag);
        Reply stale = api.patch("usr_alice", path, "{\"name\": \"Second\"}", "If-Match", etag);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.text("code")).isEqualTo("etag_mismatch");
        assertThat(api.delete("usr_alice", path, "If-Match", etag).status()).isEqualTo(412);
        assertThat(api.get("usr_alice", path).text("name")).isEqualTo("First");
        assertThat(api.delete("usr_alice", path, "If-Match", first.header("ETag")).status()).isEqualTo(204);
    }

    @Test
    void concurrentPatchesOfOneAccountLoseNoField() throws Exception {
        String ws = workspace("usr_alice", "pooled");
        String path = account(ws, ACCOUNT);
        for (int round = 0; round < 5; round++) {
            int r = round;
            concurrently(2, i -> api.patch("usr_alice", path, i == 0
                    ? "{\"name\": \"Name " + r + "\"}" : "{\"description\": \"Description " + r + "\"}").status())
                    .forEach(status -> assertThat(status).isEqualTo(200));
            Reply after = api.get("usr_alice", path);
            assertThat(after.text("name")).isEqualTo("Name " + r);
            assertThat(after.text("description")).isEqualTo("Description " + r);
            JsonNode customer = stripe.customer(after.text("id"));
            assertThat(customer.path("name").asString()).isEqualTo("Name " + r);
            assertThat(customer.path("description").asString()).isEqualTo("Description " + r);
        }
    }

    @Test
    void deleteRemovesTheAccountAndItsCustomerWithOneStripeCall() {
        String ws = workspace("usr_alice", "pooled");
        String path = account(ws, ACCOUNT);
        String id = path.substring(path.lastIndexOf('/') + 1);
        stripe.clearRequests();
        Reply deleted = api.delete("usr_alice", path);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.response().body()).isEmpty();
        // Whether subscriptions still bill is the mirror's answer (BillingScenarios): Stripe sees only the delete.
        assertThat(stripe.totalCalls()).isEqualTo(1);
        assertThat(stripe.customer(id).path("deleted").asBoolean()).isTrue();
        assertThat(api.get("usr_alice", path).status()).isEqualTo(404);
        assertThat(api.delete("usr_alice", path).status()).isEqualTo(404);
    }

    @Test
    void aDeleteThatStripeFailsWithA500IsPendingAndTheNextDeleteEndsIt() {
        String ws = workspace("usr_alice", "pooled");
        String path = account(ws, ACCOUNT);
        String id = path.substring(path.lastIndexOf('/') + 1);
        stripe.fault("DELETE /v1/customers/*", "http_500", 10);
        Reply failed = api.delete("usr_alice", path);
        stripe.clearFaults();
        // Stripe may have deleted the customer: never "nothing was changed".
        assertThat(failed.status()).as(failed.toString()).isEqualTo(502);
        assertThat(failed.text("code")).isEqualTo("stripe_outcome_pending");
        assertThat(failed.header("Retry-After")).isNotBlank();

        assertThat(api.delete("usr_alice", path).status()).isEqualTo(204);
        assertThat(stripe.customer(id).path("deleted").asBoolean()).isTrue();
        assertThat(api.get("usr_alice", path).status()).isEqualTo(404);
    }

    @Test
    void viewersReadAndOutsidersSeeNothing() {
        String ws = workspace("usr_alice", "pooled");
        String path = account(ws, ACCOUNT);
        api.post("usr_alice", "/workspaces/" + ws + "/members", "{\"user_id\": \"usr_vic\", \"role\": \"viewer\"}");
        assertThat(api.get("usr_vic", path).status()).isEqualTo(200);
        assertThat(api.get("usr_vic", accounts(ws)).status()).isEqualTo(200);
        assertThat(api.patch("usr_vic", path, "{\"name\": \"Vic\"}").status()).isEqualTo(403);
        assertThat(api.delete("usr_vic", path).status()).isEqualTo(403);
        assertThat(api.post("usr_vic", accounts(ws), ACCOUNT).status()).isEqualTo(403);

        String other = workspace("usr_eve", "pooled");
        String id = path.substring(path.lastIndexOf('/') + 1);
        assertThat(api.get("usr_eve", accounts(other) + "/" + id).status()).isEqualTo(404);
        assertThat(api.patch("usr_eve", accounts(other) + "/" + id, "{\"name\": \"Eve\"}").status()).isEqualTo(404);
        assertThat(api.delete("usr_eve", accounts(other) + "/" + id).status()).isEqualTo(404);
        assertThat(api.get("usr_eve", path).status()).isEqualTo(404);
        assertThat(api.get("usr_alice", path).text("name")).isEqualTo("ACME Corp Billing");
    }

    @Test
    void everyCallNeedsAValidToken() {
        String ws = workspace("usr_alice", "pooled");
        Reply none = api.call("GET", accounts(ws), null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.text("type")).isEqualTo("authentication_error");
        assertThat(api.call("GET", accounts(ws), null, null, "Authorization", "Bearer not.a.jwt").status())
                .isEqualTo(401);
        assertThat(api.call("POST", "/workspaces", null, "{}").status()).isEqualTo(401);
        assertThat(none.header("Request-Id")).startsWith("req_");
        assertThat(none.header("Server")).isNull();
    }

    @Test
    void everyOperationNeedsATokenAndHidesOtherWorkspaces() {
        String ws = workspace("usr_alice", "pooled");
        String path = account(ws, ACCOUNT);
        String members = "/workspaces/" + ws + "/members";
        List<String[]> operations = List.of(
                new String[] {"POST", "/workspaces", "{\"name\": \"W\", \"billing_mode\": \"single\"}"},
                new String[] {"GET", "/workspaces/" + ws, null},
                new String[] {"GET", members, null},
                new String[] {"POST", members, "{\"user_id\": \"usr_z\", \"role\": \"viewer\"}"},
                new String[] {"DELETE", members + "/usr_alice", null},
                new String[] {"GET", accounts(ws), null},
                new String[] {"POST", accounts(ws), ACCOUNT},
                new String[] {"GET", path, null},
                new String[] {"PATCH", path, "{\"name\": \"X\"}"},
                new String[] {"DELETE", path, null});
        for (String[] op : operations) {
            assertThat(api.call(op[0], op[1], null, op[2]).status()).as(op[0] + " " + op[1]).isEqualTo(401);
            if (!op[1].equals("/workspaces")) {
                assertThat(api.call(op[0], op[1], "usr_outsider", op[2]).status()).as(op[0] + " " + op[1])
                        .isEqualTo(404);
            }
        }
        assertThat(api.get("usr_alice", path).text("name")).isEqualTo("ACME Corp Billing");
        assertThat(api.get("usr_alice", members).json().path("data").size()).isEqualTo(1);
    }

    @Test
    void everyBodyIsCheckedForSizeTypeAndMediaType() {
        String ws = workspace("usr_alice", "pooled");
        String members = "/workspaces/" + ws + "/members";
        String huge = "{\"name\": \"" + "x".repeat(70_000) + "\"}";
        for (String path : List.of("/workspaces", members, accounts(ws))) {
            assertThat(api.post("usr_alice", path, huge).status()).as(path).isEqualTo(413);
            assertThat(api.post("usr_alice", path, "{}", "Content-Type", "text/plain").status()).as(path)
                    .isEqualTo(415);
            assertThat(api.post("usr_alice", path, "[1, 2]").status()).as(path).isEqualTo(400);
        }
        assertThat(api.post("usr_alice", members, "{\"user_id\": 7, \"role\": \"admin\"}").status())
                .isEqualTo(400);
        assertThat(api.get("usr_alice", members).json().path("data").size()).isEqualTo(1);
    }

    @Test
    void idempotencyKeysReplayTheFirstAnswer() {
        String ws = workspace("usr_alice", "pooled");
        Reply first = api.post("usr_alice", accounts(ws), ACCOUNT, "Idempotency-Key", "key-1");
        Reply again = api.post("usr_alice", accounts(ws), ACCOUNT, "Idempotency-Key", "key-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(stripe.calls("POST", "/v1/customers")).isEqualTo(1);

        Reply reused = api.post("usr_alice", accounts(ws), ACCOUNT.replace("ACME", "Other"), "Idempotency-Key", "key-1");
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("code")).isEqualTo("idempotency_key_reused");

        api.post("usr_alice", "/workspaces/" + ws + "/members", "{\"user_id\": \"usr_bob\", \"role\": \"admin\"}");
        Reply bobs = api.post("usr_bob", accounts(ws), ACCOUNT, "Idempotency-Key", "key-1");
        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.text("id")).isNotEqualTo(first.text("id"));
        assertThat(api.get("usr_alice", accounts(ws)).json().path("data").size()).isEqualTo(2);

        Reply ws1 = api.post("usr_alice", "/workspaces", "{\"name\": \"W\", \"billing_mode\": \"single\"}",
                "Idempotency-Key", "ws-key");
        assertThat(api.post("usr_alice", "/workspaces", "{\"name\": \"W\", \"billing_mode\": \"single\"}",
                "Idempotency-Key", "ws-key").text("id")).isEqualTo(ws1.text("id"));
    }

    @Test
    void stripeFailuresAnswerRetryableErrorsAndChangeNothing() throws Exception {
        String ws = workspace("usr_alice", "single");
        stripe.fault("POST /v1/customers", "http_500", 10);
        Reply failed = api.post("usr_alice", accounts(ws), ACCOUNT);
        // Stripe's 500 leaves a write's outcome unknown: never "nothing was changed".
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.text("code")).isEqualTo("stripe_outcome_pending");
        assertThat(failed.header("Retry-After")).isNotBlank();
        // The request's id is in the answer and in the server's log of that request.
        assertThat(service.server().output()).contains("[" + failed.header("Request-Id") + "]");
        stripe.clearFaults();
        stripe.fault("POST /v1/customers", "http_429", 10);
        Reply limited = api.post("usr_alice", accounts(ws), ACCOUNT);
        assertThat(limited.status()).isEqualTo(503);
        assertThat(limited.header("Retry-After")).isNotBlank();
        stripe.clearFaults();
        assertThat(api.get("usr_alice", accounts(ws)).json().path("data").size()).isZero();

        Reply created = api.post("usr_alice", accounts(ws), ACCOUNT);
        assertThat(created.status()).isEqualTo(201);
        String path = accounts(ws) + "/" + created.text("id");
        stripe.fault("POST /v1/customers/*", "http_429", 10);
        assertThat(api.patch("usr_alice", path, "{\"name\": \"Changed\"}").status()).isEqualTo(503);
        stripe.clearFaults();
        stripe.fault("DELETE /v1/customers/*", "http_429", 10);
        assertThat(api.delete("usr_alice", path).status()).isEqualTo(503);
        stripe.clearFaults();
        stripe.fault("POST /v1/customers/*", "http_500", 10);
        assertThat(api.patch("usr_alice", path, "{\"name\": \"Changed\"}").text("code"))
                .isEqualTo("stripe_outcome_pending");
        stripe.clearFaults();
        assertThat(api.get("usr_alice", path).json()).isEqualTo(created.json());
        // The last 500 may have been applied: the next write first brings Stripe back to the database, then changes.
        stripe.clearRequests();
        assertThat(api.patch("usr_alice", path, "{\"description\": \"After the failures\"}").status()).isEqualTo(200);
        JsonNode customer = stripe.customer(created.text("id"));
        assertThat(customer.path("name").asString()).isEqualTo("ACME Corp Billing");
        assertThat(customer.path("description").asString()).isEqualTo("After the failures");
        assertThat(stripe.calls("POST", "/v1/customers/" + created.text("id"))).isEqualTo(2);
    }

    @Test
    void aSingleStripeHiccupIsRetriedTransparently() {
        String ws = workspace("usr_alice", "single");
        stripe.fault("POST /v1/customers", "commit_then_500", 1);
        Reply created = api.post("usr_alice", accounts(ws), ACCOUNT);
        assertThat(created.status()).isEqualTo(201);
        stripe.clearFaults();
        assertThat(stripe.customer(created.text("id")).path("name").asString()).isEqualTo("ACME Corp Billing");
        assertThat(api.get("usr_alice", accounts(ws)).json().path("data").size()).isEqualTo(1);
    }

    // ---- helpers ----

    static String accounts(String workspaceId) {
        return "/workspaces/" + workspaceId + "/billing-accounts";
    }

    interface Attempt<T> {
        T run(int index) throws Exception;
    }

    /** Runs the attempts on real threads released together, to meet in the server at the same moment. */
    static <T> List<T> concurrently(int threads, Attempt<T> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return attempt.run(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
