package io.billingaccounts.server.store;

import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The creation second of the newest Stripe event catch-up has applied, shared by every instance. */
@Repository
public class EventCheckpointStore {

    private static final int ROW = 1;

    private final JdbcClient jdbc;

    public EventCheckpointStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public OptionalLong created() {
        return jdbc.sql("select created from stripe_event_checkpoint where id = ?").param(ROW).query(Long.class)
                .optional().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** Moves the checkpoint forward to {@code created}; never back, whichever instance got there first. */
    public void advance(long created) {
        if (jdbc.sql("update stripe_event_checkpoint set created = ? where id = ? and created < ?")
                .params(created, ROW, created).update() == 0 && created().isEmpty()) {
            jdbc.sql("insert into stripe_event_checkpoint (id, created) select ?, ?"
                            + " where not exists (select 1 from stripe_event_checkpoint where id = ?)")
                    .params(ROW, created, ROW).update();
        }
    }
}
