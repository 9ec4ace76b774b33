package io.billingaccounts.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;
import tools.jackson.databind.JsonNode;

/** Members' roles through the whole service: who may change them, the last owner, and changes racing each other. */
class MembersTest extends ServiceTest {

    private String owner;
    private String admin;
    private String viewer;
    private String workspace;
    private String members;

    @BeforeEach
    void aWorkspaceOfThree() {
        People people = People.fresh();
        owner = people.owner();
        admin = people.admin();
        viewer = people.viewer();
        workspace = api.workspace(owner, "pooled");
        members = "/workspaces/" + workspace + "/members";
        add(owner, admin, "admin");
        add(owner, viewer, "viewer");
    }

    @Test
    void anOwnerGrantsTheOwnerRoleAndTheMemberShowsWhen() {
        JsonNode before = member(viewer);

        Reply promoted = api.patch(owner, members + "/" + viewer, "{\"role\": \"owner\"}");

        assertThat(promoted.status()).as(promoted.raw().body()).isEqualTo(200);
        assertThat(promoted.text("role")).isEqualTo("owner");
        assertThat(promoted.text("user_id")).isEqualTo(viewer);
        assertThat(promoted.text("workspace_id")).isEqualTo(workspace);
        assertThat(promoted.text("created_at")).isEqualTo(before.path("created_at").asString());
        assertThat(OffsetDateTime.parse(promoted.text("updated_at")))
                .isAfter(OffsetDateTime.parse(before.path("updated_at").asString()));
        assertThat(member(viewer)).isEqualTo(promoted.json());

        Reply same = api.patch(owner, members + "/" + viewer, "{\"role\": \"owner\"}");
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.text("updated_at")).isEqualTo(promoted.text("updated_at"));
    }

    @Test
    void anAdminChangesOtherRolesButNeverTheOwnerRole() {
        Reply promoted = api.patch(admin, members + "/" + viewer, "{\"role\": \"admin\"}");
        assertThat(promoted.status()).as(promoted.raw().body()).isEqualTo(200);
        assertThat(promoted.text("role")).isEqualTo("admin");

        for (Reply refused : List.of(
                api.patch(admin, members + "/" + viewer, "{\"role\": \"owner\"}"),
                api.patch(admin, members + "/" + admin, "{\"role\": \"owner\"}"),
                api.patch(admin, members + "/" + owner, "{\"role\": \"admin\"}"))) {
            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(403);
            assertThat(refused.text("code")).isEqualTo("insufficient_role");
        }
        assertThat(member(owner).path("role").asString()).isEqualTo("owner");
        assertThat(member(viewer).path("role").asString()).isEqualTo("admin");
    }

    @Test
    void viewersChangeNoRoleAndUnknownMembersAndRolesAreRefused() {
        Reply byViewer = api.patch(viewer, members + "/" + viewer, "{\"role\": \"admin\"}");
        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(byViewer.text("code")).isEqualTo("insufficient_role");
        assertThat(api.patch(owner, members + "/usr_nobody", "{\"role\": \"admin\"}").status()).isEqualTo(404);
        assertThat(api.patch("usr_stranger", members + "/" + viewer, "{\"role\": \"admin\"}").status())
                .isEqualTo(404);
        Reply badRole = api.patch(owner, members + "/" + viewer, "{\"role\": \"king\"}");
        assertThat(badRole.status()).isEqualTo(422);
        assertThat(badRole.errorFields()).containsExactly("role");
        Reply noRole = api.patch(owner, members + "/" + viewer, "{}");
        assertThat(noRole.status()).isEqualTo(422);
        assertThat(noRole.errorFields()).containsExactly("role");
    }

    @Test
    void theLastOwnerCanBeNeitherDemotedNorRemoved() {
        Reply demoted = api.patch(owner, members + "/" + owner, "{\"role\": \"admin\"}");
        assertThat(demoted.status()).isEqualTo(422);
        assertThat(demoted.text("code")).isEqualTo("cannot_remove_last_owner");
        Reply removed = api.send(owner, "DELETE", members + "/" + owner, null, Map.of());
        assertThat(removed.status()).isEqualTo(422);
        assertThat(removed.text("code")).isEqualTo("cannot_remove_last_owner");

        assertThat(api.patch(owner, members + "/" + admin, "{\"role\": \"owner\"}").status()).isEqualTo(200);
        Reply stepsDown = api.patch(owner, members + "/" + owner, "{\"role\": \"viewer\"}");
        assertThat(stepsDown.status()).as(stepsDown.raw().body()).isEqualTo(200);
        assertThat(api.send(admin, "DELETE", members + "/" + owner, null, Map.of()).status()).isEqualTo(204);
        assertThat(roles()).containsExactlyInAnyOrder("owner", "viewer");
    }

    @Test
    void anyMemberLeavesByRemovingThemselvesButTheLastOwnerStays() {
        Reply othersRemoved = remove(viewer, admin);
        assertThat(othersRemoved.status()).isEqualTo(403);
        assertThat(othersRemoved.text("code")).isEqualTo("insufficient_role");

        for (String leaving : List.of(viewer, admin)) {
            Reply left = remove(leaving, leaving);
            assertThat(left.status()).as(left.raw().body()).isEqualTo(204);
            assertThat(api.get(leaving, "/workspaces/" + workspace).status()).isEqualTo(404);
        }
        Reply lastOwner = remove(owner, owner);
        assertThat(lastOwner.status()).isEqualTo(422);
        assertThat(lastOwner.text("code")).isEqualTo("cannot_remove_last_owner");
        assertThat(api.get(owner, members).json().path("data").findValuesAsString("user_id")).containsExactly(owner);
    }

    @Test
    void nobodyLeavesAnArchivedWorkspace() {
        assertThat(api.send(owner, "DELETE", "/workspaces/" + workspace, null, Map.of()).status()).isEqualTo(204);

        Reply refused = remove(viewer, viewer);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("workspace_archived");
        assertThat(roles()).containsExactlyInAnyOrder("owner", "admin", "viewer");
    }

    @Test
    void twoOwnersLeavingAtOnceLeaveOneOwner() throws Exception {
        for (int round = 0; round < 5; round++) {
            aWorkspaceOfThree();
            assertThat(api.patch(owner, members + "/" + admin, "{\"role\": \"owner\"}").status()).isEqualTo(200);
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Reply> first = removeAfter(start, owner, owner);
            CompletableFuture<Reply> second = removeAfter(start, admin, admin);
            start.countDown();

            List<Integer> statuses = List.of(first.get().status(), second.get().status());

            assertThat(statuses).containsExactlyInAnyOrder(204, 422);
            assertThat(roles()).containsExactlyInAnyOrder("owner", "viewer");
        }
    }

    @Test
    void twoOwnersDemotingEachOtherAtOnceLeaveOneOwner() throws Exception {
        for (int round = 0; round < 5; round++) {
            aWorkspaceOfThree();
            assertThat(api.patch(owner, members + "/" + admin, "{\"role\": \"owner\"}").status()).isEqualTo(200);
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Reply> first = demoteAfter(start, owner, admin);
            CompletableFuture<Reply> second = demoteAfter(start, admin, owner);
            start.countDown();

            List<Integer> statuses = List.of(first.get().status(), second.get().status());

            assertThat(statuses).containsExactlyInAnyOrder(200, 403);
            assertThat(roles().stream().filter("owner"::equals).count()).isEqualTo(1);
        }
    }

    private CompletableFuture<Reply> demoteAfter(CountDownLatch start, String caller, String target) {
        return after(start, () -> api.patch(caller, members + "/" + target, "{\"role\": \"admin\"}"));
    }

    private CompletableFuture<Reply> removeAfter(CountDownLatch start, String caller, String target) {
        return after(start, () -> remove(caller, target));
    }

    private static CompletableFuture<Reply> after(CountDownLatch start, Supplier<Reply> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return call.get();
        });
    }

    private Reply remove(String caller, String user) {
        return api.send(caller, "DELETE", members + "/" + user, null, Map.of());
    }

    private void add(String caller, String user, String role) {
        Reply added = api.send(caller, "POST", members, "{\"user_id\": \"" + user + "\", \"role\": \"" + role + "\"}",
                Map.of());
        assertThat(added.status()).as(added.raw().body()).isEqualTo(201);
        assertThat(added.text("workspace_id")).isEqualTo(workspace);
        assertThat(added.text("updated_at")).isEqualTo(added.text("created_at"));
    }

    private JsonNode member(String user) {
        for (JsonNode member : api.get(owner, members).json().path("data")) {
            if (member.path("user_id").asString().equals(user)) {
                return member;
            }
        }
        throw new AssertionError("no member " + user);
    }

    private List<String> roles() {
        List<String> roles = new ArrayList<>();
        api.get(viewer, members).json().path("data").forEach(m -> roles.add(m.path("role").asString()));
        return roles;
    }
}
