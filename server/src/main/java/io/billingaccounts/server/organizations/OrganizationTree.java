package io.billingaccounts.server.organizations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.store.OrganizationRow;

/**
 * A workspace's organizations, read whole and walked in memory: usage sums up the tree, limits narrow down it.
 * Built from rows parents-first, as {@code OrganizationStore.tree} reads them.
 */
final class OrganizationTree {

    static final String SEPARATOR = "#";

    private final List<OrganizationRow> parentsFirst;
    private final Map<String, OrganizationRow> rows = new HashMap<>();
    private final Map<String, List<OrganizationRow>> children = new HashMap<>();
    private final List<OrganizationRow> roots = new ArrayList<>();
    private final Map<String, ProductCounts> subtreeUsage = new HashMap<>();

    OrganizationTree(List<OrganizationRow> parentsFirst) {
        this.parentsFirst = parentsFirst;
        for (OrganizationRow row : parentsFirst) {
            rows.put(row.id(), row);
            if (row.parentId() == null) {
                roots.add(row);
            } else {
                children.computeIfAbsent(row.parentId(), id -> new ArrayList<>()).add(row);
            }
        }
        for (int i = parentsFirst.size() - 1; i >= 0; i--) {
            OrganizationRow row = parentsFirst.get(i);
            ProductCounts sum = usage(row);
            for (OrganizationRow child : children.getOrDefault(row.id(), List.of())) {
                sum = sum.plus(subtreeUsage.get(child.id()));
            }
            subtreeUsage.put(row.id(), sum);
        }
    }

    /** This tree with {@code row} added, or in place of the row of its id. */
    OrganizationTree with(OrganizationRow row) {
        List<OrganizationRow> next = new ArrayList<>(parentsFirst.size() + 1);
        parentsFirst.forEach(existing -> next.add(existing.id().equals(row.id()) ? row : existing));
        if (!rows.containsKey(row.id())) {
            next.add(row);
        }
        return new OrganizationTree(next);
    }

    int size() {
        return rows.size();
    }

    Optional<OrganizationRow> find(String id) {
        return Optional.ofNullable(rows.get(id));
    }

    List<OrganizationRow> childrenOf(String id) {
        return children.getOrDefault(id, List.of());
    }

    /** Every organization, each followed by its subtree; siblings oldest first. */
    List<OrganizationRow> inTreeOrder() {
        List<OrganizationRow> ordered = new ArrayList<>(rows.size());
        roots.forEach(root -> addSubtree(root, ordered));
        return ordered;
    }

    /** The organizations below {@code id}, in tree order, without itself. */
    List<OrganizationRow> descendantsOf(String id) {
        List<OrganizationRow> ordered = new ArrayList<>();
        childrenOf(id).forEach(child -> addSubtree(child, ordered));
        return ordered;
    }

    /** The ancestors of {@code row}, nearest first. */
    List<OrganizationRow> ancestorsOf(OrganizationRow row) {
        List<OrganizationRow> ancestors = new ArrayList<>(row.depth());
        for (OrganizationRow at = row; at.parentId() != null; ) {
            at = rows.get(at.parentId());
            ancestors.add(at);
        }
        return ancestors;
    }

    ProductCounts subtreeUsage(String id) {
        return subtreeUsage.get(id);
    }

    /** The usage of every organization that draws on {@code pool}: the sum of its top-level ones' subtrees. */
    ProductCounts usageOf(Pool pool) {
        ProductCounts sum = ProductCounts.ZERO;
        for (OrganizationRow root : roots) {
            if (pool.feeds(root)) {
                sum = sum.plus(subtreeUsage.get(root.id()));
            }
        }
        return sum;
    }

    /**
     * The organization's limits: its effective capacity per product is the least of its own limit, its
     * ancestors' and its pool's; on a tie the nearest binds, as that is the one to change.
     */
    LimitReport limits(OrganizationRow row, Pool pool) {
        List<OrganizationRow> ancestors = ancestorsOf(row);
        List<ProductLimit> limits = new ArrayList<>(3);
        for (Product product : Product.values()) {
            int total = pool.capacity().get(product);
            LimitBinding binding = pool.binding();
            for (int i = ancestors.size() - 1; i >= 0; i--) {
                Integer limit = limitOf(ancestors.get(i), product);
                if (limit != null && limit <= total) {
                    total = limit;
                    binding = new LimitBinding(LimitBinding.Kind.PARENT, ancestors.get(i).name());
                }
            }
            Integer own = limitOf(row, product);
            if (own != null && own <= total) {
                total = own;
                binding = new LimitBinding(LimitBinding.Kind.ORGANIZATION, row.name());
            }
            limits.add(new ProductLimit(product, subtreeUsage.get(row.id()).get(product), usage(row).get(product),
                    own, total, binding));
        }
        return new LimitReport(row.id(), row.name(), limits);
    }

    Organization toOrganization(OrganizationRow row) {
        List<String> ancestorIds = row.parentId() == null ? List.of()
                : Arrays.asList(row.lineage().substring(0, row.lineage().length() - row.id().length() - 2)
                        .split(SEPARATOR));
        return new Organization(row.id(), row.workspaceId(), row.name(), row.externalId(), row.parentId(),
                ancestorIds, row.depth(), row.billingAccountId(), row.pictureUrl(), usage(row),
                subtreeUsage.get(row.id()), limitsOf(row),
                new Branding(row.displayName(), row.loginHint(), row.colorPrimary(), row.colorPageBackground()),
                row.createdAt(), row.updatedAt());
    }

    static ProductCounts usage(OrganizationRow row) {
        return new ProductCounts(row.usageLocations(), row.usageUsers(), row.usageSso());
    }

    static OrganizationLimits limitsOf(OrganizationRow row) {
        Map<Product, Integer> limits = new EnumMap<>(Product.class);
        for (Product product : Product.values()) {
            Integer limit = limitOf(row, product);
            if (limit != null) {
                limits.put(product, limit);
            }
        }
        return new OrganizationLimits(limits);
    }

    static Integer limitOf(OrganizationRow row, Product product) {
        return switch (product) {
            case LOCATIONS -> row.limitLocations();
            case USERS -> row.limitUsers();
            case SSO -> row.limitSso();
        };
    }

    private void addSubtree(OrganizationRow row, List<OrganizationRow> ordered) {
        ordered.add(row);
        childrenOf(row.id()).forEach(child -> addSubtree(child, ordered));
    }
}
