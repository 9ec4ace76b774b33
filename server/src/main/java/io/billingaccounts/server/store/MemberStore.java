package io.billingaccounts.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MemberStore {

    private final JdbcClient jdbc;

    public MemberStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(MemberRow row) {
        jdbc.sql("insert into member (workspace_id, user_id, role, created_at, updated_at) values (?, ?, ?, ?, ?)")
                .params(row.workspaceId(), row.userId(), row.role(), row.createdAt(), row.updatedAt())
                .update();
    }

    public Optional<MemberRow> find(String workspaceId, String userId) {
        return jdbc.sql("select * from member where workspace_id = ? and user_id = ?")
                .params(workspaceId, userId).query(MemberStore::row).optional();
    }

    public List<MemberRow> list(String workspaceId) {
        return jdbc.sql("select * from member where workspace_id = ? order by created_at, user_id")
                .param(workspaceId).query(MemberStore::row).list();
    }

    public int count(String workspaceId) {
        return jdbc.sql("select count(*) from member where workspace_id = ?").param(workspaceId)
                .query(Integer.class).single();
    }

    public int countWithRole(String workspaceId, String role) {
        return jdbc.sql("select count(*) from member where workspace_id = ? and role = ?").params(workspaceId, role)
                .query(Integer.class).single();
    }

    public void updateRole(String workspaceId, String userId, String role, OffsetDateTime updatedAt) {
        jdbc.sql("update member set role = ?, updated_at = ? where workspace_id = ? and user_id = ?")
                .params(role, updatedAt, workspaceId, userId).update();
    }

    public void delete(String workspaceId, String userId) {
        jdbc.sql("delete from member where workspace_id = ? and user_id = ?").params(workspaceId, userId).update();
    }

    private static MemberRow row(ResultSet rs, int rowNum) throws SQLException {
        return new MemberRow(rs.getString("workspace_id"), rs.getString("user_id"), rs.getString("role"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
