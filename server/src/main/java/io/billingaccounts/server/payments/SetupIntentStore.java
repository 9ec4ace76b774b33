package io.billingaccounts.server.payments;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The setup intents handed to callers and not yet seen confirmed or canceled. */
@Repository
class SetupIntentStore {

    private final JdbcClient jdbc;

    SetupIntentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Kept once: a create's retry and its recovery may both bring the intent Stripe made. */
    void insert(String id, String billingAccountId, OffsetDateTime createdAt) {
        jdbc.sql("""
                insert into setup_intent (id, billing_account_id, created_at) select ?, ?, ?
                where not exists (select 1 from setup_intent where id = ?)""")
                .params(id, billingAccountId, createdAt, id).update();
    }

    /** The account's newest open setup intents created after {@code since}, at most {@code limit}. */
    List<String> open(String billingAccountId, OffsetDateTime since, int limit) {
        return jdbc.sql("select id from setup_intent where billing_account_id = ? and created_at > ?"
                        + " order by created_at desc, id fetch first ? rows only")
                .params(billingAccountId, since, limit).query(String.class).list();
    }

    /** Forgets the account's setup intents created before {@code cutoff}: nobody is confirming them any more. */
    void dropOlderThan(String billingAccountId, OffsetDateTime cutoff) {
        jdbc.sql("delete from setup_intent where billing_account_id = ? and created_at <= ?")
                .params(billingAccountId, cutoff).update();
    }

    void delete(String id) {
        jdbc.sql("delete from setup_intent where id = ?").param(id).update();
    }
}
