package io.billingaccounts.server.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The members of workspaces; rows are read straight into {@link Member}. */
@Repository
class MemberStore {

    private final JdbcClient jdbc;

    MemberStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Member member) {
        jdbc.sql("insert into member (workspace_id, user_id, role, created_at, updated_at) values (?, ?, ?, ?, ?)")
                .params(member.workspaceId(), member.userId(), member.role().wireName(), member.createdAt(),
                        member.updatedAt())
                .update();
    }

    Optional<Member> find(String workspaceId, String userId) {
        return jdbc.sql("select * from member where workspace_id = ? and user_id = ?")
                .params(workspaceId, userId).query(MemberStore::row).optional();
    }

    List<Member> list(String workspaceId) {
        return jdbc.sql("select * from member where workspace_id = ? order by created_at, user_id")
                .param(workspaceId).query(MemberStore::row).list();
    }

    int count(String workspaceId) {
        return jdbc.sql("select count(*) from member where workspace_id = ?").param(workspaceId)
                .query(Integer.class).single();
    }

    int countWithRole(String workspaceId, Role role) {
        return jdbc.sql("select count(*) from member where workspace_id = ? and role = ?")
                .params(workspaceId, role.wireName())
                .query(Integer.class).single();
    }

    void updateRole(String workspaceId, String userId, Role role, OffsetDateTime updatedAt) {
        jdbc.sql("update member set role = ?, updated_at = ? where workspace_id = ? and user_id = ?")
                .params(role.wireName(), updatedAt, workspaceId, userId).update();
    }

    void delete(String workspaceId, String userId) {
        jdbc.sql("delete from member where workspace_id = ? and user_id = ?").params(workspaceId, userId).update();
    }

    private static Member row(ResultSet rs, int rowNum) throws SQLException {
        return new Member(rs.getString("user_id"), rs.getString("workspace_id"), Role.fromWire(rs.getString("role")),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
