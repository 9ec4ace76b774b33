package io.billingaccounts.server.organizations;

import org.springframework.stereotype.Component;

import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.workspace.Workspace;
import io.billingaccounts.server.workspace.WorkspaceStore;

/**
 * Keeps the subscriptions from buying less than the organizations use: a cancellation, decrease or removal that
 * would leave a pool below its organizations' usage of a product is refused before Stripe is asked.
 */
@Component
public class CapacityGuard {

    public static final String CANCELLATION = "cancellation_would_underprovision";
    public static final String CHANGE = "change_would_underprovision";

    private final OrganizationStore organizations;
    private final WorkspaceStore workspaces;
    private final Pools pools;

    public CapacityGuard(OrganizationStore organizations, WorkspaceStore workspaces, Pools pools) {
        this.organizations = organizations;
        this.workspaces = workspaces;
        this.pools = pools;
    }

    /**
     * Refuses with {@code code} when taking {@code lost} (per product) out of the pool that the billing account
     * feeds would leave less of a product than the organizations drawing on it use.
     */
    public void requireCapacityLeft(String workspaceId, String billingAccountId, ProductCounts lost, String code) {
        if (lost.isZero()) {
            return;
        }
        Workspace workspace = workspaces.find(workspaceId).orElseThrow(() -> Problem.notFound("workspace"));
        Pool pool = pools.of(workspace).feeding(billingAccountId);
        ProductCounts used = new OrganizationTree(organizations.tree(workspaceId)).usageOf(pool);
        for (Product product : Product.values()) {
            int left = pool.capacity().get(product) - lost.get(product);
            if (lost.get(product) > 0 && used.get(product) > left) {
                throw new Problem(Problem.Kind.CONFLICT, code, product.wireName() + ": the organizations use "
                        + used.get(product) + " and only " + Math.max(0, left)
                        + " would be left; lower their usage first.");
            }
        }
    }
}
