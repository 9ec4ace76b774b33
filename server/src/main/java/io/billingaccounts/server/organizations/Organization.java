package io.billingaccounts.server.organizations;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An organization: {@code ancestorIds} root first (empty for a top-level organization), {@code billingAccountId}
 * its top-level organization's, {@code picture} an https URL, or the service's own path of a stored picture
 * (starting with '/'), or null; {@code usage} is its own, not its subtree's ({@link OrganizationView}).
 */
public record Organization(String id, String workspaceId, String name, String externalId, String parentId,
                           List<String> ancestorIds, int depth, String billingAccountId, String picture,
                           ProductCounts usage, OrganizationLimits limits, Branding branding,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The path of a picture the service stores and serves. */
    static String storedPicturePath(String workspaceId, String id) {
        return "/workspaces/" + workspaceId + "/organizations/" + id + "/picture";
    }

    /** The same organization reporting {@code next} as its own usage from {@code at} on. */
    Organization withUsage(ProductCounts next, OffsetDateTime at) {
        return new Organization(id, workspaceId, name, externalId, parentId, ancestorIds, depth, billingAccountId,
                picture, next, limits, branding, createdAt, at);
    }
}
