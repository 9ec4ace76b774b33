package io.billingaccounts.server.store;

import java.time.OffsetDateTime;

/**
 * An organization as stored: {@code lineage} is its ancestors' ids and its own, each followed by '#'; limits are
 * null where unset; usage is its own, not its subtree's.
 */
public record OrganizationRow(String id, String workspaceId, String parentId, String lineage, int depth,
                              String billingAccountId, String name, String externalId, String pictureUrl,
                              Integer limitLocations, Integer limitUsers, Integer limitSso,
                              int usageLocations, int usageUsers, int usageSso,
                              String displayName, String loginHint, String colorPrimary, String colorPageBackground,
                              OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
