package io.billingaccounts.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.MembersApiDelegate;
import io.billingaccounts.server.api.model.Member;
import io.billingaccounts.server.api.model.MemberCreate;
import io.billingaccounts.server.api.model.MemberList;
import io.billingaccounts.server.api.model.Role;
import io.billingaccounts.server.workspace.MemberService;

@Component
public class MembersDelegate implements MembersApiDelegate {

    private final MemberService service;

    public MembersDelegate(MemberService service) {
        this.service = service;
    }

    @Override
    public ResponseEntity<MemberList> listMembers(String workspaceId) {
        var members = service.list(Callers.current(), workspaceId).stream().map(MembersDelegate::toDto).toList();
        return ResponseEntity.ok(new MemberList().data(members).hasMore(false));
    }

    @Override
    public ResponseEntity<Member> addMember(String workspaceId, MemberCreate body, String idempotencyKey) {
        var member = service.add(Callers.current(), workspaceId, body.getUserId(),
                io.billingaccounts.server.workspace.Role.fromWire(body.getRole().getValue()));
        return ResponseEntity.status(HttpStatus.CREATED).body(toDto(member));
    }

    @Override
    public ResponseEntity<Void> removeMember(String workspaceId, String userId) {
        service.remove(Callers.current(), workspaceId, userId);
        return ResponseEntity.noContent().build();
    }

    private static Member toDto(io.billingaccounts.server.workspace.Member m) {
        return new Member().userId(m.userId()).role(Role.fromValue(m.role().wireName())).createdAt(m.createdAt());
    }
}
