package io.billingaccounts.server.workspace;

import org.springframework.stereotype.Service;

import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.store.MemberStore;

/** The one question the rest of the service asks: may this caller do this in this workspace? */
@Service
public class WorkspaceAccess {

    private final MemberStore members;

    public WorkspaceAccess(MemberStore members) {
        this.members = members;
    }

    /** The caller's role; a workspace the caller is not in answers as if it did not exist. */
    public Role roleOf(String caller, String workspaceId) {
        return members.find(workspaceId, caller)
                .map(row -> Role.fromWire(row.role()))
                .orElseThrow(() -> Problem.notFound("workspace"));
    }

    public Role requireRead(String caller, String workspaceId) {
        return roleOf(caller, workspaceId);
    }

    public Role requireWrite(String caller, String workspaceId) {
        Role role = roleOf(caller, workspaceId);
        if (!role.canWrite()) {
            throw new Problem(Problem.Kind.FORBIDDEN, "insufficient_role",
                    "Viewers may read but not change this workspace.");
        }
        return role;
    }
}
