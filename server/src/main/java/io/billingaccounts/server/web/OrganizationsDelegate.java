package io.billingaccounts.server.web;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.api.OrganizationsApiDelegate;
import io.billingaccounts.server.api.model.OrganizationCreateDto;
import io.billingaccounts.server.api.model.OrganizationDescendantsDto;
import io.billingaccounts.server.api.model.OrganizationDto;
import io.billingaccounts.server.api.model.OrganizationLimitReportDto;
import io.billingaccounts.server.api.model.OrganizationListDto;
import io.billingaccounts.server.api.model.OrganizationPatchDto;
import io.billingaccounts.server.api.model.ProductUsageDto;
import io.billingaccounts.server.organizations.NewOrganization;
import io.billingaccounts.server.organizations.OrganizationPatch;
import io.billingaccounts.server.organizations.OrganizationService;
import io.billingaccounts.server.organizations.OrganizationView;
import io.billingaccounts.server.organizations.UsagePdf;
import io.billingaccounts.server.problem.Problem;

@Component
public class OrganizationsDelegate implements OrganizationsApiDelegate {

    private static final ContentDisposition USAGE_FILE = ContentDisposition.attachment()
            .filename("organization-usage.pdf").build();

    private final OrganizationService service;

    public OrganizationsDelegate(OrganizationService service) {
        this.service = service;
    }

    @Override
    public ResponseEntity<OrganizationListDto> listOrganizations(String workspaceId) {
        var organizations = service.list(Callers.current(), workspaceId).stream().map(OrganizationMapper::toDto)
                .toList();
        return ResponseEntity.ok(new OrganizationListDto().data(organizations).hasMore(false));
    }

    @Override
    public ResponseEntity<OrganizationDto> createOrganization(String workspaceId, OrganizationCreateDto body,
                                                              String idempotencyKey) {
        return create(workspaceId, null, body);
    }

    @Override
    public ResponseEntity<OrganizationDto> createChildOrganization(String workspaceId, String organizationId,
                                                                   OrganizationCreateDto body, String idempotencyKey) {
        return create(workspaceId, organizationId, body);
    }

    @Override
    public ResponseEntity<OrganizationDto> getOrganization(String workspaceId, String organizationId) {
        return ok(service.get(Callers.current(), workspaceId, organizationId));
    }

    @Override
    public ResponseEntity<OrganizationDto> updateOrganization(String workspaceId, String organizationId,
                                                              OrganizationPatchDto body) {
        return ok(service.update(Callers.current(), workspaceId, organizationId,
                CheckedBodies.of(body, OrganizationPatch.class)));
    }

    @Override
    public ResponseEntity<Void> deleteOrganization(String workspaceId, String organizationId) {
        service.delete(Callers.current(), workspaceId, organizationId);
        return ResponseEntity.noContent().build();
    }

    @Override
    public ResponseEntity<OrganizationDto> getOrganizationParent(String workspaceId, String organizationId) {
        return service.parent(Callers.current(), workspaceId, organizationId)
                .map(OrganizationsDelegate::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @Override
    public ResponseEntity<OrganizationDescendantsDto> listOrganizationDescendants(String workspaceId,
                                                                                 String organizationId) {
        var descendants = service.descendants(Callers.current(), workspaceId, organizationId).stream()
                .map(OrganizationMapper::toDto).toList();
        return ResponseEntity.ok(new OrganizationDescendantsDto().data(descendants));
    }

    @Override
    public ResponseEntity<OrganizationLimitReportDto> getOrganizationLimits(String workspaceId,
                                                                            String organizationId) {
        return ResponseEntity.ok(OrganizationMapper.toDto(service.limits(Callers.current(), workspaceId,
                organizationId)));
    }

    @Override
    public ResponseEntity<OrganizationDto> reportOrganizationUsage(String workspaceId, String organizationId,
                                                                   ProductUsageDto body) {
        return ok(service.reportUsage(Callers.current(), workspaceId, organizationId,
                OrganizationMapper.toUsage(body)));
    }

    @Override
    public ResponseEntity<Resource> exportOrganizationUsage(String workspaceId) {
        byte[] pdf = UsagePdf.render(service.usageReport(Callers.current(), workspaceId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, USAGE_FILE.toString()).body(new ByteArrayResource(pdf));
    }

    @Override
    public ResponseEntity<Resource> getOrganizationPicture(String workspaceId, String organizationId) {
        var picture = service.picture(Callers.current(), workspaceId, organizationId)
                .orElseThrow(() -> Problem.notFound("organization picture"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(picture.mediaType()))
                .body(new ByteArrayResource(picture.bytes()));
    }

    private static ResponseEntity<OrganizationDto> ok(OrganizationView o) {
        return ResponseEntity.ok(OrganizationMapper.toDto(o));
    }

    /** A top-level organization when {@code parentId} is null, else a child of it. */
    private ResponseEntity<OrganizationDto> create(String workspaceId, String parentId, OrganizationCreateDto body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(OrganizationMapper.toDto(service.create(
                Callers.current(), workspaceId, parentId, CheckedBodies.of(body, NewOrganization.class))));
    }
}
