package io.billingaccounts.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.WorkspacesApiDelegate;
import io.billingaccounts.server.api.model.WorkspaceCreateDto;
import io.billingaccounts.server.api.model.WorkspaceDto;
import io.billingaccounts.server.api.model.WorkspaceListDto;
import io.billingaccounts.server.api.model.WorkspacePatchDto;
import io.billingaccounts.server.organizations.Pools;
import io.billingaccounts.server.workspace.BillingMode;
import io.billingaccounts.server.workspace.Workspace;
import io.billingaccounts.server.workspace.WorkspacePatch;
import io.billingaccounts.server.workspace.WorkspaceService;

@Component
public class WorkspacesDelegate implements WorkspacesApiDelegate {

    private final WorkspaceService service;
    private final Pools pools;

    public WorkspacesDelegate(WorkspaceService service, Pools pools) {
        this.service = service;
        this.pools = pools;
    }

    @Override
    public ResponseEntity<WorkspaceDto> createWorkspace(WorkspaceCreateDto body, String idempotencyKey) {
        var workspace = service.create(Callers.current(), body.getName(), body.getDescription().orElse(null),
                BillingMode.fromWire(body.getBillingMode().getValue()));
        return ResponseEntity.status(HttpStatus.CREATED).body(toDto(workspace));
    }

    @Override
    public ResponseEntity<WorkspaceListDto> listWorkspaces() {
        var workspaces = service.list(Callers.current()).stream().map(this::toDto).toList();
        return ResponseEntity.ok(new WorkspaceListDto().data(workspaces).hasMore(false));
    }

    @Override
    public ResponseEntity<WorkspaceDto> getWorkspace(String workspaceId) {
        return ResponseEntity.ok(toDto(service.get(Callers.current(), workspaceId)));
    }

    @Override
    public ResponseEntity<WorkspaceDto> updateWorkspace(String workspaceId, WorkspacePatchDto body) {
        return ResponseEntity.ok(toDto(service.update(Callers.current(), workspaceId,
                CheckedBodies.of(body, WorkspacePatch.class))));
    }

    @Override
    public ResponseEntity<Void> archiveWorkspace(String workspaceId) {
        service.archive(Callers.current(), workspaceId);
        return ResponseEntity.noContent().build();
    }

    private WorkspaceDto toDto(Workspace workspace) {
        return WorkspaceMapper.toDto(workspace, pools.pooledSeatLimit(workspace.id(), workspace.billingMode()));
    }
}
