package io.billingaccounts.server.support;

import java.sql.Connection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.api.Trigger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An H2 trigger that counts the rows written to a table by each text value they hold (an object's id, a key): what
 * the service wrote to the database, seen by the database itself.
 */
public class RowsWritten implements Trigger {

    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    private String table;

    /** Counts from now on the rows {@code events} ("insert", "insert, update") write to {@code table}. */
    public static void count(JdbcClient jdbc, String table, String events) {
        jdbc.sql("create trigger if not exists " + table + "_rows_written after " + events + " on " + table
                + " for each row call \"" + RowsWritten.class.getName() + "\"").update();
    }

    /** The rows written to {@code table} holding {@code value}. */
    public static int of(String table, String value) {
        AtomicInteger count = COUNTS.get(table + "/" + value);
        return count == null ? 0 : count.get();
    }

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type) {
        this.table = table.toLowerCase(Locale.ROOT);
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) {
        for (Object value : newRow) {
            if (value instanceof String text) {
                COUNTS.computeIfAbsent(table + "/" + text, key -> new AtomicInteger()).incrementAndGet();
            }
        }
    }
}
