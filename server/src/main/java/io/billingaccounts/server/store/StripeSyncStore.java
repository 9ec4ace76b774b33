package io.billingaccounts.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class StripeSyncStore {

    private final JdbcClient jdbc;

    public StripeSyncStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String id, String accountId, OffsetDateTime now) {
        jdbc.sql("insert into stripe_sync (id, account_id, created_at) values (?, ?, ?)")
                .params(id, accountId, now).update();
    }

    public void delete(String id) {
        jdbc.sql("delete from stripe_sync where id = ?").param(id).update();
    }

    /** Markers older than {@code cutoff}, oldest first: their writes have ended, one way or another. */
    public List<StripeSyncRow> olderThan(OffsetDateTime cutoff) {
        return jdbc.sql("select * from stripe_sync where created_at < ? order by created_at").param(cutoff)
                .query(StripeSyncStore::row).list();
    }

    /** Takes the marker for this instance until {@code until}; false when another instance holds it. */
    public boolean claim(String id, OffsetDateTime now, OffsetDateTime until) {
        return jdbc.sql("""
                update stripe_sync set claimed_until = ?
                where id = ? and (claimed_until is null or claimed_until < ?)""")
                .params(until, id, now).update() == 1;
    }

    private static StripeSyncRow row(ResultSet rs, int rowNum) throws SQLException {
        return new StripeSyncRow(rs.getString("id"), rs.getString("account_id"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("claimed_until", OffsetDateTime.class));
    }
}
