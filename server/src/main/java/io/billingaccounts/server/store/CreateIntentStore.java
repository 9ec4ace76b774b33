package io.billingaccounts.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CreateIntentStore {

    private final JdbcClient jdbc;

    public CreateIntentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(CreateIntentRow row) {
        jdbc.sql("""
                insert into create_intent (id, workspace_id, stripe_idempotency_key, abandoned, created_at)
                values (?, ?, ?, ?, ?)""")
                .params(row.id(), row.workspaceId(), row.stripeIdempotencyKey(), row.abandoned(), row.createdAt())
                .update();
    }

    /** Creates of the workspace still under way: each holds a place under the billing-mode limit. */
    public int countUnderWay(String workspaceId) {
        return jdbc.sql("select count(*) from create_intent where workspace_id = ? and abandoned = false")
                .param(workspaceId).query(Integer.class).single();
    }

    public void abandon(String id) {
        jdbc.sql("update create_intent set abandoned = true where id = ?").param(id).update();
    }

    public List<CreateIntentRow> olderThan(OffsetDateTime cutoff) {
        return jdbc.sql("""
                select id, workspace_id, stripe_idempotency_key, abandoned, created_at from create_intent
                where created_at < ? order by created_at""").param(cutoff).query(CreateIntentStore::row).list();
    }

    /** Takes the intent for this instance until {@code until}; false when another instance holds it. */
    public boolean claim(String id, OffsetDateTime now, OffsetDateTime until) {
        return jdbc.sql("""
                update create_intent set claimed_until = ?
                where id = ? and (claimed_until is null or claimed_until < ?)""")
                .params(until, id, now).update() == 1;
    }

    public boolean delete(String id) {
        return jdbc.sql("delete from create_intent where id = ?").param(id).update() == 1;
    }

    private static CreateIntentRow row(ResultSet rs, int rowNum) throws SQLException {
        return new CreateIntentRow(rs.getString("id"), rs.getString("workspace_id"),
                rs.getString("stripe_idempotency_key"), rs.getBoolean("abandoned"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
