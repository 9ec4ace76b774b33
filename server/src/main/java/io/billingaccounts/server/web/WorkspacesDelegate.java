package io.billingaccounts.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.WorkspacesApiDelegate;
import io.billingaccounts.server.api.model.BillingModeDto;
import io.billingaccounts.server.api.model.WorkspaceDto;
import io.billingaccounts.server.api.model.WorkspaceCreateDto;
import io.billingaccounts.server.workspace.BillingMode;
import io.billingaccounts.server.workspace.Workspace;
import io.billingaccounts.server.workspace.WorkspaceService;

@Component
public class WorkspacesDelegate implements WorkspacesApiDelegate {

    private final WorkspaceService service;

    public WorkspacesDelegate(WorkspaceService service) {
        this.service = service;
    }

    @Override
    public ResponseEntity<WorkspaceDto> createWorkspace(WorkspaceCreateDto body, String idempotencyKey) {
        var workspace = service.create(Callers.current(), body.getName(), body.getDescription().orElse(null),
                BillingMode.fromWire(body.getBillingMode().getValue()));
        return ResponseEntity.status(HttpStatus.CREATED).body(toDto(workspace));
    }

    @Override
    public ResponseEntity<WorkspaceDto> getWorkspace(String workspaceId) {
        return ResponseEntity.ok(toDto(service.get(Callers.current(), workspaceId)));
    }

    private static WorkspaceDto toDto(Workspace w) {
        return new WorkspaceDto().id(w.id()).name(w.name()).description(w.description())
                .billingMode(BillingModeDto.fromValue(w.billingMode().wireName()))
                .archived(false).archivedAt(null) // archiving is not served yet
                .createdAt(w.createdAt()).updatedAt(w.updatedAt());
    }
}
