package io.billingaccounts.server.workspace;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.store.MemberRow;
import io.billingaccounts.server.store.MemberStore;
import io.billingaccounts.server.store.WorkspaceStore;

@Service
public class MemberService {

    static final int MAX_MEMBERS = 100;

    private final MemberStore members;
    private final WorkspaceStore workspaces;
    private final WorkspaceAccess access;
    private final Clock clock;

    public MemberService(MemberStore members, WorkspaceStore workspaces, WorkspaceAccess access, Clock clock) {
        this.members = members;
        this.workspaces = workspaces;
        this.access = access;
        this.clock = clock;
    }

    public List<Member> list(String caller, String workspaceId) {
        access.requireRead(caller, workspaceId);
        return members.list(workspaceId).stream().map(Member::from).toList();
    }

    /** Counts and inserts under the workspace's row lock, so concurrent adds cannot pass the limit together. */
    @Transactional
    public Member add(String caller, String workspaceId, String userId, Role role) {
        Role callerRole = access.requireWrite(caller, workspaceId);
        if (role == Role.OWNER && callerRole != Role.OWNER) {
            throw onlyOwners("grant the owner role");
        }
        workspaces.lock(workspaceId).orElseThrow(() -> Problem.notFound("workspace"));
        if (members.find(workspaceId, userId).isPresent()) {
            throw new Problem(Problem.Kind.CONFLICT, "member_exists", "The user is already a member of this workspace.");
        }
        if (members.count(workspaceId) >= MAX_MEMBERS) {
            throw new Problem(Problem.Kind.CONFLICT, "member_limit_reached",
                    "A workspace may have at most " + MAX_MEMBERS + " members.");
        }
        MemberRow row = new MemberRow(workspaceId, userId, role.wireName(), Timestamps.now(clock));
        members.insert(row);
        return Member.from(row);
    }

    @Transactional
    public void remove(String caller, String workspaceId, String userId) {
        Role callerRole = access.requireWrite(caller, workspaceId);
        workspaces.lock(workspaceId).orElseThrow(() -> Problem.notFound("workspace"));
        Member member = members.find(workspaceId, userId).map(Member::from)
                .orElseThrow(() -> Problem.notFound("member"));
        if (member.role() == Role.OWNER) {
            if (callerRole != Role.OWNER) {
                throw onlyOwners("remove an owner");
            }
            if (members.countWithRole(workspaceId, Role.OWNER.wireName()) == 1) {
                throw new Problem(Problem.Kind.CONFLICT, "last_owner",
                        "The last owner of a workspace cannot be removed.");
            }
        }
        members.delete(workspaceId, userId);
    }

    private static Problem onlyOwners(String what) {
        return new Problem(Problem.Kind.FORBIDDEN, "insufficient_role", "Only an owner may " + what + ".");
    }
}
