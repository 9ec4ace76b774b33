package io.billingaccounts.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The mirror of the payment methods attached to billing accounts' customers. */
@Repository
public class PaymentMethodStore {

    private static final String COLUMNS =
            "id, billing_account_id, brand, last4, exp_month, exp_year, name, bank_name, created_at";

    private final JdbcClient jdbc;

    public PaymentMethodStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(PaymentMethodRow row) {
        jdbc.sql("insert into payment_method (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.billingAccountId(), row.brand(), row.last4(), row.expMonth(), row.expYear(),
                        row.name(), row.bankName(), row.createdAt())
                .update();
    }

    public Optional<PaymentMethodRow> find(String billingAccountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from payment_method where billing_account_id = ? and id = ?")
                .params(billingAccountId, id).query(PaymentMethodStore::row).optional();
    }

    public Optional<PaymentMethodRow> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from payment_method where id = ?").param(id)
                .query(PaymentMethodStore::row).optional();
    }

    /** Oldest first: the order they were added in. */
    public List<PaymentMethodRow> list(String billingAccountId) {
        return jdbc.sql("select " + COLUMNS + " from payment_method where billing_account_id = ?"
                        + " order by created_at, id")
                .param(billingAccountId).query(PaymentMethodStore::row).list();
    }

    public int count(String billingAccountId) {
        return jdbc.sql("select count(*) from payment_method where billing_account_id = ?").param(billingAccountId)
                .query(Integer.class).single();
    }

    /** The account's payment methods and creates of setup intents under way, in one statement: one snapshot. */
    /**
     * The account's cards, with the setup intents handed out since {@code openSince} and not yet seen confirmed
     * (each may become a card) and the creates of {@code resource} under way: what the limit on cards counts.
     */
    public int countWithSetupsUnderWay(String billingAccountId, String resource, OffsetDateTime openSince) {
        return jdbc.sql("select (select count(*) from payment_method where billing_account_id = ?)"
                        + " + (select count(*) from setup_intent where billing_account_id = ? and created_at > ?) + "
                        + PendingWriteStore.CREATES_UNDER_WAY)
                .params(billingAccountId, billingAccountId, openSince, billingAccountId, resource)
                .query(Integer.class).single();
    }

    public void delete(String id) {
        jdbc.sql("delete from payment_method where id = ?").param(id).update();
    }

    private static PaymentMethodRow row(ResultSet rs, int rowNum) throws SQLException {
        return new PaymentMethodRow(rs.getString("id"), rs.getString("billing_account_id"), rs.getString("brand"),
                rs.getString("last4"), rs.getInt("exp_month"), rs.getInt("exp_year"), rs.getString("name"),
                rs.getString("bank_name"), rs.getObject("created_at", OffsetDateTime.class));
    }
}
