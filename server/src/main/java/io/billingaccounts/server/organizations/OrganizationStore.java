package io.billingaccounts.server.organizations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.billingaccounts.server.catalog.Product;

/**
 * Organizations. A workspace holds at most a thousand, so the tree is read whole, in one statement, and walked in
 * memory: subtree usage, a limit's chain of ancestors and a pool's usage all come from that one read. Rows are read
 * straight into {@link Organization}; {@code lineage} is its ancestors' ids and its own, each followed by
 * {@value #SEPARATOR}, so that one column answers a subtree.
 */
@Repository
public class OrganizationStore {

    static final String SEPARATOR = "#";

    /** Named once and read by position: a tree is a thousand rows, and a lookup by name costs per cell. */
    private static final String COLUMNS = """
            id, workspace_id, parent_id, lineage, depth, billing_account_id, name, external_id, picture_url,
            limit_locations, limit_users, limit_sso, usage_locations, usage_users, usage_sso, display_name, login_hint,
            color_primary, color_page_background, created_at, updated_at""";

    private final JdbcClient jdbc;

    OrganizationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Organization o) {
        StringBuilder lineage = new StringBuilder();
        o.ancestorIds().forEach(id -> lineage.append(id).append(SEPARATOR));
        lineage.append(o.id()).append(SEPARATOR);
        jdbc.sql("insert into organization (" + COLUMNS + ")"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(o.id(), o.workspaceId(), o.parentId(), lineage.toString(), o.depth(), o.billingAccountId(),
                        o.name(), o.externalId(), o.picture(), o.limits().of(Product.LOCATIONS),
                        o.limits().of(Product.USERS), o.limits().of(Product.SSO), o.usage().locations(),
                        o.usage().users(), o.usage().sso(), o.branding().displayName(), o.branding().loginHint(),
                        o.branding().primaryColor(), o.branding().pageBackgroundColor(), o.createdAt(),
                        o.updatedAt())
                .update();
    }

    /** Every organization of the workspace, parents before their children. */
    List<Organization> tree(String workspaceId) {
        return jdbc.sql("select " + COLUMNS
                        + " from organization where workspace_id = ? order by depth, created_at, id")
                .param(workspaceId).query(OrganizationStore::row).list();
    }

    /** Stores everything but the place in the tree and the billing account, which never change. */
    void update(Organization o) {
        jdbc.sql("""
                update organization set name = ?, external_id = ?, picture_url = ?, limit_locations = ?,
                    limit_users = ?, limit_sso = ?, usage_locations = ?, usage_users = ?, usage_sso = ?,
                    display_name = ?, login_hint = ?, color_primary = ?, color_page_background = ?, updated_at = ?
                where id = ?""")
                .params(o.name(), o.externalId(), o.picture(), o.limits().of(Product.LOCATIONS),
                        o.limits().of(Product.USERS), o.limits().of(Product.SSO), o.usage().locations(),
                        o.usage().users(), o.usage().sso(), o.branding().displayName(), o.branding().loginHint(),
                        o.branding().primaryColor(), o.branding().pageBackgroundColor(), o.updatedAt(), o.id())
                .update();
    }

    /** Deletes the organization and its subtree (the parent key cascades). */
    void delete(String id) {
        jdbc.sql("delete from organization where id = ?").param(id).update();
    }

    void storePicture(String organizationId, String mediaType, byte[] bytes) {
        jdbc.sql("delete from organization_picture where organization_id = ?").param(organizationId).update();
        jdbc.sql("insert into organization_picture (organization_id, media_type, bytes) values (?, ?, ?)")
                .params(organizationId, mediaType, bytes).update();
    }

    void deletePicture(String organizationId) {
        jdbc.sql("delete from organization_picture where organization_id = ?").param(organizationId).update();
    }

    Optional<StoredPicture> picture(String workspaceId, String organizationId) {
        return jdbc.sql("""
                select p.media_type, p.bytes from organization_picture p join organization o on o.id = p.organization_id
                where o.workspace_id = ? and o.id = ?""")
                .params(workspaceId, organizationId)
                .query((rs, n) -> new StoredPicture(rs.getString("media_type"), rs.getBytes("bytes"))).optional();
    }

    public record StoredPicture(String mediaType, byte[] bytes) {
    }

    private static Organization row(ResultSet rs, int rowNum) throws SQLException {
        String id = rs.getString(1);
        String parentId = rs.getString(3);
        String lineage = rs.getString(4);
        List<String> ancestorIds = parentId == null ? List.of()
                : Arrays.asList(lineage.substring(0, lineage.length() - id.length() - 2).split(SEPARATOR));
        Map<Product, Integer> limits = new EnumMap<>(Product.class);
        putIfSet(limits, Product.LOCATIONS, rs.getObject(10, Integer.class));
        putIfSet(limits, Product.USERS, rs.getObject(11, Integer.class));
        putIfSet(limits, Product.SSO, rs.getObject(12, Integer.class));
        return new Organization(id, rs.getString(2), rs.getString(7), rs.getString(8), parentId, ancestorIds,
                rs.getInt(5), rs.getString(6), rs.getString(9), new ProductCounts(rs.getInt(13), rs.getInt(14),
                rs.getInt(15)), new OrganizationLimits(limits),
                new Branding(rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19)),
                rs.getObject(20, OffsetDateTime.class), rs.getObject(21, OffsetDateTime.class));
    }

    private static void putIfSet(Map<Product, Integer> limits, Product product, Integer limit) {
        if (limit != null) {
            limits.put(product, limit);
        }
    }
}
