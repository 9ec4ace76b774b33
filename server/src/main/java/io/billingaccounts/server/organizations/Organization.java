package io.billingaccounts.server.organizations;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An organization as the API shows it: {@code ancestorIds} root first (empty for a top-level organization),
 * {@code billingAccountId} its top-level organization's, {@code picture} an https URL, or the service's own path
 * of a stored picture (starting with '/'), or null.
 */
public record Organization(String id, String workspaceId, String name, String externalId, String parentId,
                           List<String> ancestorIds, int depth, String billingAccountId, String picture,
                           ProductCounts usage, ProductCounts subtreeUsage, OrganizationLimits limits,
                           Branding branding, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The path of a picture the service stores and serves. */
    static String storedPicturePath(String workspaceId, String id) {
        return "/workspaces/" + workspaceId + "/organizations/" + id + "/picture";
    }
}
