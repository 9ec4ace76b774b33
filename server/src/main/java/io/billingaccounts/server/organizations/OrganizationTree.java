package io.billingaccounts.server.organizations;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.billingaccounts.server.catalog.Product;

/**
 * A workspace's organizations, read whole and walked in memory: usage sums up the tree, limits narrow down it.
 * Built from organizations parents-first, as {@code OrganizationStore.tree} reads them.
 */
final class OrganizationTree {

    private final List<Organization> parentsFirst;
    private final Map<String, Organization> byId = new HashMap<>();
    private final Map<String, List<Organization>> children = new HashMap<>();
    private final List<Organization> roots = new ArrayList<>();
    private final Map<String, ProductCounts> subtreeUsage = new HashMap<>();

    OrganizationTree(List<Organization> parentsFirst) {
        this.parentsFirst = parentsFirst;
        for (Organization organization : parentsFirst) {
            byId.put(organization.id(), organization);
            if (organization.parentId() == null) {
                roots.add(organization);
            } else {
                children.computeIfAbsent(organization.parentId(), id -> new ArrayList<>()).add(organization);
            }
        }
        for (int i = parentsFirst.size() - 1; i >= 0; i--) {
            Organization organization = parentsFirst.get(i);
            ProductCounts sum = organization.usage();
            for (Organization child : children.getOrDefault(organization.id(), List.of())) {
                sum = sum.plus(subtreeUsage.get(child.id()));
            }
            subtreeUsage.put(organization.id(), sum);
        }
    }

    /** This tree with {@code organization} added, or in place of the one of its id. */
    OrganizationTree with(Organization organization) {
        List<Organization> next = new ArrayList<>(parentsFirst.size() + 1);
        parentsFirst.forEach(existing -> next.add(existing.id().equals(organization.id()) ? organization : existing));
        if (!byId.containsKey(organization.id())) {
            next.add(organization);
        }
        return new OrganizationTree(next);
    }

    int size() {
        return byId.size();
    }

    Optional<Organization> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<Organization> childrenOf(String id) {
        return children.getOrDefault(id, List.of());
    }

    /** Every organization, each followed by its subtree; siblings oldest first. */
    List<Organization> inTreeOrder() {
        List<Organization> ordered = new ArrayList<>(byId.size());
        roots.forEach(root -> addSubtree(root, ordered));
        return ordered;
    }

    /** The organizations below {@code id}, in tree order, without itself. */
    List<Organization> descendantsOf(String id) {
        List<Organization> ordered = new ArrayList<>();
        childrenOf(id).forEach(child -> addSubtree(child, ordered));
        return ordered;
    }

    /** The ancestors of {@code organization}, nearest first. */
    List<Organization> ancestorsOf(Organization organization) {
        List<Organization> ancestors = new ArrayList<>(organization.depth());
        for (Organization at = organization; at.parentId() != null; ) {
            at = byId.get(at.parentId());
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
        for (Organization root : roots) {
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
    LimitReport limits(Organization organization, Pool pool) {
        List<Organization> ancestors = ancestorsOf(organization);
        List<ProductLimit> limits = new ArrayList<>(3);
        for (Product product : Product.values()) {
            int total = pool.capacity().get(product);
            LimitBinding binding = pool.binding();
            for (int i = ancestors.size() - 1; i >= 0; i--) {
                Integer limit = ancestors.get(i).limits().of(product);
                if (limit != null && limit <= total) {
                    total = limit;
                    binding = new LimitBinding(LimitBinding.Kind.PARENT, ancestors.get(i).name());
                }
            }
            Integer own = organization.limits().of(product);
            if (own != null && own <= total) {
                total = own;
                binding = new LimitBinding(LimitBinding.Kind.ORGANIZATION, organization.name());
            }
            limits.add(new ProductLimit(product, subtreeUsage.get(organization.id()).get(product),
                    organization.usage().get(product), own, total, binding));
        }
        return new LimitReport(organization.id(), organization.name(), limits);
    }

    OrganizationView view(Organization organization) {
        return new OrganizationView(organization, subtreeUsage.get(organization.id()));
    }

    private void addSubtree(Organization organization, List<Organization> ordered) {
        ordered.add(organization);
        childrenOf(organization.id()).forEach(child -> addSubtree(child, ordered));
    }
}
