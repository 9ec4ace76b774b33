package io.billingaccounts.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import tools.jackson.databind.JsonNode;

/** Workspaces through the whole service: the caller's list, the merge patch, archiving and what it refuses. */
class WorkspacesTest extends ServiceTest {

    private final People people = People.fresh();
    private final String owner = people.owner();
    private final String admin = people.admin();
    private final String viewer = people.viewer();

    @Test
    void theListHoldsTheCallersWorkspacesArchivedOnesTooOldestFirst() {
        String first = api.workspace(owner, "pooled");
        String archived = api.workspace(owner, "single");
        String ofAnother = api.workspace(admin, "pooled");
        api.workspace(admin, "single");
        join(ofAnother, owner, "viewer");
        assertThat(delete(owner, "/workspaces/" + archived).status()).isEqualTo(204);

        Reply list = api.get(owner, "/workspaces");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("has_more").asBoolean()).isFalse();
        assertThat(ids(list.json().path("data"))).containsExactly(first, archived, ofAnother);
        JsonNode archivedOne = list.json().path("data").get(1);
        assertThat(archivedOne.path("archived").asBoolean()).isTrue();
        assertThat(OffsetDateTime.parse(archivedOne.path("archived_at").asString())).isNotNull();
        JsonNode live = list.json().path("data").get(0);
        assertThat(live.path("archived").asBoolean()).isFalse();
        assertThat(live.path("archived_at").isNull()).isTrue();
        assertThat(api.get("usr_nobody_" + owner, "/workspaces").json().path("data").size()).isZero();
    }

    @Test
    void aMergePatchChangesTheNameAndClearsTheDescription() {
        String path = "/workspaces/" + api.workspace(owner, "pooled");
        join(path.substring("/workspaces/".length()), admin, "admin");
        Reply before = api.get(owner, path);

        Reply described = api.patch(admin, path, "{\"description\": \"Platform team\"}");
        assertThat(described.status()).as(described.raw().body()).isEqualTo(200);
        assertThat(described.text("description")).isEqualTo("Platform team");
        assertThat(described.text("name")).isEqualTo("Workspace");
        assertThat(OffsetDateTime.parse(described.text("updated_at")))
                .isAfter(OffsetDateTime.parse(before.text("updated_at")));

        Reply renamed = api.send(owner, "PATCH", path, "{\"name\": \"Platform\", \"description\": null}",
                Map.of("Content-Type", "application/merge-patch+json"));
        assertThat(renamed.status()).as(renamed.raw().body()).isEqualTo(200);
        assertThat(renamed.text("name")).isEqualTo("Platform");
        assertThat(renamed.json().path("description").isNull()).isTrue();
        assertThat(renamed.text("billing_mode")).isEqualTo("pooled");
        assertThat(api.get(owner, path).json()).isEqualTo(renamed.json());

        Reply same = api.patch(owner, path, "{\"name\": \"Platform\"}");
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.text("updated_at")).isEqualTo(renamed.text("updated_at"));
    }

    @Test
    void aPatchRefusesTheBillingModeUnknownFieldsAndBadValuesNamingEach() {
        String path = "/workspaces/" + api.workspace(owner, "pooled");

        Reply refused = api.patch(owner, path, """
                {"name": null, "description": "%s", "billing_mode": "single", "colour": "red"}"""
                .formatted("x".repeat(201)));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorFields()).containsExactlyInAnyOrder("name", "description", "billing_mode", "colour");
        Reply blank = api.patch(owner, path, "{\"name\": \"   \"}");
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.errorFields()).containsExactly("name");
        Reply tooLong = api.patch(owner, path, "{\"name\": \"%s\"}".formatted("n".repeat(51)));
        assertThat(tooLong.errorFields()).containsExactly("name");
        Reply billingMode = api.patch(owner, path, "{\"billing_mode\": \"pooled\"}");
        assertThat(billingMode.status()).isEqualTo(422);
        assertThat(billingMode.errorFields()).containsExactly("billing_mode");
        assertThat(api.get(owner, path).text("name")).isEqualTo("Workspace");
    }

    @Test
    void viewersCannotPatchAndStrangersSeeNoWorkspace() {
        String workspace = api.workspace(owner, "pooled");
        join(workspace, viewer, "viewer");

        Reply byViewer = api.patch(viewer, "/workspaces/" + workspace, "{\"name\": \"Mine\"}");
        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(byViewer.text("code")).isEqualTo("insufficient_role");
        assertThat(api.patch(admin, "/workspaces/" + workspace, "{\"name\": \"Mine\"}").status()).isEqualTo(404);
        assertThat(delete(admin, "/workspaces/" + workspace).status()).isEqualTo(404);
    }

    @Test
    void onlyOwnersArchiveAndAnArchivedWorkspaceIsArchivedOnce() {
        String workspace = api.workspace(owner, "pooled");
        api.account(owner, workspace);
        join(workspace, admin, "admin");
        join(workspace, viewer, "viewer");

        for (String notOwner : List.of(admin, viewer)) {
            Reply refused = delete(notOwner, "/workspaces/" + workspace);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.text("code")).isEqualTo("insufficient_role");
        }
        Reply archived = delete(owner, "/workspaces/" + workspace);
        assertThat(archived.status()).as(archived.raw().body()).isEqualTo(204);
        Reply read = api.get(viewer, "/workspaces/" + workspace);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("archived").asBoolean()).isTrue();
        assertThat(read.text("archived_at")).isEqualTo(read.text("updated_at"));

        Reply again = delete(owner, "/workspaces/" + workspace);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("workspace_archived");
    }

    @Test
    void aWorkspaceWithAnActiveSubscriptionIsNotArchived() {
        String workspace = api.workspace(owner, "single");
        String account = "/workspaces/" + workspace + "/billing-accounts/" + api.account(owner, workspace);
        Reply trial = api.send(owner, "POST", account + "/subscriptions",
                "{\"product_quantities\": {\"users\": 1}}", Map.of());
        assertThat(trial.status()).as(trial.raw().body()).isEqualTo(201);
        // Cancelled to end with its period, it still counts until it has ended.
        assertThat(delete(owner, account + "/subscriptions/" + trial.text("id")).status()).isEqualTo(200);

        Reply refused = delete(owner, "/workspaces/" + workspace);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("workspace_not_empty");
        assertThat(api.get(owner, "/workspaces/" + workspace).json().path("archived").asBoolean()).isFalse();
    }

    @Test
    void aSubscriptionCreateUnderWayKeepsTheWorkspaceFromBeingArchived() {
        String workspace = api.workspace(owner, "single");
        String account = "/workspaces/" + workspace + "/billing-accounts/" + api.account(owner, workspace);
        STRIPE.faults().inject("POST /v1/subscriptions", FaultKind.TIMEOUT, 10);
        CompletableFuture<Reply> create = CompletableFuture.supplyAsync(() -> api.send(owner, "POST",
                account + "/subscriptions", "{\"product_quantities\": {\"users\": 1}}", Map.of()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> STRIPE.requests().count("POST /v1/subscriptions") > 0);

        Reply whileCreating = delete(owner, "/workspaces/" + workspace);

        assertThat(whileCreating.status()).isEqualTo(409);
        assertThat(whileCreating.text("code")).isEqualTo("workspace_not_empty");
        assertThat(create.join().status()).isIn(502, 503);
        STRIPE.faults().clear();
        // The create gave up and holds no place: the workspace is archived, and a new create is refused.
        assertThat(delete(owner, "/workspaces/" + workspace).status()).isEqualTo(204);
        Reply afterwards = api.send(owner, "POST", account + "/subscriptions",
                "{\"product_quantities\": {\"users\": 1}}", Map.of());
        assertThat(afterwards.status()).isEqualTo(409);
        assertThat(afterwards.text("code")).isEqualTo("workspace_archived");
    }

    @Test
    void anArchivedWorkspaceAnswersReadsAndRefusesEveryWriteBelowIt() {
        String workspace = api.workspace(owner, "pooled");
        join(workspace, admin, "admin");
        join(workspace, viewer, "viewer");
        String accountId = api.account(owner, workspace);
        String account = "/workspaces/" + workspace + "/billing-accounts/" + accountId;
        assertThat(delete(owner, "/workspaces/" + workspace).status()).isEqualTo(204);
        String members = "/workspaces/" + workspace + "/members";

        List<Reply> writes = List.of(
                api.patch(owner, "/workspaces/" + workspace, "{\"name\": \"Again\"}"),
                api.send(owner, "POST", members, "{\"user_id\": \"usr_new\", \"role\": \"viewer\"}", Map.of()),
                api.patch(owner, members + "/" + viewer, "{\"role\": \"admin\"}"),
                delete(admin, members + "/" + viewer),
                api.send(admin, "POST", "/workspaces/" + workspace + "/billing-accounts",
                        "{\"name\": \"Other\", \"email\": \"other@example.com\", \"address\": {\"country\": \"ZA\","
                                + " \"line1\": \"1 Long Street\", \"city\": \"Cape Town\"}}", Map.of()),
                api.patch(owner, account, "{\"name\": \"Renamed\"}"),
                delete(owner, account),
                api.send(owner, "POST", account + "/payment-methods", null, Map.of()),
                api.send(owner, "PUT", account + "/payment-methods/pm_1234", null, Map.of()),
                delete(owner, account + "/payment-methods/pm_1234"),
                api.send(owner, "POST", account + "/subscriptions", "{\"product_quantities\": {\"users\": 1}}",
                        Map.of()),
                api.patch(owner, account + "/subscriptions/sub_1234", "{\"action\": \"pause\"}"),
                delete(owner, account + "/subscriptions/sub_1234"));

        for (Reply write : writes) {
            assertThat(write.status()).as(write.raw().request().method() + " " + write.raw().uri())
                    .isEqualTo(409);
            assertThat(write.text("code")).isEqualTo("workspace_archived");
        }
        for (String read : List.of("/workspaces/" + workspace, members, account, account + "/subscriptions",
                account + "/payment-methods", account + "/trial-eligibility",
                "/workspaces/" + workspace + "/billing-accounts")) {
            assertThat(api.get(viewer, read).status()).as(read).isEqualTo(200);
        }
        assertThat(api.get(owner, members).json().path("data").size()).isEqualTo(3);
        assertThat(api.get(owner, account).text("name")).isEqualTo("ACME");
    }

    private void join(String workspace, String user, String role) {
        Reply added = api.send(owner(workspace), "POST", "/workspaces/" + workspace + "/members",
                "{\"user_id\": \"" + user + "\", \"role\": \"" + role + "\"}", Map.of());
        assertThat(added.status()).as(added.raw().body()).isEqualTo(201);
    }

    /** The owner who created {@code workspace}: this test's owner or, for the workspace of another, its admin. */
    private String owner(String workspace) {
        return api.get(owner, "/workspaces/" + workspace).status() == 200 ? owner : admin;
    }

    private Reply delete(String caller, String path) {
        return api.send(caller, "DELETE", path, null, Map.of());
    }

    private static List<String> ids(JsonNode data) {
        List<String> ids = new ArrayList<>();
        data.forEach(w -> ids.add(w.path("id").asString()));
        return ids;
    }
}
