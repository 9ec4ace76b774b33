package io.billingaccounts.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PendingWriteStore {

    private static final String COLUMNS =
            "id, resource, object_id, kind, scope_id, abandoned, holder, created_at, expires_at, stripe_request, context,"
                    + " idempotency_caller, idempotency_key";

    private final JdbcClient jdbc;

    public PendingWriteStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the object's turn; false when another write of the object holds it. */
    public boolean insertIfFree(PendingWriteRow row) {
        try {
            insert(row, "");
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /**
     * Takes the object's turn as {@link #insertIfFree} does, on PostgreSQL and in the caller's transaction, whose
     * commit then does not wait for the row to reach the disk ({@code synchronous_commit} off for it alone): every
     * instance sees the row at once, and a write of an existing object needs no row that a crash of the database
     * lost, since Stripe's event of what it changed brings the mirror in line (catch-up).
     */
    public boolean insertUnflushedIfFree(PendingWriteRow row) {
        jdbc.sql("select set_config('synchronous_commit', 'off', true)").query().singleValue();
        // A collision must not abort the transaction (PostgreSQL gives up on it after a failed statement).
        return insert(row, " on conflict do nothing") == 1;
    }

    private int insert(PendingWriteRow row, String onConflict) {
        return jdbc.sql("insert into pending_write (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + onConflict)
                .params(row.id(), row.resource(), row.objectId(), row.kind(), row.scopeId(), row.abandoned(),
                        row.holder(), row.createdAt(), row.expiresAt(), row.stripeRequest(), row.context(),
                        row.idempotencyCaller(), row.idempotencyKey())
                .update();
    }

    public long count() {
        return jdbc.sql("select count(*) from pending_write").query(Long.class).single();
    }

    public Optional<PendingWriteRow> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from pending_write where id = ?").param(id)
                .query(PendingWriteStore::row).optional();
    }

    /** The objects whose turn a row holds now. */
    public List<String> objectIds() {
        return jdbc.sql("select object_id from pending_write").query(String.class).list();
    }

    public Optional<PendingWriteRow> findByObject(String objectId) {
        return jdbc.sql("select " + COLUMNS + " from pending_write where object_id = ?").param(objectId)
                .query(PendingWriteStore::row).optional();
    }

    /**
     * Counts the creates of {@code resource} still under way in a scope, each holding a place under the scope's
     * limit; parameters: scope id, resource. A query counting places adds it in the same statement as the
     * objects such creates become, so that one settling meanwhile is counted once, never missed.
     */
    public static final String CREATES_UNDER_WAY = createsUnderWayWhereScope("= ?");

    /**
     * {@link #CREATES_UNDER_WAY} over every scope {@code scopes} selects (the billing accounts of a workspace);
     * parameters: those of {@code scopes}, then resource.
     */
    public static String createsUnderWayIn(String scopes) {
        return createsUnderWayWhereScope("in (" + scopes + ")");
    }

    private static String createsUnderWayWhereScope(String scope) {
        return "(select count(*) from pending_write where scope_id " + scope
                + " and resource = ? and kind = 'create' and abandoned = false)";
    }

    /** Writes whose holder stopped working on them, oldest first. */
    public List<PendingWriteRow> expired(OffsetDateTime now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from pending_write where expires_at < ? order by expires_at"
                        + " fetch first ? rows only")
                .params(now, limit).query(PendingWriteStore::row).list();
    }

    /** Hands the write to recovery at once: its holder gave up, and it holds no place in any limit now. */
    public void giveUp(String id, String holder, OffsetDateTime now) {
        jdbc.sql("update pending_write set abandoned = true, expires_at = ? where id = ? and holder = ?")
                .params(now, id, holder).update();
    }

    /** Takes over an expired write for {@code until}; false when somebody else took it first. */
    public boolean takeOver(PendingWriteRow row, String newHolder, OffsetDateTime now, OffsetDateTime until) {
        return jdbc.sql("""
                update pending_write set holder = ?, expires_at = ?
                where id = ? and holder = ? and expires_at < ?""")
                .params(newHolder, until, row.id(), row.holder(), now).update() == 1;
    }

    /** Ends the write; false when its holder lost it to recovery meanwhile. */
    public boolean delete(String id, String holder) {
        return jdbc.sql("delete from pending_write where id = ? and holder = ?").params(id, holder).update() == 1;
    }

    private static PendingWriteRow row(ResultSet rs, int rowNum) throws SQLException {
        return new PendingWriteRow(rs.getString("id"), rs.getString("resource"), rs.getString("object_id"),
                rs.getString("kind"), rs.getString("scope_id"), rs.getBoolean("abandoned"),
                rs.getString("holder"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("expires_at", OffsetDateTime.class), rs.getString("stripe_request"),
                rs.getString("context"), rs.getString("idempotency_caller"), rs.getString("idempotency_key"));
    }
}
