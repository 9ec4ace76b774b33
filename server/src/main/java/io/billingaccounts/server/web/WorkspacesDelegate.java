package io.billingaccounts.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.WorkspacesApiDelegate;
import io.billingaccounts.server.api.model.BillingMode;
import io.billingaccounts.server.api.model.Workspace;
import io.billingaccounts.server.api.model.WorkspaceCreate;
import io.billingaccounts.server.workspace.WorkspaceService;

@Component
public class WorkspacesDelegate implements WorkspacesApiDelegate {

    private final WorkspaceService service;

    public WorkspacesDelegate(WorkspaceService service) {
        this.service = service;
    }

    @Override
    public ResponseEntity<Workspace> createWorkspace(WorkspaceCreate body, String idempotencyKey) {
        var workspace = service.create(Callers.current(), body.getName(), body.getDescription().orElse(null),
                io.billingaccounts.server.workspace.BillingMode.fromWire(body.getBillingMode().getValue()));
        return ResponseEntity.status(HttpStatus.CREATED).body(toDto(workspace));
    }

    @Override
    public ResponseEntity<Workspace> getWorkspace(String workspaceId) {
        return ResponseEntity.ok(toDto(service.get(Callers.current(), workspaceId)));
    }

    private static Workspace toDto(io.billingaccounts.server.workspace.Workspace w) {
        return new Workspace().id(w.id()).name(w.name()).description(w.description())
                .billingMode(BillingMode.fromValue(w.billingMode().wireName()))
                .createdAt(w.createdAt()).updatedAt(w.updatedAt());
    }
}
