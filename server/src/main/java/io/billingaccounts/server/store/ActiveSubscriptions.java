package io.billingaccounts.server.store;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the features count of the subscription mirror: an account's active subscriptions (a default card stays), an
 * account's or a workspace's with the creates under way (a subscription create's limit; an account's delete and a
 * workspace's archive wait), the capacity they buy (organizations' pools). It is here, below the features, because
 * those features are themselves asked by the subscriptions package (cards, the workspace's access, capacity):
 * reading it there would make a package cycle. Each count is one statement, taken holding the workspace's row lock
 * that every subscription create takes to reserve its place: a create under way is counted, never missed. The mirror itself, with the
 * subscriptions' own reads and writes, is the subscriptions package's {@code SubscriptionStore}.
 */
@Repository
public class ActiveSubscriptions {

    /** Stripe's statuses in which a subscription still bills or may bill again: what limits and delete rules count. */
    public static final String ACTIVE = "('active', 'trialing', 'past_due', 'paused')";

    private final JdbcClient jdbc;

    public ActiveSubscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An active subscription's billing account and items: a JSON object by product,
     * {@code {"users": {"quantity": 25, ...}, ...}}.
     */
    public record Items(String billingAccountId, String items) {
    }

    /** The active subscriptions of every billing account of the workspace: the capacity its organizations draw on. */
    public List<Items> listActiveInWorkspace(String workspaceId) {
        return jdbc.sql("select billing_account_id, items from subscription where workspace_id = ? and status in "
                        + ACTIVE)
                .param(workspaceId).query((rs, rowNum) -> new Items(rs.getString("billing_account_id"),
                        rs.getString("items"))).list();
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
}
