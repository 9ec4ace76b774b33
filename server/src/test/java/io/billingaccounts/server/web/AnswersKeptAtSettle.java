package io.billingaccounts.server.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.h2.api.Trigger;

/**
 * An H2 trigger on {@code idempotency_record} that notes, for each key whose answer is written, whether the write
 * that answer names was still under way in the writing transaction: its row in {@code pending_write}, which the
 * transaction that settles it deletes, was there.
 */
public class AnswersKeptAtSettle implements Trigger {

    private static final Map<String, Boolean> KEPT_AT_SETTLE = new ConcurrentHashMap<>();

    static boolean keptAtSettle(String key) {
        return KEPT_AT_SETTLE.getOrDefault(key, false);
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        // The columns in table order: caller, idempotency_key, request_hash, response_status, response_body,
        // response_etag, created_at, write_id.
        String writeId = (String) newRow[7];
        boolean underWay = false;
        if (writeId != null) {
            try (PreparedStatement query = connection.prepareStatement(
                    "select count(*) from pending_write where id = ?")) {
                query.setString(1, writeId);
                try (ResultSet rows = query.executeQuery()) {
                    underWay = rows.next() && rows.getInt(1) == 1;
                }
            }
        }
        KEPT_AT_SETTLE.put((String) newRow[1], underWay);
    }
}
