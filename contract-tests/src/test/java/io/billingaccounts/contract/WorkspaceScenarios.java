package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The rest of workspaces and members: the caller's workspace list, merge patches of a workspace, archiving (refused
 * while a billing account has an active subscription, then every write below it refused while reads answer), role
 * changes with the owner rules and members leaving. Every answer is held to api/openapi.yaml on the way (RawApi).
 * Subclasses choose the database.
 */
abstract class WorkspaceScenarios extends AgainstBillingServer {

    // ---- the workspace list ----

    @Test
    void theWorkspaceListHoldsTheCallersWorkspacesArchivedOnesTooOldestFirst() {
        String lister = "usr_ws_lister";
        String first = workspace(lister, "single");
        String joined = workspace("usr_ws_lister_other", "pooled");
        addMember("usr_ws_lister_other", joined, lister, "viewer");
        String archived = workspace(lister, "pooled");
        String last = workspace(lister, "assigned");
        String hidden = workspace("usr_ws_lister_other", "single");
        Reply archive = api.delete(lister, "/workspaces/" + archived);
        assertThat(archive.status()).as(archive.toString()).isEqualTo(204);

        Reply list = api.get(lister, "/workspaces");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("has_more").asBoolean()).isFalse();
        JsonNode data = list.json().path("data");
        assertThat(ids(data)).containsExactly(first, joined, archived, last);
        for (JsonNode workspace : data) {
            String id = workspace.path("id").asString();
            assertThat(workspace).as(id).isEqualTo(api.get(lister, "/workspaces/" + id).json());
            assertThat(workspace.path("archived").asBoolean()).as(id + " archived").isEqualTo(id.equals(archived));
            if (id.equals(archived)) {
                assertThat(workspace.path("archived_at").asString()).matches(TIMESTAMP);
                assertThat(OffsetDateTime.parse(workspace.path("archived_at").asString()))
                        .isAfterOrEqualTo(OffsetDateTime.parse(workspace.path("created_at").asString()));
            } else {
                assertThat(workspace.path("archived_at").isNull()).as(id + " archived_at").isTrue();
            }
        }
        assertThat(ids(api.get("usr_ws_lister_other", "/workspaces").json().path("data")))
                .containsExactly(joined, hidden);
        assertThat(api.get("usr_ws_nobody", "/workspaces").json().path("data")).isEmpty();
        assertThat(api.call("GET", "/workspaces", null, null).status()).isEqualTo(401);
    }

    // ---- workspace patches ----

    @Test
    void aPatchChangesNameAndDescriptionAndANullDescriptionClearsIt() {
        String owner = "usr_ws_patcher";
        Reply created = api.post(owner, "/workspaces",
                "{\"name\": \"Before\", \"description\": \"Old words\", \"billing_mode\": \"pooled\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String ws = "/workspaces/" + created.text("id");
        addMember(owner, created.text("id"), "usr_ws_patcher_admin", "admin");

        Reply renamed = api.patch(owner, ws, "{\"name\": \"After\", \"description\": \"New words\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.text("id")).isEqualTo(created.text("id"));
        assertThat(renamed.text("name")).isEqualTo("After");
        assertThat(renamed.text("description")).isEqualTo("New words");
        assertThat(renamed.text("billing_mode")).isEqualTo("pooled");
        assertThat(renamed.json().path("archived").asBoolean()).isFalse();
        assertThat(renamed.text("created_at")).isEqualTo(created.text("created_at"));
        assertThat(OffsetDateTime.parse(renamed.text("updated_at")))
                .isAfterOrEqualTo(OffsetDateTime.parse(created.text("updated_at")));
        assertThat(api.get(owner, ws).json()).isEqualTo(renamed.json());

        Reply cleared = api.patch("usr_ws_patcher_admin", ws, "{\"description\": null}",
                "Content-Type", "application/merge-patch+json");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().path("description").isNull()).isTrue();
        assertThat(cleared.text("name")).isEqualTo("After");
        assertThat(api.get(owner, ws).json()).isEqualTo(cleared.json());

        Reply nameOnly = api.patch(owner, ws, "{\"name\": \"Only the name\"}");
        assertThat(nameOnly.status()).as(nameOnly.toString()).isEqualTo(200);
        assertThat(nameOnly.text("name")).isEqualTo("Only the name");
        assertThat(nameOnly.json().path("description").isNull()).isTrue();
    }

    @Test
    void aPatchOfTheBillingModeOrAnUnknownFieldIsRefusedNamingItAndViewersMayNotPatch() {
        String owner = "usr_ws_refused";
        String id = workspace(owner, "pooled");
        String ws = "/workspaces/" + id;
        addMember(owner, id, "usr_ws_refused_viewer", "viewer");
        JsonNode before = api.get(owner, ws).json();

        String[][] invalid = {
                {"{\"billing_mode\": \"single\"}", "billing_mode"},
                {"{\"colour\": \"red\"}", "colour"},
                {"{\"name\": \"Fine\", \"billing_mode\": \"assigned\"}", "billing_mode"},
                {"{\"name\": \"" + "x".repeat(51) + "\"}", "name"},
                {"{\"name\": null}", "name"},
                {"{\"description\": \"" + "x".repeat(201) + "\"}", "description"}};
        for (String[] patch : invalid) {
            Reply refused = api.patch(owner, ws, patch[0]);
            assertThat(refused.status()).as(patch[0] + " -> " + refused).isEqualTo(422);
            assertThat(refused.text("type")).isEqualTo("unprocessable_entity");
            assertThat(refused.errorFields()).as(patch[0]).containsExactly(patch[1]);
        }
        Reply unknown = api.patch(owner, ws, "{\"colour\": \"red\"}");
        assertThat(unknown.json().path("errors").get(0).path("code").asString()).isEqualTo("unknown_field");

        Reply viewer = api.patch("usr_ws_refused_viewer", ws, "{\"name\": \"Viewer's\"}");
        assertThat(viewer.status()).as(viewer.toString()).isEqualTo(403);
        assertThat(viewer.text("type")).isEqualTo("permission_error");
        assertThat(api.patch("usr_ws_refused_outsider", ws, "{\"name\": \"Outsider's\"}").status()).isEqualTo(404);
        assertThat(api.patch(owner, "/workspaces/ws_doesnotexist0000", "{\"name\": \"X\"}").status()).isEqualTo(404);
        assertThat(api.call("PATCH", ws, null, "{\"name\": \"Anonymous\"}").status()).isEqualTo(401);
        assertThat(api.patch(owner, ws, "{\"name\": ").status()).isEqualTo(400);
        assertThat(api.patch(owner, ws, "{\"name\": \"" + "x".repeat(70_000) + "\"}").status()).isEqualTo(413);
        assertThat(api.patch(owner, ws, "{\"name\": \"Text\"}", "Content-Type", "text/plain").status())
                .isEqualTo(415);
        assertThat(api.get(owner, ws).json()).isEqualTo(before);
    }

    // ---- archiving ----

    @Test
    void archiveIsForOwnersAndRefusedWhileAnyAccountHasAnActiveSubscription() {
        Billing trialing = open();
        String trial = trialing.subscribed("{\"users\": 1}");
        Billing paying = trialing.another();
        paying.addCard("pm_card_visa");
        String paid = paying.subscribed("{\"locations\": 1}");
        String ws = "/workspaces/" + trialing.workspace();
        addMember(OWNER, trialing.workspace(), "usr_ws_archive_admin", "admin");

        Reply admin = api.delete("usr_ws_archive_admin", ws);
        assertThat(admin.status()).as(admin.toString()).isEqualTo(403);
        assertThat(admin.text("type")).isEqualTo("permission_error");
        assertThat(admin.text("code")).isEqualTo("insufficient_role");
        assertNotEmpty(ws);
        cancelInStripe(trialing, trial);
        assertNotEmpty(ws);
        Reply atPeriodEnd = api.delete(OWNER, paying.subscription(paid));
        assertThat(atPeriodEnd.status()).as(atPeriodEnd.toString()).isEqualTo(200);
        assertNotEmpty(ws);
        assertThat(api.get(OWNER, ws).json().path("archived").asBoolean()).isFalse();

        cancelInStripe(paying, paid);
        Reply archived = api.delete(OWNER, ws);
        assertThat(archived.status()).as(archived.toString()).isEqualTo(204);
        assertThat(archived.response().body()).isEmpty();
        JsonNode read = api.get(OWNER, ws).json();
        assertThat(read.path("archived").asBoolean()).isTrue();
        assertThat(read.path("archived_at").asString()).matches(TIMESTAMP);

        Reply again = api.delete(OWNER, ws);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.text("type")).isEqualTo("conflict_error");
        assertThat(again.text("code")).isEqualTo("workspace_archived");
        assertThat(api.get(OWNER, ws).json()).isEqualTo(read);
        assertThat(api.delete("usr_ws_archive_outsider", ws).status()).isEqualTo(404);
        assertThat(api.delete(OWNER, "/workspaces/ws_doesnotexist0000").status()).isEqualTo(404);
        assertThat(api.call("DELETE", ws, null, null).status()).isEqualTo(401);
    }

    @Test
    void everyWriteBelowAnArchivedWorkspaceIsRefusedWhileReadsStillAnswer() {
        Billing account = open();
        String card = account.addCard("pm_card_visa");
        String subscription = account.subscribed("{\"users\": 2}");
        cancelInStripe(account, subscription);
        String ws = "/workspaces/" + account.workspace();
        String members = ws + "/members";
        addMember(OWNER, account.workspace(), "usr_ws_archived_viewer", "viewer");
        Reply archived = api.delete(OWNER, ws);
        assertThat(archived.status()).as(archived.toString()).isEqualTo(204);

        List<String> reads = List.of(ws, members, ServiceScenarios.accounts(account.workspace()), account.path(),
                account.paymentMethods(), account.subscriptions(), account.subscription(subscription),
                account.trialEligibility(), account.invoices());
        awaitWebhooksTaken();
        List<JsonNode> before = new ArrayList<>();
        reads.forEach(path -> before.add(api.get(OWNER, path).json()));
        stripe.clearRequests();
        List<String[]> writes = List.of(
                new String[] {"PATCH", ws, "{\"name\": \"Renamed\"}"},
                new String[] {"POST", members, "{\"user_id\": \"usr_ws_archived_new\", \"role\": \"viewer\"}"},
                new String[] {"PATCH", members + "/usr_ws_archived_viewer", "{\"role\": \"admin\"}"},
                new String[] {"DELETE", members + "/usr_ws_archived_viewer", null},
                new String[] {"POST", ServiceScenarios.accounts(account.workspace()), ServiceScenarios.ACCOUNT},
                new String[] {"PATCH", account.path(), "{\"name\": \"Renamed\"}"},
                new String[] {"DELETE", account.path(), null},
                new String[] {"POST", account.paymentMethods(), null},
                new String[] {"PUT", account.paymentMethod(card), null},
                new String[] {"DELETE", account.paymentMethod(card), null},
                new String[] {"POST", account.subscriptions(), "{\"product_quantities\": {\"users\": 1}}"});
        for (String[] op : writes) {
            Reply refused = api.call(op[0], op[1], OWNER, op[2]);
            assertThat(refused.status()).as(op[0] + " " + op[1] + " -> " + refused).isEqualTo(409);
            assertThat(refused.text("type")).isEqualTo("conflict_error");
            assertThat(refused.text("code")).as(op[0] + " " + op[1]).isEqualTo("workspace_archived");
            assertThat(refused.text("doc_url")).endsWith("/errors/workspace_archived");
        }
        assertThat(stripe.totalCalls()).as("Stripe calls of refused writes").isZero();
        for (int i = 0; i < reads.size(); i++) {
            Reply read = api.get(OWNER, reads.get(i));
            assertThat(read.status()).as(reads.get(i) + " -> " + read).isEqualTo(200);
            assertThat(read.json()).as(reads.get(i)).isEqualTo(before.get(i));
            assertThat(api.get("usr_ws_archived_viewer", reads.get(i)).status()).as(reads.get(i)).isEqualTo(200);
        }
        assertThat(before.get(0).path("archived").asBoolean()).isTrue();
        assertThat(stripe.totalCalls()).as("Stripe calls of reads").isZero();
        assertThat(stripe.paymentMethod(card).path("customer").asString()).isEqualTo(account.id());
        assertThat(stripe.customer(account.id()).path("deleted").asBoolean(false)).isFalse();
    }

    // ---- role changes ----

    @Test
    void anOwnerMakesAnAdminAnOwnerAndTheAnswerNamesTheWorkspace() {
        String owner = "usr_ws_promoter";
        String id = workspace(owner, "pooled");
        String members = "/workspaces/" + id + "/members";
        JsonNode added = addMember(owner, id, "usr_ws_promoted", "admin");
        assertThat(added.path("workspace_id").asString()).isEqualTo(id);

        Reply promoted = api.patch(owner, members + "/usr_ws_promoted", "{\"role\": \"owner\"}");
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(promoted.text("user_id")).isEqualTo("usr_ws_promoted");
        assertThat(promoted.text("workspace_id")).isEqualTo(id);
        assertThat(promoted.text("role")).isEqualTo("owner");
        assertThat(promoted.text("created_at")).isEqualTo(added.path("created_at").asString());
        assertThat(promoted.text("updated_at")).matches(TIMESTAMP);
        assertThat(OffsetDateTime.parse(promoted.text("updated_at")))
                .isAfterOrEqualTo(OffsetDateTime.parse(added.path("updated_at").asString()));
        assertThat(memberList(owner, id)).filteredOn(m -> m.path("user_id").asString().equals("usr_ws_promoted"))
                .containsExactly(promoted.json());

        // Two owners now: the new one may take the owner role from the first.
        Reply demoted = api.patch("usr_ws_promoted", members + "/" + owner, "{\"role\": \"viewer\"}");
        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
        assertThat(demoted.text("role")).isEqualTo("viewer");
        assertThat(demoted.text("workspace_id")).isEqualTo(id);
        Reply nowAViewer = api.patch(owner, members + "/usr_ws_promoted", "{\"role\": \"admin\"}");
        assertThat(nowAViewer.status()).as(nowAViewer.toString()).isEqualTo(403);
        assertThat(roles(memberList(owner, id))).containsExactly(owner + "=viewer", "usr_ws_promoted=owner");
    }

    @Test
    void anAdminCanNeitherGrantNorTakeAwayOwnerButChangesOtherRoles() {
        String owner = "usr_ws_rules_owner";
        String id = workspace(owner, "pooled");
        String members = "/workspaces/" + id + "/members";
        addMember(owner, id, "usr_ws_rules_admin", "admin");
        addMember(owner, id, "usr_ws_rules_viewer", "viewer");
        String admin = "usr_ws_rules_admin";

        for (String[] change : List.of(new String[] {"usr_ws_rules_viewer", "owner"},
                new String[] {owner, "admin"}, new String[] {owner, "viewer"})) {
            Reply refused = api.patch(admin, members + "/" + change[0], "{\"role\": \"" + change[1] + "\"}");
            assertThat(refused.status()).as(change[0] + " -> " + change[1] + ": " + refused).isEqualTo(403);
            assertThat(refused.text("type")).isEqualTo("permission_error");
            assertThat(refused.text("code")).isEqualTo("insufficient_role");
        }
        Reply raised = api.patch(admin, members + "/usr_ws_rules_viewer", "{\"role\": \"admin\"}");
        assertThat(raised.status()).as(raised.toString()).isEqualTo(200);
        assertThat(raised.text("role")).isEqualTo("admin");
        assertThat(roles(memberList(owner, id))).containsExactly(owner + "=owner", "usr_ws_rules_admin=admin",
                "usr_ws_rules_viewer=admin");
    }

    @Test
    void theLastOwnerCanNeitherBeDemotedNorRemoved() {
        String owner = "usr_ws_last";
        String id = workspace(owner, "pooled");
        String members = "/workspaces/" + id + "/members";
        assertLastOwnerKept(api.patch(owner, members + "/" + owner, "{\"role\": \"admin\"}"));
        assertLastOwnerKept(api.delete(owner, members + "/" + owner));

        addMember(owner, id, "usr_ws_last_second", "owner");
        Reply stepsDown = api.patch(owner, members + "/" + owner, "{\"role\": \"admin\"}");
        assertThat(stepsDown.status()).as(stepsDown.toString()).isEqualTo(200);
        assertLastOwnerKept(api.patch("usr_ws_last_second", members + "/usr_ws_last_second", "{\"role\": \"viewer\"}"));
        assertLastOwnerKept(api.delete("usr_ws_last_second", members + "/usr_ws_last_second"));
        assertThat(roles(memberList(owner, id))).containsExactly(owner + "=admin", "usr_ws_last_second=owner");
    }

    @Test
    void aRoleChangeNeedsAMemberARoleAndAWriter() {
        String owner = "usr_ws_change";
        String id = workspace(owner, "pooled");
        String members = "/workspaces/" + id + "/members";
        addMember(owner, id, "usr_ws_change_viewer", "viewer");
        String viewerPath = members + "/usr_ws_change_viewer";

        Reply unknown = api.patch(owner, members + "/usr_ws_change_ghost", "{\"role\": \"admin\"}");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.text("type")).isEqualTo("not_found_error");
        for (String body : List.of("{\"role\": \"boss\"}", "{}", "{\"role\": null}")) {
            Reply refused = api.patch(owner, viewerPath, body);
            assertThat(refused.status()).as(body + " -> " + refused).isEqualTo(422);
            assertThat(refused.errorFields()).as(body).containsExactly("role");
        }
        Reply viewer = api.patch("usr_ws_change_viewer", viewerPath, "{\"role\": \"admin\"}");
        assertThat(viewer.status()).as(viewer.toString()).isEqualTo(403);
        assertThat(viewer.text("code")).isEqualTo("insufficient_role");
        assertThat(api.patch("usr_ws_change_outsider", viewerPath, "{\"role\": \"admin\"}").status()).isEqualTo(404);
        assertThat(api.call("PATCH", viewerPath, null, "{\"role\": \"admin\"}").status()).isEqualTo(401);
        assertThat(api.patch(owner, viewerPath, "{\"role\": ").status()).isEqualTo(400);
        assertThat(api.patch(owner, viewerPath, "{\"role\": \"" + "x".repeat(70_000) + "\"}").status())
                .isEqualTo(413);
        assertThat(api.patch(owner, viewerPath, "{\"role\": \"admin\"}", "Content-Type", "text/plain").status())
                .isEqualTo(415);
        assertThat(roles(memberList(owner, id))).containsExactly(owner + "=owner", "usr_ws_change_viewer=viewer");
    }

    // ---- members leaving ----

    @Test
    void anyMemberLeavesByRemovingThemselvesButTheLastOwnerStays() {
        String owner = "usr_ws_leave";
        String id = workspace(owner, "pooled");
        String members = "/workspaces/" + id + "/members";
        addMember(owner, id, "usr_ws_leave_admin", "admin");
        addMember(owner, id, "usr_ws_leave_viewer", "viewer");
        Reply othersRemoved = api.delete("usr_ws_leave_viewer", members + "/usr_ws_leave_admin");
        assertThat(othersRemoved.status()).as(othersRemoved.toString()).isEqualTo(403);
        assertThat(othersRemoved.text("code")).isEqualTo("insufficient_role");

        for (String leaving : List.of("usr_ws_leave_viewer", "usr_ws_leave_admin")) {
            Reply left = api.delete(leaving, members + "/" + leaving);
            assertThat(left.status()).as(leaving + " -> " + left).isEqualTo(204);
            assertThat(left.response().body()).isEmpty();
            Reply gone = api.get(leaving, "/workspaces/" + id);
            assertThat(gone.status()).as(leaving + " -> " + gone).isEqualTo(404);
        }
        assertLastOwnerKept(api.delete(owner, members + "/" + owner));
        assertThat(roles(memberList(owner, id))).containsExactly(owner + "=owner");
    }

    // ---- helpers ----

    JsonNode addMember(String by, String workspaceId, String userId, String role) {
        Reply added = api.post(by, "/workspaces/" + workspaceId + "/members",
                "{\"user_id\": \"" + userId + "\", \"role\": \"" + role + "\"}");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.json();
    }

    JsonNode memberList(String user, String workspaceId) {
        Reply list = api.get(user, "/workspaces/" + workspaceId + "/members");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().path("data");
    }

    /** Members as {@code user_id=role}, in the list's order. */
    static List<String> roles(JsonNode members) {
        List<String> roles = new ArrayList<>();
        members.forEach(m -> roles.add(m.path("user_id").asString() + "=" + m.path("role").asString()));
        return roles;
    }

    void assertNotEmpty(String workspace) {
        Reply refused = api.delete(OWNER, workspace);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.text("type")).isEqualTo("conflict_error");
        assertThat(refused.text("code")).isEqualTo("workspace_not_empty");
        assertThat(refused.text("doc_url")).endsWith("/errors/workspace_not_empty");
    }

    static void assertLastOwnerKept(Reply refused) {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.text("type")).isEqualTo("unprocessable_entity");
        assertThat(refused.text("code")).isEqualTo("cannot_remove_last_owner");
        assertThat(refused.text("doc_url")).endsWith("/errors/cannot_remove_last_owner");
    }
}
