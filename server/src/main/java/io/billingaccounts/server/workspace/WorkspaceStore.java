package io.billingaccounts.server.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Workspaces; rows are read straight into {@link Workspace}. */
@Repository
public class WorkspaceStore {

    private final JdbcClient jdbc;

    public WorkspaceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Workspace workspace) {
        jdbc.sql("""
                insert into workspace (id, name, description, billing_mode, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(workspace.id(), workspace.name(), workspace.description(),
                        workspace.billingMode().wireName(), workspace.createdAt(), workspace.updatedAt())
                .update();
    }

    public Optional<Workspace> find(String id) {
        return jdbc.sql("select * from workspace where id = ?").param(id).query(WorkspaceStore::row).optional();
    }

    /** The workspaces {@code userId} is a member of, archived ones too, oldest first. */
    List<Workspace> listOfMember(String userId) {
        return jdbc.sql("""
                select w.* from workspace w join member m on m.workspace_id = w.id
                where m.user_id = ? order by w.created_at, w.id""")
                .param(userId).query(WorkspaceStore::row).list();
    }

    /** Stores a new name and description; the caller holds the row's lock. */
    void update(String id, String name, String description, OffsetDateTime updatedAt) {
        jdbc.sql("update workspace set name = ?, description = ?, updated_at = ? where id = ?")
                .params(name, description, updatedAt, id).update();
    }

    /** Archives the workspace; the caller holds the row's lock and has checked it may. */
    void archive(String id, OffsetDateTime at) {
        jdbc.sql("update workspace set archived_at = ?, updated_at = ? where id = ? and archived_at is null")
                .params(at, at, id).update();
    }

    /** Locks the workspace row until the transaction ends: creates of one workspace queue here to count safely. */
    public Optional<Workspace> lock(String id) {
        return jdbc.sql("select * from workspace where id = ? for update").param(id).query(WorkspaceStore::row)
                .optional();
    }

    /** When the workspace's first subscription was created; empty while it has had none. */
    public Optional<OffsetDateTime> firstSubscribedAt(String id) {
        return jdbc.sql("select first_subscribed_at from workspace where id = ?").param(id)
                .query((rs, rowNum) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))).optional()
                .flatMap(at -> at);
    }

    /** Notes the workspace's first subscription; later ones change nothing. */
    public void markSubscribed(String id, OffsetDateTime at) {
        jdbc.sql("update workspace set first_subscribed_at = ? where id = ? and first_subscribed_at is null")
                .params(at, id).update();
    }

    private static Workspace row(ResultSet rs, int rowNum) throws SQLException {
        return new Workspace(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                BillingMode.fromWire(rs.getString("billing_mode")), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("archived_at", OffsetDateTime.class));
    }
}
