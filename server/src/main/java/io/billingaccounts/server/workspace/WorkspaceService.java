package io.billingaccounts.server.workspace;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.problem.Violations;
import io.billingaccounts.server.store.MemberRow;
import io.billingaccounts.server.store.MemberStore;
import io.billingaccounts.server.store.WorkspaceRow;
import io.billingaccounts.server.store.WorkspaceStore;

@Service
public class WorkspaceService {

    private final WorkspaceStore workspaces;
    private final MemberStore members;
    private final WorkspaceAccess access;
    private final Clock clock;

    public WorkspaceService(WorkspaceStore workspaces, MemberStore members, WorkspaceAccess access, Clock clock) {
        this.workspaces = workspaces;
        this.members = members;
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
        WorkspaceRow row = new WorkspaceRow(RandomIds.next("ws_"), name, description, billingMode.wireName(), now, now);
        workspaces.insert(row);
        members.insert(new MemberRow(row.id(), caller, Role.OWNER.wireName(), now));
        return Workspace.from(row);
    }

    public Workspace get(String caller, String workspaceId) {
        access.requireRead(caller, workspaceId);
        return workspaces.find(workspaceId).map(Workspace::from).orElseThrow(() -> Problem.notFound("workspace"));
    }
}
