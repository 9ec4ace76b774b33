package io.billingaccounts.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.MembersApiDelegate;
import io.billingaccounts.server.api.model.MemberDto;
import io.billingaccounts.server.api.model.MemberCreateDto;
import io.billingaccounts.server.api.model.MemberListDto;
import io.billingaccounts.server.api.model.MemberPatchDto;
import io.billingaccounts.server.workspace.MemberService;
import io.billingaccounts.server.workspace.Role;

@Component
public class MembersDelegate implements MembersApiDelegate {

    private final MemberService service;

    public MembersDelegate(MemberService service) {
        this.service = service;
    }

    @Override
    public ResponseEntity<MemberListDto> listMembers(String workspaceId) {
        var members = service.list(Callers.current(), workspaceId).stream().map(WorkspaceMapper::toDto).toList();
        return ResponseEntity.ok(new MemberListDto().data(members).hasMore(false));
    }

    @Override
    public ResponseEntity<MemberDto> addMember(String workspaceId, MemberCreateDto body, String idempotencyKey) {
        var member = service.add(Callers.current(), workspaceId, body.getUserId(),
                Role.fromWire(body.getRole().getValue()));
        return ResponseEntity.status(HttpStatus.CREATED).body(WorkspaceMapper.toDto(member));
    }

    @Override
    public ResponseEntity<Void> removeMember(String workspaceId, String userId) {
        service.remove(Callers.current(), workspaceId, userId);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<MemberDto> updateMember(String workspaceId, String userId, MemberPatchDto body) {
        return ResponseEntity.ok(WorkspaceMapper.toDto(service.changeRole(Callers.current(), workspaceId, userId,
                Role.fromWire(body.getRole().getValue()))));
    }
}
