package io.billingaccounts.server.workspace;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.billingaccounts.server.basics.RandomIds;
import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.problem.Violations;
import io.billingaccounts.server.store.ActiveSubscriptions;
import io.billingaccounts.server.writes.ResourceNames;

@Service
public class WorkspaceService {

    private final WorkspaceStore workspaces;
    private final MemberStore members;
    private final ActiveSubscriptions subscriptions;
    private final WorkspaceAccess access;
    private final Clock clock;

    public WorkspaceService(WorkspaceStore workspaces, MemberStore members, ActiveSubscriptions subscriptions,
                            WorkspaceAccess access, Clock clock) {
        this.workspaces = workspaces;
        this.members = members;
        this.subscriptions = subscriptions;
        this.access = access;
        this.clock = clock;
    }

    /** Creates the workspace with its creator as owner, in one transaction so it never exists without an owner. */
    @Transactional
    public Workspace create(String caller, String name, String description, BillingMode billingMode) {
        Violations violations = new Violations();
        if (name.isBlank()) {
            violations.add("name", "blank", "must not be blank");
        }
        violations.throwIfAny();
        OffsetDateTime now = Timestamps.now(clock);
        Workspace workspace = new Workspace(RandomIds.next("ws_"), name, description, billingMode, now, now, null);
        workspaces.insert(workspace);
        members.insert(new Member(caller, workspace.id(), Role.OWNER, now, now));
        return workspace;
    }

    public Workspace get(String caller, String workspaceId) {
        access.requireRead(caller, workspaceId);
        return workspaces.find(workspaceId).orElseThrow(() -> Problem.notFound("workspace"));
    }

    /** Every workspace the caller is a member of, archived ones too, oldest first. */
    public List<Workspace> list(String caller) {
        return workspaces.listOfMember(caller);
    }

    /**
     * Applies a merge patch under the workspace's lock; one that changes nothing leaves updated_at as it was. The
     * patch comes checked against {@link WorkspacePatch#violations}, with the rest of its body.
     */
    @Transactional
    public Workspace update(String caller, String workspaceId, WorkspacePatch patch) {
        access.requireWrite(caller, workspaceId);
        Workspace current = WorkspaceAccess.requireNotArchived(
                workspaces.lock(workspaceId).orElseThrow(() -> Problem.notFound("workspace")));
        if (!patch.changes(current)) {
            return current;
        }
        OffsetDateTime now = Timestamps.now(clock);
        workspaces.update(workspaceId, patch.nameAfter(current), patch.descriptionAfter(current), now);
        return new Workspace(current.id(), patch.nameAfter(current), patch.descriptionAfter(current),
                current.billingMode(), current.createdAt(), now, null);
    }

    /**
     * Archives the workspace: owners only, and only while none of its billing accounts has an active subscription
     * or one being created. Under the workspace's lock, which a subscription create takes to reserve its place,
     * so none can slip in meanwhile.
     */
    @Transactional
    public void archive(String caller, String workspaceId) {
        if (access.roleOf(caller, workspaceId) != Role.OWNER) {
            throw new Problem(Problem.Kind.FORBIDDEN, "insufficient_role", "Only an owner may archive a workspace.");
        }
        WorkspaceAccess.requireNotArchived(workspaces.lock(workspaceId)
                .orElseThrow(() -> Problem.notFound("workspace")));
        if (subscriptions.countActiveInWorkspaceWithCreatesUnderWay(workspaceId, ResourceNames.SUBSCRIPTION) > 0) {
            throw new Problem(Problem.Kind.CONFLICT, "workspace_not_empty",
                    "A billing account of the workspace has an active subscription; cancel it and let it end"
                            + " before archiving the workspace.");
        }
        workspaces.archive(workspaceId, Timestamps.now(clock));
    }
}
