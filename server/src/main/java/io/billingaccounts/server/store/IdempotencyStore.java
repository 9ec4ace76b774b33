package io.billingaccounts.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class IdempotencyStore {

    private final JdbcClient jdbc;

    public IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key for a first request; false when another request holds it already. */
    public boolean claim(String caller, String key, String requestHash, OffsetDateTime now) {
        try {
            jdbc.sql("""
                    insert into idempotency_record (caller, idempotency_key, request_hash, created_at)
                    values (?, ?, ?, ?)""").params(caller, key, requestHash, now).update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** Writes a key's answered record; the key has no row yet. */
    public void insert(IdempotencyRecord answered) {
        jdbc.sql("""
                insert into idempotency_record (caller, idempotency_key, request_hash, response_status,
                    response_body, response_etag, created_at, write_id)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(answered.caller(), answered.idempotencyKey(), answered.requestHash(),
                        answered.responseStatus(), answered.responseBody(), answered.responseEtag(),
                        answered.createdAt(), answered.writeId()).update();
    }

    /** Writes a key's answered record over the row the key has. */
    public void replace(IdempotencyRecord answered) {
        jdbc.sql("""
                update idempotency_record set request_hash = ?, response_status = ?, response_body = ?,
                    response_etag = ?, created_at = ?, write_id = ?
                where caller = ? and idempotency_key = ?""")
                .params(answered.requestHash(), answered.responseStatus(), answered.responseBody(),
                        answered.responseEtag(), answered.createdAt(), answered.writeId(), answered.caller(),
                        answered.idempotencyKey())
                .update();
    }

    public Optional<IdempotencyRecord> find(String caller, String key) {
        return jdbc.sql("select * from idempotency_record where caller = ? and idempotency_key = ?")
                .params(caller, key).query(IdempotencyStore::row).optional();
    }

    public void complete(String caller, String key, int status, String body, String etag) {
        jdbc.sql("""
                update idempotency_record set response_status = ?, response_body = ?, response_etag = ?
                where caller = ? and idempotency_key = ?""")
                .params(status, body, etag, caller, key).update();
    }

    /**
     * Keeps the answer of a create that settled, with its write, in that write's transaction; false when the key
     * has no claim waiting for it.
     */
    public boolean completeSettled(String caller, String key, int status, String body, String etag,
                                   String writeId) {
        return jdbc.sql("""
                update idempotency_record set response_status = ?, response_body = ?, response_etag = ?, write_id = ?
                where caller = ? and idempotency_key = ? and response_status is null""")
                .params(status, body, etag, writeId, caller, key).update() == 1;
    }

    /**
     * Marks the key's unanswered record with the write that settled it, in that write's transaction: its answer is
     * in the mirror from now on, whatever happens to the request that asked for it.
     */
    public void markSettled(String caller, String key, String writeId) {
        jdbc.sql("""
                update idempotency_record set write_id = ?
                where caller = ? and idempotency_key = ? and response_status is null""")
                .params(writeId, caller, key).update();
    }

    /**
     * Takes over a key whose request died after its write settled (marked, unanswered): the retry runs at once and
     * is answered from the mirror. False when somebody else took it first, or it was answered meanwhile.
     */
    public boolean reclaimSettled(String caller, String key, String requestHash, OffsetDateTime now) {
        return jdbc.sql("""
                update idempotency_record set write_id = null, created_at = ?
                where caller = ? and idempotency_key = ? and request_hash = ? and write_id is not null
                    and response_status is null""")
                .params(now, caller, key, requestHash).update() == 1;
    }

    public void release(String caller, String key) {
        jdbc.sql("delete from idempotency_record where caller = ? and idempotency_key = ?").params(caller, key)
                .update();
    }

    /** Takes over a key whose first request is older than {@code staleBefore}: it expired, or its server died. */
    public boolean reclaimIfOlder(String caller, String key, OffsetDateTime staleBefore, String requestHash,
                                  OffsetDateTime now) {
        return jdbc.sql("""
                update idempotency_record set request_hash = ?, response_status = null, response_body = null,
                    response_etag = null, created_at = ?
                where caller = ? and idempotency_key = ? and created_at < ?""")
                .params(requestHash, now, caller, key, staleBefore).update() == 1;
    }

    public int deleteOlderThan(OffsetDateTime cutoff) {
        return jdbc.sql("delete from idempotency_record where created_at < ?").param(cutoff).update();
    }

    private static IdempotencyRecord row(ResultSet rs, int rowNum) throws SQLException {
        return new IdempotencyRecord(rs.getString("caller"), rs.getString("idempotency_key"),
                rs.getString("request_hash"), rs.getObject("response_status", Integer.class),
                rs.getString("response_body"), rs.getString("response_etag"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("write_id"));
    }
}
