package io.billingaccounts.server.workspace;

import org.springframework.stereotype.Service;

import io.billingaccounts.server.problem.Problem;

/**
 * The one question the rest of the service asks: may this caller do this in this workspace? Every write below a
 * workspace asks {@link #requireWrite}, which is also where an archived workspace refuses them all.
 */
@Service
public class WorkspaceAccess {

    private final MemberStore members;
    private final WorkspaceStore workspaces;

    public WorkspaceAccess(MemberStore members, WorkspaceStore workspaces) {
        this.members = members;
        this.workspaces = workspaces;
    }

    /** The caller's role; a workspace the caller is not in answers as if it did not exist. */
    public Role roleOf(String caller, String workspaceId) {
        return members.find(workspaceId, caller)
                .map(Member::role)
                .orElseThrow(() -> Problem.notFound("workspace"));
    }

    /** Reads work in an archived workspace too. */
    public Role requireRead(String caller, String workspaceId) {
        return roleOf(caller, workspaceId);
    }

    /** An owner or admin of a workspace that is not archived. */
    public Role requireWrite(String caller, String workspaceId) {
        Role role = roleOf(caller, workspaceId);
        if (!role.canWrite()) {
            throw new Problem(Problem.Kind.FORBIDDEN, "insufficient_role",
                    "Viewers may read but not change this workspace.");
        }
        requireNotArchived(workspaces.find(workspaceId).orElseThrow(() -> Problem.notFound("workspace")));
        return role;
    }

    /**
     * Locks the workspace's row for the rest of the transaction, then checks that the caller may write: a write
     * that counts or judges what is below the workspace (members, organizations) does it one at a time, and judges
     * the caller's role as it is once no other write can change it. 404 for a workspace the caller is not in.
     */
    public Role lockForWrite(String caller, String workspaceId) {
        lock(caller, workspaceId);
        return requireWrite(caller, workspaceId);
    }

    /**
     * The same lock for a change any member may make to themselves (leaving): the caller's role, read again once
     * the lock is held; the workspace must not be archived.
     */
    public Role lockAsMember(String caller, String workspaceId) {
        requireNotArchived(lock(caller, workspaceId));
        return roleOf(caller, workspaceId);
    }

    /** A workspace the caller is not in answers 404 before anything waits for its lock. */
    private Workspace lock(String caller, String workspaceId) {
        roleOf(caller, workspaceId);
        return workspaces.lock(workspaceId).orElseThrow(() -> Problem.notFound("workspace"));
    }

    /**
     * For a write that holds the workspace's row lock ({@link WorkspaceStore#lock}): archiving takes that lock
     * too, so a write checked here cannot slip in below a workspace being archived.
     */
    public static Workspace requireNotArchived(Workspace workspace) {
        if (workspace.archived()) {
            throw archived();
        }
        return workspace;
    }

    static Problem archived() {
        return new Problem(Problem.Kind.CONFLICT, "workspace_archived",
                "The workspace is archived: it can be read but no longer changed.");
    }
}
