package io.billingaccounts.server.workspace;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.problem.Problem;

@Service
public class MemberService {

    static final int MAX_MEMBERS = 100;

    private final MemberStore members;
    private final WorkspaceAccess access;
    private final Clock clock;

    public MemberService(MemberStore members, WorkspaceAccess access, Clock clock) {
        this.members = members;
        this.access = access;
        this.clock = clock;
    }

    public List<Member> list(String caller, String workspaceId) {
        access.requireRead(caller, workspaceId);
        return members.list(workspaceId);
    }

    /**
     * Counts and inserts under the workspace's row lock, so concurrent adds cannot pass the limit together. Every
     * write of members takes that lock before it asks for the caller's role, so it judges the roles as they are.
     */
    @Transactional
    public Member add(String caller, String workspaceId, String userId, Role role) {
        Role callerRole = access.lockForWrite(caller, workspaceId);
        if (role == Role.OWNER && callerRole != Role.OWNER) {
            throw onlyOwners("grant the owner role");
        }
        if (members.find(workspaceId, userId).isPresent()) {
            throw new Problem(Problem.Kind.CONFLICT, "member_exists", "The user is already a member of this workspace.");
        }
        if (members.count(workspaceId) >= MAX_MEMBERS) {
            throw new Problem(Problem.Kind.CONFLICT, "member_limit_reached",
                    "A workspace may have at most " + MAX_MEMBERS + " members.");
        }
        OffsetDateTime now = Timestamps.now(clock);
        Member member = new Member(userId, workspaceId, role, now, now);
        members.insert(member);
        return member;
    }

    /**
     * Gives the member {@code role}; only an owner grants or takes away the owner role, and the last owner keeps
     * it. Under the workspace's lock: two owners demoting each other at once leave one owner.
     */
    @Transactional
    public Member changeRole(String caller, String workspaceId, String userId, Role role) {
        Role callerRole = access.lockForWrite(caller, workspaceId);
        Member member = find(workspaceId, userId);
        if ((member.role() == Role.OWNER || role == Role.OWNER) && callerRole != Role.OWNER) {
            throw onlyOwners(member.role() == Role.OWNER ? "take away the owner role" : "grant the owner role");
        }
        if (member.role() == role) {
            return member;
        }
        if (member.role() == Role.OWNER) {
            requireAnotherOwner(workspaceId, "demoted");
        }
        OffsetDateTime now = Timestamps.now(clock);
        members.updateRole(workspaceId, userId, role, now);
        return new Member(member.userId(), workspaceId, role, member.createdAt(), now);
    }

    /**
     * Any member may leave, viewers too; owners and admins remove others, only an owner removes an owner, and the
     * last owner stays. Under the workspace's lock, so two owners leaving at once leave one owner.
     */
    @Transactional
    public void remove(String caller, String workspaceId, String userId) {
        if (caller.equals(userId)) {
            leave(caller, workspaceId);
            return;
        }
        Role callerRole = access.lockForWrite(caller, workspaceId);
        Member member = find(workspaceId, userId);
        if (member.role() == Role.OWNER) {
            if (callerRole != Role.OWNER) {
                throw onlyOwners("remove an owner");
            }
            requireAnotherOwner(workspaceId, "removed");
        }
        members.delete(workspaceId, userId);
    }

    /** Needs no write role: any member leaves, under the workspace's lock as every member write. */
    private void leave(String caller, String workspaceId) {
        if (access.lockAsMember(caller, workspaceId) == Role.OWNER) {
            requireAnotherOwner(workspaceId, "removed");
        }
        members.delete(workspaceId, caller);
    }

    private Member find(String workspaceId, String userId) {
        return members.find(workspaceId, userId).orElseThrow(() -> Problem.notFound("member"));
    }

    private void requireAnotherOwner(String workspaceId, String what) {
        if (members.countWithRole(workspaceId, Role.OWNER) <= 1) {
            throw new Problem(Problem.Kind.UNPROCESSABLE, "cannot_remove_last_owner",
                    "The last owner of a workspace cannot be " + what + "; make another member an owner first.");
        }
    }

    private static Problem onlyOwners(String what) {
        return new Problem(Problem.Kind.FORBIDDEN, "insufficient_role", "Only an owner may " + what + ".");
    }
}
