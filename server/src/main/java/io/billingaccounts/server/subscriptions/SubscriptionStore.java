package io.billingaccounts.server.subscriptions;

import static io.billingaccounts.server.store.ActiveSubscriptions.ACTIVE;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.store.ActiveSubscriptions;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subscription mirror, read straight into {@link Subscription}s. {@code items} and {@code pending_items} are
 * JSON objects by product ({@code {"users": {"quantity": 25, ...}}}), {@code metadata} a JSON object;
 * {@code schedule_id} and the pending items are null while no change waits for the period's end. What other
 * features count of the mirror is {@link ActiveSubscriptions}'.
 */
@Repository
public class SubscriptionStore {

    private static final TypeReference<Map<String, Subscription.Item>> ITEMS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() { };

    private static final String COLUMNS = """
            id, billing_account_id, workspace_id, status, currency, items, metadata, current_period_start,
            current_period_end, trial_end, cancel_at_period_end, collection_paused, schedule_id, pending_items,
            pending_effective_at, created_at, updated_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SubscriptionStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** {@code createdByWrite}: the id of the create that made it (null for one taken over from Stripe). */
    public void insert(Subscription s, String createdByWrite) {
        jdbc.sql("insert into subscription (" + COLUMNS + ", created_by_write)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.billingAccountId(), s.workspaceId(), s.status(), s.currency(),
                        itemsJson(s.items()), metadataJson(s), s.currentPeriodStart(), s.currentPeriodEnd(),
                        s.trialEnd(), s.cancelAtPeriodEnd(), s.collectionPaused(), s.scheduleId(),
                        pendingItemsJson(s), pendingEffectiveAt(s), s.createdAt(), s.updatedAt(), createdByWrite)
                .update();
    }

    /** The subscription the create {@code writeId} made for {@code accountId}, if made after {@code since}. */
    Optional<Subscription> findCreatedBy(String accountId, String writeId, OffsetDateTime since) {
        return jdbc.sql("select " + COLUMNS + " from subscription"
                        + " where billing_account_id = ? and created_at > ? and created_by_write = ?")
                .params(accountId, since, writeId).query(this::subscription).optional();
    }

    /** Writers hold the subscription's turn (package writes), so nobody else changes the row meanwhile. */
    public void update(Subscription s) {
        jdbc.sql("""
                update subscription set status = ?, items = ?, metadata = ?, current_period_start = ?,
                    current_period_end = ?, trial_end = ?, cancel_at_period_end = ?, collection_paused = ?,
                    schedule_id = ?, pending_items = ?, pending_effective_at = ?, updated_at = ?
                where id = ?""")
                .params(s.status(), itemsJson(s.items()), metadataJson(s), s.currentPeriodStart(),
                        s.currentPeriodEnd(), s.trialEnd(), s.cancelAtPeriodEnd(), s.collectionPaused(),
                        s.scheduleId(), pendingItemsJson(s), pendingEffectiveAt(s), s.updatedAt(), s.id())
                .update();
    }

    Optional<Subscription> find(String billingAccountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from subscription where billing_account_id = ? and id = ?")
                .params(billingAccountId, id).query(this::subscription).optional();
    }

    Optional<Subscription> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from subscription where id = ?").param(id)
                .query(this::subscription).optional();
    }

    List<Subscription> list(String billingAccountId) {
        return jdbc.sql("select " + COLUMNS + " from subscription where billing_account_id = ?"
                        + " order by created_at, id")
                .param(billingAccountId).query(this::subscription).list();
    }

    private Subscription subscription(ResultSet rs, int rowNum) throws SQLException {
        String pendingItems = rs.getString("pending_items");
        Subscription.Pending pending = pendingItems == null ? null : new Subscription.Pending(items(pendingItems),
                rs.getObject("pending_effective_at", OffsetDateTime.class));
        return new Subscription(rs.getString("id"), rs.getString("billing_account_id"),
                rs.getString("workspace_id"), rs.getString("status"), rs.getString("currency"),
                items(rs.getString("items")), json.readValue(rs.getString("metadata"), METADATA),
                rs.getObject("current_period_start", OffsetDateTime.class),
                rs.getObject("current_period_end", OffsetDateTime.class),
                rs.getObject("trial_end", OffsetDateTime.class), rs.getBoolean("cancel_at_period_end"),
                rs.getBoolean("collection_paused"), rs.getString("schedule_id"), pending,
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    private String itemsJson(Map<Product, Subscription.Item> byProduct) {
        Map<String, Subscription.Item> items = new LinkedHashMap<>();
        byProduct.forEach((product, item) -> items.put(product.wireName(), item));
        return json.writeValueAsString(items);
    }

    private Map<Product, Subscription.Item> items(String itemsJson) {
        Map<Product, Subscription.Item> items = new EnumMap<>(Product.class);
        json.readValue(itemsJson, ITEMS).forEach((name, item) -> items.put(Product.fromWire(name), item));
        return items;
    }

    private String metadataJson(Subscription s) {
        return json.writeValueAsString(new TreeMap<>(s.metadata()));
    }

    private String pendingItemsJson(Subscription s) {
        return s.pending() == null ? null : itemsJson(s.pending().items());
    }

    private static OffsetDateTime pendingEffectiveAt(Subscription s) {
        return s.pending() == null ? null : s.pending().effectiveAt();
    }
}
