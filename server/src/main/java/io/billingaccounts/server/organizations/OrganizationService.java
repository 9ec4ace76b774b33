package io.billingaccounts.server.organizations;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.billingaccounts.server.basics.RandomIds;
import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.problem.Violations;
import io.billingaccounts.server.store.BillingAccountStore;
import io.billingaccounts.server.store.OrganizationRow;
import io.billingaccounts.server.store.OrganizationStore;
import io.billingaccounts.server.store.WorkspaceRow;
import io.billingaccounts.server.store.WorkspaceStore;
import io.billingaccounts.server.workspace.BillingMode;
import io.billingaccounts.server.workspace.WorkspaceAccess;

/**
 * A workspace's organizations. Every write holds the workspace's row lock, so creates count against the caps
 * and usage reports against the limits one at a time: racing requests never pass either together.
 */
@Service
public class OrganizationService {

    static final int MAX_ORGANIZATIONS = 1000;
    static final int MAX_DEPTH = 9;
    static final int MAX_CHILDREN = 100;

    private final OrganizationStore organizations;
    private final WorkspaceStore workspaces;
    private final BillingAccountStore accounts;
    private final WorkspaceAccess access;
    private final Pools pools;
    private final Clock clock;

    public OrganizationService(OrganizationStore organizations, WorkspaceStore workspaces,
                               BillingAccountStore accounts, WorkspaceAccess access, Pools pools, Clock clock) {
        this.organizations = organizations;
        this.workspaces = workspaces;
        this.accounts = accounts;
        this.access = access;
        this.pools = pools;
        this.clock = clock;
    }

    public List<Organization> list(String caller, String workspaceId) {
        access.requireRead(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        return tree.inTreeOrder().stream().map(tree::toOrganization).toList();
    }

    public Organization get(String caller, String workspaceId, String organizationId) {
        access.requireRead(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        return tree.toOrganization(find(tree, organizationId));
    }

    /** The parent; empty for a top-level organization. */
    public Optional<Organization> parent(String caller, String workspaceId, String organizationId) {
        access.requireRead(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        OrganizationRow row = find(tree, organizationId);
        return row.parentId() == null ? Optional.empty()
                : Optional.of(tree.toOrganization(find(tree, row.parentId())));
    }

    public List<Organization> descendants(String caller, String workspaceId, String organizationId) {
        access.requireRead(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        return tree.descendantsOf(find(tree, organizationId).id()).stream().map(tree::toOrganization).toList();
    }

    public LimitReport limits(String caller, String workspaceId, String organizationId) {
        access.requireRead(caller, workspaceId);
        WorkspaceRow workspace = workspaces.find(workspaceId).orElseThrow(() -> Problem.notFound("workspace"));
        OrganizationTree tree = tree(workspaceId);
        OrganizationRow row = find(tree, organizationId);
        return tree.limits(row, poolOf(tree, row, pools.of(workspace)));
    }

    /** Every organization with its limits, and every pool with its capacity and what draws on it. */
    public UsageReport usageReport(String caller, String workspaceId) {
        access.requireRead(caller, workspaceId);
        WorkspaceRow workspace = workspaces.find(workspaceId).orElseThrow(() -> Problem.notFound("workspace"));
        OrganizationTree tree = tree(workspaceId);
        Pools.WorkspacePools all = pools.of(workspace);
        List<UsageReport.Row> rows = tree.inTreeOrder().stream().map(row -> new UsageReport.Row(row.name(),
                row.depth(), OrganizationTree.usage(row), tree.subtreeUsage(row.id()),
                tree.limits(row, poolOf(tree, row, all)))).toList();
        List<UsageReport.Pool> poolRows = all.all().stream().map(pool -> new UsageReport.Pool(pool.name(),
                pool.capacity(), tree.usageOf(pool))).toList();
        return new UsageReport(workspace.name(), Timestamps.now(clock), rows, poolRows);
    }

    /**
     * A new organization under {@code parentId}, or at the top of the tree when it is null. {@code request} comes
     * checked against {@link NewOrganization#violations}, with the rest of its body; its billing account is judged
     * here, against the tree.
     */
    @Transactional
    public Organization create(String caller, String workspaceId, String parentId, NewOrganization request) {
        WorkspaceRow workspace = lockForWrite(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        OrganizationRow parent = parentId == null ? null : find(tree, parentId);
        Violations violations = new Violations();
        billingAccountViolations(workspace, parent, request.billingAccountId(), violations);
        violations.throwIfAny();
        OrganizationPicture picture = request.picture();
        requireRoom(tree, parent);

        String id = RandomIds.next("org_");
        OffsetDateTime now = Timestamps.now(clock);
        Branding branding = request.branding().applyTo(Branding.NONE);
        OrganizationLimits limits = OrganizationLimits.NONE.with(request.limits());
        OrganizationRow row = new OrganizationRow(id, workspaceId, parentId,
                (parent == null ? "" : parent.lineage()) + id + OrganizationTree.SEPARATOR,
                parent == null ? 0 : parent.depth() + 1,
                parent == null ? request.billingAccountId() : parent.billingAccountId(), request.name(),
                request.externalId() != null ? request.externalId() : UUID.randomUUID().toString(),
                picture.url(workspaceId, id), limits.of(Product.LOCATIONS), limits.of(Product.USERS),
                limits.of(Product.SSO), 0, 0, 0, branding.displayName(), branding.loginHint(), branding.primaryColor(),
                branding.pageBackgroundColor(), now, now);
        organizations.insert(row);
        picture.store(organizations, id);
        return tree.with(row).toOrganization(row);
    }

    /**
     * Applies a merge patch, which comes checked against {@link OrganizationPatch#violations} with the rest of its
     * body; a picture sent as a data URI replaces the stored one.
     */
    @Transactional
    public Organization update(String caller, String workspaceId, String organizationId, OrganizationPatch patch) {
        lockForWrite(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        OrganizationRow current = find(tree, organizationId);
        OrganizationPicture picture = patch.picture();

        OrganizationLimits limits = OrganizationTree.limitsOf(current).with(patch.limits());
        Branding branding = patch.branding().applyTo(tree.toOrganization(current).branding());
        OrganizationRow next = new OrganizationRow(current.id(), workspaceId, current.parentId(), current.lineage(),
                current.depth(), current.billingAccountId(), patch.name() != null ? patch.name() : current.name(),
                patch.externalId() != null ? patch.externalId() : current.externalId(),
                picture != null ? picture.url(workspaceId, current.id()) : current.pictureUrl(),
                limits.of(Product.LOCATIONS), limits.of(Product.USERS), limits.of(Product.SSO),
                current.usageLocations(), current.usageUsers(), current.usageSso(), branding.displayName(),
                branding.loginHint(), branding.primaryColor(), branding.pageBackgroundColor(), current.createdAt(),
                Timestamps.now(clock));
        if (next.equals(withUpdatedAt(current, next.updatedAt())) && picture == null) {
            return tree.toOrganization(current);
        }
        organizations.update(next);
        if (picture != null) {
            picture.store(organizations, current.id());
        }
        return tree.with(next).toOrganization(next);
    }

    /** Deletes the organization and its subtree, refused while any of it reports usage. */
    @Transactional
    public void delete(String caller, String workspaceId, String organizationId) {
        lockForWrite(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        OrganizationRow row = find(tree, organizationId);
        if (!tree.subtreeUsage(row.id()).isZero()) {
            throw new Problem(Problem.Kind.CONFLICT, "organization_has_usage",
                    "The organization or one of its descendants has usage; report zero usage before deleting it.");
        }
        organizations.delete(row.id());
    }

    /**
     * Sets the organization's own usage. An increase must fit, after it, within the effective capacity of the
     * organization and of each ancestor (their subtrees grow too) and within the pool's; a decrease always fits.
     */
    @Transactional
    public Organization reportUsage(String caller, String workspaceId, String organizationId, ProductCounts usage) {
        WorkspaceRow workspace = lockForWrite(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        OrganizationRow row = find(tree, organizationId);
        ProductCounts growth = usage.minus(OrganizationTree.usage(row));
        Pool pool = poolOf(tree, row, pools.of(workspace));
        for (Product product : Product.values()) {
            int more = growth.get(product);
            if (more <= 0) {
                continue;
            }
            for (OrganizationRow node : chain(tree, row)) {
                ProductLimit limit = tree.limits(node, pool).limits().get(product.ordinal());
                if (limit.used() + more > limit.total()) {
                    throw limitExceeded(product, limit.used() + more, limit.total(), describe(limit.binding()));
                }
            }
            int poolUsed = tree.usageOf(pool).get(product) + more;
            if (poolUsed > pool.capacity().get(product)) {
                throw limitExceeded(product, poolUsed, pool.capacity().get(product), describe(pool.binding()));
            }
        }
        OrganizationRow next = withUsage(row, usage, Timestamps.now(clock));
        organizations.update(next);
        return tree.with(next).toOrganization(next);
    }

    public Optional<OrganizationStore.StoredPicture> picture(String caller, String workspaceId,
                                                              String organizationId) {
        access.requireRead(caller, workspaceId);
        return organizations.picture(workspaceId, organizationId);
    }

    private OrganizationTree tree(String workspaceId) {
        return new OrganizationTree(organizations.tree(workspaceId));
    }

    private static OrganizationRow find(OrganizationTree tree, String organizationId) {
        return tree.find(organizationId).orElseThrow(() -> Problem.notFound("organization"));
    }

    private WorkspaceRow lockForWrite(String caller, String workspaceId) {
        access.lockForWrite(caller, workspaceId);
        return workspaces.find(workspaceId).orElseThrow(() -> Problem.notFound("workspace"));
    }

    /** The pool the organization's top-level organization draws on. */
    private static Pool poolOf(OrganizationTree tree, OrganizationRow row, Pools.WorkspacePools all) {
        List<OrganizationRow> ancestors = tree.ancestorsOf(row);
        OrganizationRow top = ancestors.isEmpty() ? row : ancestors.get(ancestors.size() - 1);
        return all.feeding(top.billingAccountId());
    }

    private static List<OrganizationRow> chain(OrganizationTree tree, OrganizationRow row) {
        List<OrganizationRow> chain = new ArrayList<>(tree.ancestorsOf(row));
        chain.add(0, row);
        return chain;
    }

    private void billingAccountViolations(WorkspaceRow workspace, OrganizationRow parent, String billingAccountId,
                                          Violations violations) {
        BillingMode mode = BillingMode.fromWire(workspace.billingMode());
        if (parent != null || mode == BillingMode.POOLED) {
            if (billingAccountId != null) {
                violations.add("billing_account_id", "not_allowed", parent != null
                        ? "must be null for a child organization, which draws on its parent's billing account"
                        : "must be null in pooled billing mode, where organizations draw on the workspace's pool");
            }
        } else if (billingAccountId == null) {
            violations.add("billing_account_id", "required",
                    "is required for a top-level organization in " + mode.wireName() + " billing mode");
        } else if (accounts.find(workspace.id(), billingAccountId).isEmpty()) {
            violations.add("billing_account_id", "unknown_billing_account",
                    "is not a billing account of this workspace");
        }
    }

    private static void requireRoom(OrganizationTree tree, OrganizationRow parent) {
        if (tree.size() >= MAX_ORGANIZATIONS) {
            throw new Problem(Problem.Kind.CONFLICT, "organization_limit_reached",
                    "A workspace may have at most " + MAX_ORGANIZATIONS + " organizations.");
        }
        if (parent != null && parent.depth() >= MAX_DEPTH) {
            throw new Problem(Problem.Kind.CONFLICT, "organization_depth_exceeded",
                    "An organization tree may be at most " + (MAX_DEPTH + 1) + " levels deep.");
        }
        if (parent != null && tree.childrenOf(parent.id()).size() >= MAX_CHILDREN) {
            throw new Problem(Problem.Kind.CONFLICT, "organization_children_limit_reached",
                    "An organization may have at most " + MAX_CHILDREN + " direct children.");
        }
    }

    private static Problem limitExceeded(Product product, int wouldUse, int capacity, String boundBy) {
        return new Problem(Problem.Kind.CONFLICT, "organization_limit_exceeded", product.wireName()
                + ": the usage would be " + wouldUse + " of a capacity of " + capacity + ", bound by " + boundBy + ".");
    }

    static String describe(LimitBinding binding) {
        return switch (binding.kind()) {
            case ORGANIZATION, PARENT -> "the limit of " + binding.name();
            case BILLING_ACCOUNT -> "the subscriptions of the billing account " + binding.name();
            case WORKSPACE -> "the subscriptions of the workspace " + binding.name();
        };
    }

    private static OrganizationRow withUsage(OrganizationRow row, ProductCounts usage, OffsetDateTime at) {
        return new OrganizationRow(row.id(), row.workspaceId(), row.parentId(), row.lineage(), row.depth(),
                row.billingAccountId(), row.name(), row.externalId(), row.pictureUrl(), row.limitLocations(),
                row.limitUsers(), row.limitSso(), usage.locations(), usage.users(), usage.sso(), row.displayName(),
                row.loginHint(), row.colorPrimary(), row.colorPageBackground(), row.createdAt(), at);
    }

    private static OrganizationRow withUpdatedAt(OrganizationRow row, OffsetDateTime at) {
        return new OrganizationRow(row.id(), row.workspaceId(), row.parentId(), row.lineage(), row.depth(),
                row.billingAccountId(), row.name(), row.externalId(), row.pictureUrl(), row.limitLocations(),
                row.limitUsers(), row.limitSso(), row.usageLocations(), row.usageUsers(), row.usageSso(),
                row.displayName(), row.loginHint(), row.colorPrimary(), row.colorPageBackground(), row.createdAt(), at);
    }
}
