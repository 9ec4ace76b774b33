package io.billingaccounts.server.organizations;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.billing.BillingAccountStore;
import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.store.ActiveSubscriptions;
import io.billingaccounts.server.workspace.BillingMode;
import io.billingaccounts.server.workspace.Workspace;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The capacity the workspace's subscriptions buy: per product, the quantities of the active subscriptions (status
 * {@code active}, {@code trialing}, {@code past_due} or {@code paused}), per billing account or, in pooled mode,
 * for the whole workspace.
 */
@Component
public class Pools {

    private final ActiveSubscriptions subscriptions;
    private final BillingAccountStore accounts;
    private final JsonMapper json;

    public Pools(ActiveSubscriptions subscriptions, BillingAccountStore accounts, JsonMapper json) {
        this.subscriptions = subscriptions;
        this.accounts = accounts;
        this.json = json;
    }

    /** In pooled mode the seats ({@code users}) of the workspace's pool; null in the other modes. */
    public Integer pooledSeatLimit(String workspaceId, BillingMode mode) {
        if (mode != BillingMode.POOLED) {
            return null;
        }
        return capacityByAccount(workspaceId).values().stream().mapToInt(c -> c.get(Product.USERS)).sum();
    }

    /** Every pool of the workspace: one per billing account, or the one workspace-wide pool in pooled mode. */
    WorkspacePools of(Workspace workspace) {
        Map<String, ProductCounts> byAccount = capacityByAccount(workspace.id());
        if (workspace.billingMode() == BillingMode.POOLED) {
            ProductCounts all = byAccount.values().stream().reduce(ProductCounts.ZERO, ProductCounts::plus);
            return new WorkspacePools(List.of(new Pool(null, all,
                    new LimitBinding(LimitBinding.Kind.WORKSPACE, workspace.name()))));
        }
        return new WorkspacePools(accounts.list(workspace.id()).stream().map(account -> new Pool(account.id(),
                byAccount.getOrDefault(account.id(), ProductCounts.ZERO),
                new LimitBinding(LimitBinding.Kind.BILLING_ACCOUNT, account.name()))).toList());
    }

    private Map<String, ProductCounts> capacityByAccount(String workspaceId) {
        Map<String, ProductCounts> byAccount = new HashMap<>();
        for (ActiveSubscriptions.Items subscription : subscriptions.listActiveInWorkspace(workspaceId)) {
            byAccount.merge(subscription.billingAccountId(), quantities(subscription), ProductCounts::plus);
        }
        return byAccount;
    }

    /** A mirrored subscription's quantities; its items are {@code {"users": {"quantity": 25, ...}, ...}}. */
    ProductCounts quantities(ActiveSubscriptions.Items subscription) {
        Map<Product, Integer> counts = new HashMap<>();
        JsonNode items = json.readTree(subscription.items());
        for (Product product : Product.values()) {
            JsonNode item = items.get(product.wireName());
            if (item != null) {
                counts.put(product, item.path("quantity").asInt());
            }
        }
        return ProductCounts.of(counts);
    }

    /** The pools of one workspace, and which one feeds a top-level organization. */
    record WorkspacePools(List<Pool> all) {

        Pool feeding(String billingAccountId) {
            return all.stream().filter(pool -> pool.billingAccountId() == null
                    || pool.billingAccountId().equals(billingAccountId)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no pool for " + billingAccountId));
        }
    }
}
