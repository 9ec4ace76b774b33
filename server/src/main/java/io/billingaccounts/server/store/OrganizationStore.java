package io.billingaccounts.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Organizations. A workspace holds at most a thousand, so the tree is read whole, in one statement, and walked in
 * memory: subtree usage, a limit's chain of ancestors and a pool's usage all come from that one read.
 */
@Repository
public class OrganizationStore {

    /** Named once and read by position: a tree is a thousand rows, and a lookup by name costs per cell. */
    private static final String COLUMNS = """
            id, workspace_id, parent_id, lineage, depth, billing_account_id, name, external_id, picture_url,
            limit_locations, limit_users, limit_sso, usage_locations, usage_users, usage_sso, display_name, login_hint,
            color_primary, color_page_background, created_at, updated_at""";

    private final JdbcClient jdbc;

    public OrganizationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(OrganizationRow row) {
        jdbc.sql("insert into organization (" + COLUMNS + ")"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.workspaceId(), row.parentId(), row.lineage(), row.depth(),
                        row.billingAccountId(), row.name(), row.externalId(), row.pictureUrl(), row.limitLocations(),
                        row.limitUsers(), row.limitSso(), row.usageLocations(), row.usageUsers(), row.usageSso(),
                        row.displayName(), row.loginHint(), row.colorPrimary(), row.colorPageBackground(),
                        row.createdAt(), row.updatedAt())
                .update();
    }

    /** Every organization of the workspace, parents before their children. */
    public List<OrganizationRow> tree(String workspaceId) {
        return jdbc.sql("select " + COLUMNS
                        + " from organization where workspace_id = ? order by depth, created_at, id")
                .param(workspaceId).query(OrganizationStore::row).list();
    }

    public Optional<OrganizationRow> find(String workspaceId, String id) {
        return jdbc.sql("select " + COLUMNS + " from organization where workspace_id = ? and id = ?")
                .params(workspaceId, id)
                .query(OrganizationStore::row).optional();
    }

    /** Stores everything but the place in the tree and the billing account, which never change. */
    public void update(OrganizationRow row) {
        jdbc.sql("""
                update organization set name = ?, external_id = ?, picture_url = ?, limit_locations = ?,
                    limit_users = ?, limit_sso = ?, usage_locations = ?, usage_users = ?, usage_sso = ?,
                    display_name = ?, login_hint = ?, color_primary = ?, color_page_background = ?, updated_at = ?
                where id = ?""")
                .params(row.name(), row.externalId(), row.pictureUrl(), row.limitLocations(), row.limitUsers(),
                        row.limitSso(), row.usageLocations(), row.usageUsers(), row.usageSso(), row.displayName(),
                        row.loginHint(), row.colorPrimary(), row.colorPageBackground(), row.updatedAt(), row.id())
                .update();
    }

    /** Deletes the organization and its subtree (the parent key cascades). */
    public void delete(String id) {
        jdbc.sql("delete from organization where id = ?").param(id).update();
    }

    public int countDrawingOn(String billingAccountId) {
        return jdbc.sql("select count(*) from organization where billing_account_id = ?").param(billingAccountId)
                .query(Integer.class).single();
    }

    public void storePicture(String organizationId, String mediaType, byte[] bytes) {
        jdbc.sql("delete from organization_picture where organization_id = ?").param(organizationId).update();
        jdbc.sql("insert into organization_picture (organization_id, media_type, bytes) values (?, ?, ?)")
                .params(organizationId, mediaType, bytes).update();
    }

    public void deletePicture(String organizationId) {
        jdbc.sql("delete from organization_picture where organization_id = ?").param(organizationId).update();
    }

    public Optional<StoredPicture> picture(String workspaceId, String organizationId) {
        return jdbc.sql("""
                select p.media_type, p.bytes from organization_picture p join organization o on o.id = p.organization_id
                where o.workspace_id = ? and o.id = ?""")
                .params(workspaceId, organizationId)
                .query((rs, n) -> new StoredPicture(rs.getString("media_type"), rs.getBytes("bytes"))).optional();
    }

    public record StoredPicture(String mediaType, byte[] bytes) {
    }

    private static OrganizationRow row(ResultSet rs, int rowNum) throws SQLException {
        return new OrganizationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10, Integer.class),
                rs.getObject(11, Integer.class), rs.getObject(12, Integer.class), rs.getInt(13), rs.getInt(14),
                rs.getInt(15), rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                rs.getObject(20, OffsetDateTime.class), rs.getObject(21, OffsetDateTime.class));
    }
}
