package io.billingaccounts.server.web;

import org.openapitools.jackson.nullable.JsonNullable;

import io.billingaccounts.server.api.model.BillingModeDto;
import io.billingaccounts.server.api.model.MemberDto;
import io.billingaccounts.server.api.model.RoleDto;
import io.billingaccounts.server.api.model.WorkspaceDto;
import io.billingaccounts.server.api.model.WorkspacePatchDto;
import io.billingaccounts.server.workspace.Member;
import io.billingaccounts.server.workspace.Workspace;
import io.billingaccounts.server.workspace.WorkspacePatch;

/** Between the generated DTOs of workspaces and members and the domain: the only place that knows both. */
final class WorkspaceMapper {

    private WorkspaceMapper() {
    }

    /** {@code pooledSeatLimit}: the seats of a pooled workspace's subscriptions, null in the other modes. */
    static WorkspaceDto toDto(Workspace w, Integer pooledSeatLimit) {
        return new WorkspaceDto().id(w.id()).name(w.name()).description(w.description())
                .billingMode(BillingModeDto.fromValue(w.billingMode().wireName()))
                .archived(w.archived()).archivedAt(w.archivedAt()).pooledSeatLimit(pooledSeatLimit)
                .createdAt(w.createdAt()).updatedAt(w.updatedAt());
    }

    /** An absent description keeps it, {@code null} clears it; the wire has already refused a null name. */
    static WorkspacePatch toPatch(WorkspacePatchDto body) {
        JsonNullable<String> description = body.getDescription();
        boolean changesDescription = description != null && description.isPresent();
        return new WorkspacePatch(body.getName(), changesDescription,
                changesDescription ? description.get() : null);
    }

    static MemberDto toDto(Member m) {
        return new MemberDto().userId(m.userId()).workspaceId(m.workspaceId())
                .role(RoleDto.fromValue(m.role().wireName())).createdAt(m.createdAt()).updatedAt(m.updatedAt());
    }
}
