package io.billingaccounts.server.web;

import static io.billingaccounts.server.web.PatchFields.change;
import static io.billingaccounts.server.web.PatchFields.valueOf;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import org.openapitools.jackson.nullable.JsonNullable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.billingaccounts.server.api.model.BrandingColorsDto;
import io.billingaccounts.server.api.model.BrandingColorsPatchDto;
import io.billingaccounts.server.api.model.BrandingDto;
import io.billingaccounts.server.api.model.BrandingPatchDto;
import io.billingaccounts.server.api.model.LimitContextDto;
import io.billingaccounts.server.api.model.OrganizationCreateDto;
import io.billingaccounts.server.api.model.OrganizationDto;
import io.billingaccounts.server.api.model.OrganizationLimitReportDto;
import io.billingaccounts.server.api.model.OrganizationLimitsDto;
import io.billingaccounts.server.api.model.OrganizationLimitsPatchDto;
import io.billingaccounts.server.api.model.OrganizationPatchDto;
import io.billingaccounts.server.api.model.OrganizationUsageDto;
import io.billingaccounts.server.api.model.ProductDto;
import io.billingaccounts.server.api.model.ProductLimitDto;
import io.billingaccounts.server.api.model.ProductUsageDto;
import io.billingaccounts.server.billing.Change;
import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.organizations.BrandingPatch;
import io.billingaccounts.server.organizations.LimitBinding;
import io.billingaccounts.server.organizations.LimitReport;
import io.billingaccounts.server.organizations.NewOrganization;
import io.billingaccounts.server.organizations.Organization;
import io.billingaccounts.server.organizations.OrganizationPatch;
import io.billingaccounts.server.organizations.OrganizationPicture;
import io.billingaccounts.server.organizations.OrganizationView;
import io.billingaccounts.server.organizations.ProductCounts;
import io.billingaccounts.server.organizations.ProductLimit;

/** Between the generated DTOs of organizations and the domain: the only place that knows both. */
final class OrganizationMapper {

    private OrganizationMapper() {
    }

    static OrganizationDto toDto(OrganizationView view) {
        Organization o = view.organization();
        OrganizationLimitsDto limits = new OrganizationLimitsDto();
        limits.setLocations(o.limits().of(Product.LOCATIONS));
        limits.setUsers(o.limits().of(Product.USERS));
        limits.setSso(o.limits().of(Product.SSO));
        return new OrganizationDto().id(o.id()).name(o.name()).workspaceId(o.workspaceId())
                .externalId(UUID.fromString(o.externalId())).parentOrgId(o.parentId())
                .path(o.ancestorIds().isEmpty() ? null : String.join("#", o.ancestorIds())).depth(o.depth())
                .billingAccountId(o.billingAccountId()).picture(pictureUrl(o.picture()))
                .usage(new OrganizationUsageDto().usage(toDto(o.usage())).subtreeUsage(toDto(view.subtreeUsage())))
                .limits(limits)
                .branding(new BrandingDto().displayName(o.branding().displayName()).loginHint(o.branding().loginHint())
                        .colors(new BrandingColorsDto().primary(o.branding().primaryColor())
                                .pageBackground(o.branding().pageBackgroundColor())))
                .createdAt(o.createdAt()).updatedAt(o.updatedAt());
    }

    static OrganizationLimitReportDto toDto(LimitReport report) {
        OrganizationLimitReportDto dto = new OrganizationLimitReportDto().organizationId(report.organizationId())
                .organizationName(report.organizationName()).context(toDto(report.binding()));
        for (ProductLimit limit : report.limits()) {
            dto.addLimitsItem(new ProductLimitDto().type(ProductDto.fromValue(limit.product().wireName()))
                    .used(limit.used()).direct(limit.direct()).free(limit.free()).orgLimit(limit.orgLimit())
                    .total(limit.total()).context(toDto(limit.binding())));
        }
        return dto;
    }

    static ProductCounts toUsage(ProductUsageDto body) {
        return new ProductCounts(body.getLocations(), body.getUsers(), body.getSso());
    }

    static NewOrganization toNew(OrganizationCreateDto body) {
        return new NewOrganization(body.getName(),
                body.getExternalId() == null ? null : body.getExternalId().toString(),
                valueOf(body.getBillingAccountId()), limitChanges(body.getLimits()),
                OrganizationPicture.read(valueOf(body.getPicture())),
                toPatch(body.getBranding()));
    }

    static OrganizationPatch toPatch(OrganizationPatchDto body) {
        return new OrganizationPatch(body.getName(),
                body.getExternalId() == null ? null : body.getExternalId().toString(), limitChanges(body.getLimits()),
                pictureChange(body.getPicture()), toPatch(body.getBranding()));
    }

    /** Absent keeps the picture (null), null removes it, a value replaces it. */
    private static OrganizationPicture pictureChange(JsonNullable<String> picture) {
        Change<String> change = change(picture);
        return change.isPresent() ? OrganizationPicture.read(change.applyTo(null)) : null;
    }

    /** A picture the service stores is named by its path here; the caller gets the URL of this very host. */
    private static String pictureUrl(String picture) {
        if (picture == null || !picture.startsWith("/")) {
            return picture;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(picture).toUriString();
    }

    private static ProductUsageDto toDto(ProductCounts counts) {
        return new ProductUsageDto().locations(counts.locations()).users(counts.users()).sso(counts.sso());
    }

    private static LimitContextDto toDto(LimitBinding binding) {
        return new LimitContextDto().type(LimitContextDto.TypeEnum.fromValue(binding.kind().name().toLowerCase()))
                .name(binding.name());
    }

    /** The products the body names, with their new limit or null to remove it. */
    private static Map<Product, Integer> limitChanges(OrganizationLimitsPatchDto limits) {
        Map<Product, Integer> changes = new EnumMap<>(Product.class);
        if (limits != null) {
            putIfSent(changes, Product.LOCATIONS, limits.getLocations());
            putIfSent(changes, Product.USERS, limits.getUsers());
            putIfSent(changes, Product.SSO, limits.getSso());
        }
        return changes;
    }

    private static void putIfSent(Map<Product, Integer> changes, Product product, JsonNullable<Integer> limit) {
        if (limit != null && limit.isPresent()) {
            changes.put(product, limit.get());
        }
    }

    private static BrandingPatch toPatch(BrandingPatchDto branding) {
        if (branding == null) {
            return BrandingPatch.NONE;
        }
        BrandingColorsPatchDto colors = branding.getColors();
        return new BrandingPatch(change(branding.getDisplayName()), change(branding.getLoginHint()),
                colors == null ? Change.keep() : change(colors.getPrimary()),
                colors == null ? Change.keep() : change(colors.getPageBackground()));
    }
}
