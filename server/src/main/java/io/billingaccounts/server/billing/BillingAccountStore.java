package io.billingaccounts.server.billing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.billingaccounts.server.store.PendingWriteStore;

/** Billing accounts, each the mirror of its Stripe customer; rows are read straight into {@link BillingAccount}. */
@Repository
public class BillingAccountStore {

    private final JdbcClient jdbc;

    public BillingAccountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code createdByWrite}: the id of the create that made it, which a retry of that create asks for. */
    void insert(BillingAccount account, String createdByWrite) {
        Address address = account.address();
        jdbc.sql("""
                insert into billing_account (id, workspace_id, name, email, phone, description, currency,
                    address_country, address_line1, address_line2, address_city, address_state, address_postal_code,
                    version, created_at, updated_at, created_by_write)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(account.id(), account.workspaceId(), account.name(), account.email(), account.phone(),
                        account.description(), account.currency(), address.country(), address.line1(),
                        address.line2(), address.city(), address.state(), address.postalCode(), account.version(),
                        account.createdAt(), account.updatedAt(), createdByWrite)
                .update();
    }

    /** The account the create {@code writeId} made in {@code workspaceId}, if made after {@code since}. */
    Optional<BillingAccount> findCreatedBy(String workspaceId, String writeId, OffsetDateTime since) {
        return jdbc.sql(SELECT + " where workspace_id = ? and created_at > ? and created_by_write = ?")
                .params(workspaceId, since, writeId).query(BillingAccountStore::row).optional();
    }

    public Optional<BillingAccount> find(String workspaceId, String id) {
        return jdbc.sql(SELECT + " where workspace_id = ? and id = ?").params(workspaceId, id)
                .query(BillingAccountStore::row).optional();
    }

    public List<BillingAccount> list(String workspaceId) {
        return jdbc.sql(SELECT + " where workspace_id = ? order by created_at, id").param(workspaceId)
                .query(BillingAccountStore::row).list();
    }

    /** The workspace's accounts and creates of them under way, in one statement: one snapshot of both. */
    public int countWithCreatesUnderWay(String workspaceId, String resource) {
        return jdbc.sql("select (select count(*) from billing_account where workspace_id = ?) + "
                        + PendingWriteStore.CREATES_UNDER_WAY)
                .params(workspaceId, workspaceId, resource).query(Integer.class).single();
    }

    /** The organizations drawing on the account, each of which keeps it from being deleted. */
    int countOrganizationsDrawingOn(String id) {
        return jdbc.sql("select count(*) from organization where billing_account_id = ?").param(id)
                .query(Integer.class).single();
    }

    /**
     * Locks the account's row until the transaction ends, for counting what may be created below it; empty when
     * there is no such account.
     */
    public Optional<String> lock(String id) {
        return jdbc.sql("select id from billing_account where id = ? for update").param(id).query(String.class)
                .optional();
    }

    /** The card Stripe charges by default, as last written through the account's turn; empty when none. */
    public Optional<String> defaultPaymentMethod(String id) {
        return jdbc.sql("select default_payment_method from billing_account where id = ?").param(id)
                .query(String.class).optional();
    }

    /** Sets or (with null) clears it; the account's version is not the card's business. */
    public void setDefaultPaymentMethod(String id, String paymentMethodId) {
        jdbc.sql("update billing_account set default_payment_method = ? where id = ?").params(paymentMethodId, id)
                .update();
    }

    /** Clears the default card if it is {@code paymentMethodId}: what Stripe does when that card is detached. */
    public void clearDefaultPaymentMethod(String id, String paymentMethodId) {
        jdbc.sql("update billing_account set default_payment_method = null where id = ? and default_payment_method = ?")
                .params(id, paymentMethodId).update();
    }

    /** Writers hold the account's turn (package writes), so nobody else changes the row meanwhile. */
    void update(BillingAccount account) {
        Address address = account.address();
        jdbc.sql("""
                update billing_account set name = ?, email = ?, phone = ?, description = ?,
                    address_country = ?, address_line1 = ?, address_line2 = ?, address_city = ?, address_state = ?,
                    address_postal_code = ?, version = ?, updated_at = ?
                where id = ?""")
                .params(account.name(), account.email(), account.phone(), account.description(),
                        address.country(), address.line1(), address.line2(), address.city(), address.state(),
                        address.postalCode(), account.version(), account.updatedAt(), account.id())
                .update();
    }

    public Optional<BillingAccount> findById(String id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(BillingAccountStore::row).optional();
    }

    void delete(String id) {
        jdbc.sql("delete from billing_account where id = ?").param(id).update();
    }

    private static final String SELECT = """
            select id, workspace_id, name, email, phone, description, currency,
                address_country as country, address_line1 as line1, address_line2 as line2, address_city as city,
                address_state as state, address_postal_code as postal_code, version, created_at, updated_at
            from billing_account""";

    private static BillingAccount row(ResultSet rs, int rowNum) throws SQLException {
        Address address = new Address(rs.getString("country"), rs.getString("line1"), rs.getString("line2"),
                rs.getString("city"), rs.getString("state"), rs.getString("postal_code"));
        return new BillingAccount(rs.getString("id"), rs.getString("workspace_id"), rs.getString("name"),
                rs.getString("email"), rs.getString("phone"), rs.getString("description"), rs.getString("currency"),
                address, rs.getLong("version"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
