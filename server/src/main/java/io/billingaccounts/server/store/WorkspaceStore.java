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

    private static WorkspaceRow row(ResultSet rs, int rowNum) throws SQLException {
        return new WorkspaceRow(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                rs.getString("billing_mode"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
