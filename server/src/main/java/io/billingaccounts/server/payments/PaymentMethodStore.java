package io.billingaccounts.server.payments;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.billingaccounts.server.store.PendingWriteStore;
import io.billingaccounts.server.stripe.CardSnapshot;

/** The mirror of the payment methods attached to billing accounts' customers. */
@Repository
class PaymentMethodStore {

    private final JdbcClient jdbc;

    PaymentMethodStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a card Stripe holds attached to the account's customer. */
    void insert(String billingAccountId, CardSnapshot card, OffsetDateTime createdAt) {
        jdbc.sql("insert into payment_method (id, billing_account_id, brand, last4, exp_month, exp_year, name,"
                        + " bank_name, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(card.id(), billingAccountId, card.brand(), card.last4(), card.expMonth(), card.expYear(),
                        card.name(), null, createdAt)
                .update();
    }

    boolean has(String billingAccountId, String id) {
        return jdbc.sql("select count(*) from payment_method where billing_account_id = ? and id = ?")
                .params(billingAccountId, id).query(Integer.class).single() > 0;
    }

    /** The account the card is mirrored on; empty when the mirror has no such card. */
    Optional<String> accountOf(String id) {
        return jdbc.sql("select billing_account_id from payment_method where id = ?").param(id).query(String.class)
                .optional();
    }

    /** Oldest first: the order they were added in; {@code defaultCard} (null: none) is the one marked default. */
    List<PaymentMethod> list(String billingAccountId, String defaultCard) {
        return jdbc.sql("select id, brand, last4, exp_month, exp_year, name, bank_name from payment_method"
                        + " where billing_account_id = ? order by created_at, id")
                .param(billingAccountId)
                .query((rs, rowNum) -> new PaymentMethod(rs.getString("id"), "card",
                        rs.getString("id").equals(defaultCard), rs.getString("brand"), rs.getString("last4"),
                        rs.getInt("exp_month"), rs.getInt("exp_year"), rs.getString("name"),
                        rs.getString("bank_name")))
                .list();
    }

    int count(String billingAccountId) {
        return jdbc.sql("select count(*) from payment_method where billing_account_id = ?").param(billingAccountId)
                .query(Integer.class).single();
    }

    /**
     * The account's cards, with the setup intents handed out since {@code openSince} and not yet seen confirmed
     * (each may become a card) and the creates of {@code resource} under way, in one statement: what the limit on
     * cards counts.
     */
    int countWithSetupsUnderWay(String billingAccountId, String resource, OffsetDateTime openSince) {
        return jdbc.sql("select (select count(*) from payment_method where billing_account_id = ?)"
                        + " + (select count(*) from setup_intent where billing_account_id = ? and created_at > ?) + "
                        + PendingWriteStore.CREATES_UNDER_WAY)
                .params(billingAccountId, billingAccountId, openSince, billingAccountId, resource)
                .query(Integer.class).single();
    }

    void delete(String id) {
        jdbc.sql("delete from payment_method where id = ?").param(id).update();
    }
}
