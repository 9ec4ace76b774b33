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
import io.billingaccounts.server.billing.BillingAccountStore;
import io.billingaccounts.server.catalog.Product;
import io.billingaccounts.server.problem.Problem;
import io.billingaccounts.server.problem.Violations;
import io.billingaccounts.server.workspace.BillingMode;
import io.billingaccounts.server.workspace.Workspace;
import io.billingaccounts.server.workspace.WorkspaceAccess;
import io.billingaccounts.server.workspace.WorkspaceStore;

/**
 * A workspace's organizations. Every write holds the workspace's organization lock, so creates count against the caps
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

    public List<OrganizationView> list(String caller, String workspaceId) {
        access.requireRead(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        return tree.inTreeOrder().stream().map(tree::view).toList();
    }

    public OrganizationView get(String caller, String workspaceId, String organizationId) {
        access.requireRead(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        return tree.view(find(tree, organizationId));
    }

    /** The parent; empty for a top-level organization. */
    public Optional<OrganizationView> parent(String caller, String workspaceId, String organizationId) {
        access.requireRead(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        Organization organization = find(tree, organizationId);
        return organization.parentId() == null ? Optional.empty()
                : Optional.of(tree.view(find(tree, organization.parentId())));
    }

    public List<OrganizationView> descendants(String caller, String workspaceId, String organizationId) {
        access.requireRead(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        return tree.descendantsOf(find(tree, organizationId).id()).stream().map(tree::view).toList();
    }

    public LimitReport limits(String caller, String workspaceId, String organizationId) {
        access.requireRead(caller, workspaceId);
        Workspace workspace = workspaces.find(workspaceId).orElseThrow(() -> Problem.notFound("workspace"));
        OrganizationTree tree = tree(workspaceId);
        Organization organization = find(tree, organizationId);
        return tree.limits(organization, poolOf(tree, organization, pools.of(workspace)));
    }

    /** Every organization with its limits, and every pool with its capacity and what draws on it. */
    public UsageReport usageReport(String caller, String workspaceId) {
        access.requireRead(caller, workspaceId);
        Workspace workspace = workspaces.find(workspaceId).orElseThrow(() -> Problem.notFound("workspace"));
        OrganizationTree tree = tree(workspaceId);
        Pools.WorkspacePools all = pools.of(workspace);
        List<UsageReport.Row> rows = tree.inTreeOrder().stream().map(o -> new UsageReport.Row(o.name(), o.depth(),
                o.usage(), tree.subtreeUsage(o.id()), tree.limits(o, poolOf(tree, o, all)))).toList();
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
    public OrganizationView create(String caller, String workspaceId, String parentId, NewOrganization request) {
        Workspace workspace = lockForWrite(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        Organization parent = parentId == null ? null : find(tree, parentId);
        Violations violations = new Violations();
        billingAccountViolations(workspace, parent, request.billingAccountId(), violations);
        violations.throwIfAny();
        OrganizationPicture picture = request.picture();
        requireRoom(tree, parent);

        String id = RandomIds.next("org_");
        OffsetDateTime now = Timestamps.now(clock);
        List<String> ancestorIds = new ArrayList<>();
        if (parent != null) {
            ancestorIds.addAll(parent.ancestorIds());
            ancestorIds.add(parent.id());
        }
        Organization created = new Organization(id, workspaceId, request.name(),
                request.externalId() != null ? request.externalId() : UUID.randomUUID().toString(), parentId,
                List.copyOf(ancestorIds), ancestorIds.size(),
                parent == null ? request.billingAccountId() : parent.billingAccountId(),
                picture.url(workspaceId, id), ProductCounts.ZERO, OrganizationLimits.NONE.with(request.limits()),
                request.branding().applyTo(Branding.NONE), now, now);
        organizations.insert(created);
        picture.store(organizations, id);
        return tree.with(created).view(created);
    }

    /**
     * Applies a merge patch, which comes checked against {@link OrganizationPatch#violations} with the rest of its
     * body; a picture sent as a data URI replaces the stored one.
     */
    @Transactional
    public OrganizationView update(String caller, String workspaceId, String organizationId,
                                   OrganizationPatch patch) {
        lockForWrite(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        Organization current = find(tree, organizationId);
        OrganizationPicture picture = patch.picture();

        if (patched(current, patch, picture, current.updatedAt()).equals(current) && picture == null) {
            return tree.view(current);
        }
        Organization next = patched(current, patch, picture, Timestamps.now(clock));
        organizations.update(next);
        if (picture != null) {
            picture.store(organizations, current.id());
        }
        return tree.with(next).view(next);
    }

    /** Everything but the place in the tree and the billing account, which never change. */
    private static Organization patched(Organization current, OrganizationPatch patch, OrganizationPicture picture,
                                        OffsetDateTime at) {
        return new Organization(current.id(), current.workspaceId(),
                patch.name() != null ? patch.name() : current.name(),
                patch.externalId() != null ? patch.externalId() : current.externalId(), current.parentId(),
                current.ancestorIds(), current.depth(), current.billingAccountId(),
                picture != null ? picture.url(current.workspaceId(), current.id()) : current.picture(),
                current.usage(), current.limits().with(patch.limits()), patch.branding().applyTo(current.branding()),
                current.createdAt(), at);
    }

    /** Deletes the organization and its subtree, refused while any of it reports usage. */
    @Transactional
    public void delete(String caller, String workspaceId, String organizationId) {
        lockForWrite(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        Organization organization = find(tree, organizationId);
        if (!tree.subtreeUsage(organization.id()).isZero()) {
            throw new Problem(Problem.Kind.CONFLICT, "organization_has_usage",
                    "The organization or one of its descendants has usage; report zero usage before deleting it.");
        }
        organizations.delete(organization.id());
    }

    /**
     * Sets the organization's own usage. An increase must fit, after it, within the effective capacity of the
     * organization and of each ancestor (their subtrees grow too) and within the pool's; a decrease always fits.
     */
    @Transactional
    public OrganizationView reportUsage(String caller, String workspaceId, String organizationId, ProductCounts usage) {
        Workspace workspace = lockForWrite(caller, workspaceId);
        OrganizationTree tree = tree(workspaceId);
        Organization organization = find(tree, organizationId);
        ProductCounts growth = usage.minus(organization.usage());
        Pool pool = poolOf(tree, organization, pools.of(workspace));
        for (Product product : Product.values()) {
            int more = growth.get(product);
            if (more <= 0) {
                continue;
            }
            for (Organization node : chain(tree, organization)) {
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
        Organization next = organization.withUsage(usage, Timestamps.now(clock));
        organizations.update(next);
        return tree.with(next).view(next);
    }

    public Optional<OrganizationStore.StoredPicture> picture(String caller, String workspaceId,
                                                              String organizationId) {
        access.requireRead(caller, workspaceId);
        return organizations.picture(workspaceId, organizationId);
    }

    private OrganizationTree tree(String workspaceId) {
        return new OrganizationTree(organizations.tree(workspaceId));
    }

    private static Organization find(OrganizationTree tree, String organizationId) {
        return tree.find(organizationId).orElseThrow(() -> Problem.notFound("organization"));
    }

    private Workspace lockForWrite(String caller, String workspaceId) {
        access.lockForWrite(caller, workspaceId);
        return workspaces.find(workspaceId).orElseThrow(() -> Problem.notFound("workspace"));
    }

    /** The pool the organization's top-level organization draws on. */
    private static Pool poolOf(OrganizationTree tree, Organization organization, Pools.WorkspacePools all) {
        List<Organization> ancestors = tree.ancestorsOf(organization);
        Organization top = ancestors.isEmpty() ? organization : ancestors.get(ancestors.size() - 1);
        return all.feeding(top.billingAccountId());
    }

    private static List<Organization> chain(OrganizationTree tree, Organization organization) {
        List<Organization> chain = new ArrayList<>(tree.ancestorsOf(organization));
        chain.add(0, organization);
        return chain;
    }

    private void billingAccountViolations(Workspace workspace, Organization parent, String billingAccountId,
                                          Violations violations) {
        BillingMode mode = workspace.billingMode();
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

    private static void requireRoom(OrganizationTree tree, Organization parent) {
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
}
