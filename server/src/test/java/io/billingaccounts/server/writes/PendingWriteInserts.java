package io.billingaccounts.server.writes;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.api.Trigger;

/**
 * An H2 trigger on {@code pending_write} that counts the rows inserted for each object: what a write of the object
 * wrote to the database, seen by the database itself.
 */
public class PendingWriteInserts implements Trigger {

    private static final Map<String, AtomicInteger> INSERTS = new ConcurrentHashMap<>();

    static int of(String objectId) {
        AtomicInteger count = INSERTS.get(objectId);
        return count == null ? 0 : count.get();
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) {
        // The columns in table order: id, resource, object_id, ...
        INSERTS.computeIfAbsent((String) newRow[2], objectId -> new AtomicInteger()).incrementAndGet();
    }
}
