package io.billingaccounts.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.MembersApiDelegate;
import io.billingaccounts.server.api.model.MemberDto;
import io.billingaccounts.server.api.model.MemberCreateDto;
import io.billingaccounts.server.api.model.MemberListDto;
import io.billingaccounts.server.api.model.RoleDto;
import io.billingaccounts.server.workspace.Member;
import io.billingaccounts.server.workspace.Role;
import io.billingaccounts.server.workspace.MemberService;

@Component
public class MembersDelegate implements MembersApiDelegate {

    private final MemberService service;

    public MembersDelegate(MemberService service) {
        this.service = service;
    }

    @Override
    public ResponseEntity<MemberListDto> listMembers(String workspaceId) {
        var members = service.list(Callers.current(), workspaceId).stream().map(m -> toDto(workspaceId, m)).toList();
        return ResponseEntity.ok(new MemberListDto().data(members).hasMore(false));
    }

    @Override
    public ResponseEntity<MemberDto> addMember(String workspaceId, MemberCreateDto body, String idempotencyKey) {
        var member = service.add(Callers.current(), workspaceId, body.getUserId(),
                Role.fromWire(body.getRole().getValue()));
        return ResponseEntity.status(HttpStatus.CREATED).body(toDto(workspaceId, member));
    }

    @Override
    public ResponseEntity<Void> removeMember(String workspaceId, String userId) {
        service.remove(Callers.current(), workspaceId, userId);
        return ResponseEntity.noContent().build();
    }

    /** A role is not changed yet, so a member was last updated when it was added. */
    private static MemberDto toDto(String workspaceId, Member m) {
        return new MemberDto().userId(m.userId()).workspaceId(workspaceId).role(RoleDto.fromValue(m.role().wireName()))
                .createdAt(m.createdAt()).updatedAt(m.createdAt());
    }
}
