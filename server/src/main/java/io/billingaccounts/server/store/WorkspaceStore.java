package io.billingaccounts.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class WorkspaceStore {

    private final JdbcClient jdbc;

    public WorkspaceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(WorkspaceRow row) {
        jdbc.sql("""
                insert into workspace (id, name, description, billing_mode, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(row.id(), row.name(), row.description(), row.billingMode(), row.createdAt(), row.updatedAt())
                .update();
    }

    public Optional<WorkspaceRow> find(String id) {
        return jdbc.sql("select * from workspace where id = ?").param(id).query(WorkspaceStore::row).optional();
    }

    /** Locks the workspace row until the transaction ends: creates of one workspace queue here to count safely. */
    public Optional<WorkspaceRow> lock(String id) {
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

    private static WorkspaceRow row(ResultSet rs, int rowNum) throws SQLException {
        return new WorkspaceRow(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                rs.getString("billing_mode"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
