package io.billingaccounts.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SubscriptionStore {

    /** Stripe's statuses in which a subscription still bills or may bill again: what limits and delete rules count. */
    public static final String ACTIVE = "('active', 'trialing', 'past_due', 'paused')";

    private static final String COLUMNS = """
            id, billing_account_id, workspace_id, status, currency, items, metadata, current_period_start,
            current_period_end, trial_end, cancel_at_period_end, collection_paused, schedule_id, pending_items,
            pending_effective_at, created_at, updated_at""";

    private final JdbcClient jdbc;

    public SubscriptionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code createdByWrite}: the id of the create that made it (null for one taken over from Stripe). */
    public void insert(SubscriptionRow row, String createdByWrite) {
        jdbc.sql("insert into subscription (" + COLUMNS + ", created_by_write)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.billingAccountId(), row.workspaceId(), row.status(), row.currency(),
                        row.items(), row.metadata(), row.currentPeriodStart(), row.currentPeriodEnd(),
                        row.trialEnd(), row.cancelAtPeriodEnd(), row.collectionPaused(), row.scheduleId(),
                        row.pendingItems(), row.pendingEffectiveAt(), row.createdAt(), row.updatedAt(),
                        createdByWrite)
                .update();
    }

    /** The subscription the create {@code writeId} made, if made after {@code since}. */
    public Optional<SubscriptionRow> findCreatedBy(String writeId, OffsetDateTime since) {
        return jdbc.sql("select " + COLUMNS + " from subscription where created_by_write = ? and created_at > ?")
                .params(writeId, since).query(SubscriptionStore::row).optional();
    }

    /** Writers hold the subscription's turn (package writes), so nobody else changes the row meanwhile. */
    public void update(SubscriptionRow row) {
        jdbc.sql("""
                update subscription set status = ?, items = ?, metadata = ?, current_period_start = ?,
                    current_period_end = ?, trial_end = ?, cancel_at_period_end = ?, collection_paused = ?,
                    schedule_id = ?, pending_items = ?, pending_effective_at = ?, updated_at = ?
                where id = ?""")
                .params(row.status(), row.items(), row.metadata(), row.currentPeriodStart(),
                        row.currentPeriodEnd(), row.trialEnd(), row.cancelAtPeriodEnd(), row.collectionPaused(),
                        row.scheduleId(), row.pendingItems(), row.pendingEffectiveAt(), row.updatedAt(), row.id())
                .update();
    }

    public Optional<SubscriptionRow> find(String billingAccountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from subscription where billing_account_id = ? and id = ?")
                .params(billingAccountId, id).query(SubscriptionStore::row).optional();
    }

    public Optional<SubscriptionRow> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from subscription where id = ?").param(id)
                .query(SubscriptionStore::row).optional();
    }

    public List<SubscriptionRow> list(String billingAccountId) {
        return jdbc.sql("select " + COLUMNS + " from subscription where billing_account_id = ?"
                        + " order by created_at, id")
                .param(billingAccountId).query(SubscriptionStore::row).list();
    }

    /** The active subscriptions of every billing account of the workspace: the capacity its organizations draw on. */
    public List<SubscriptionRow> listActiveInWorkspace(String workspaceId) {
        return jdbc.sql("select " + COLUMNS + " from subscription where workspace_id = ? and status in " + ACTIVE)
                .param(workspaceId).query(SubscriptionStore::row).list();
    }

    public int countActive(String billingAccountId) {
        return jdbc.sql("select count(*) from subscription where billing_account_id = ? and status in " + ACTIVE)
                .param(billingAccountId).query(Integer.class).single();
    }

    /** The account's active subscriptions and creates of them under way, in one statement: one snapshot of both. */
    public int countActiveWithCreatesUnderWay(String billingAccountId, String resource) {
        return jdbc.sql("select (select count(*) from subscription where billing_account_id = ? and status in "
                        + ACTIVE + ") + " + PendingWriteStore.CREATES_UNDER_WAY)
                .params(billingAccountId, billingAccountId, resource).query(Integer.class).single();
    }

    /**
     * The workspace's active subscriptions, in all its billing accounts, with the creates of them under way, in one
     * statement: what keeps a workspace from being archived.
     */
    public int countActiveInWorkspaceWithCreatesUnderWay(String workspaceId, String resource) {
        return jdbc.sql("select (select count(*) from subscription where workspace_id = ? and status in " + ACTIVE
                        + ") + " + PendingWriteStore.createsUnderWayIn(
                                "select id from billing_account where workspace_id = ?"))
                .params(workspaceId, workspaceId, resource).query(Integer.class).single();
    }

    private static SubscriptionRow row(ResultSet rs, int rowNum) throws SQLException {
        return new SubscriptionRow(rs.getString("id"), rs.getString("billing_account_id"),
                rs.getString("workspace_id"), rs.getString("status"), rs.getString("currency"),
                rs.getString("items"), rs.getString("metadata"),
                rs.getObject("current_period_start", OffsetDateTime.class),
                rs.getObject("current_period_end", OffsetDateTime.class),
                rs.getObject("trial_end", OffsetDateTime.class), rs.getBoolean("cancel_at_period_end"),
                rs.getBoolean("collection_paused"), rs.getString("schedule_id"), rs.getString("pending_items"),
                rs.getObject("pending_effective_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
