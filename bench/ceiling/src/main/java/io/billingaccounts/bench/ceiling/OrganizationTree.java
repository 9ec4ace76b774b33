package io.billingaccounts.bench.ceiling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The essential work of the service's limits GET, and nothing more: one indexed statement reading a workspace's whole
 * organization tree (the service's statement, on the service's table and index, selecting only the columns limits
 * need), from H2 with the service's settings through a Hikari pool, then the walk up the tree and the answer. The
 * tree is the one bench/run seeds into the service: {@link #ROOTS} top-level organizations, {@link #PER_LEVEL} at
 * each depth below down to depth 9, each level's spread over the one above; users limited to 80 at the top and
 * locations to 20 at depth 5, drawing on a pool of 50 locations and 100 users. In memory rather than in a file: a
 * read of 1,000 rows comes from H2's page cache either way, and the ceiling has no data directory.
 * <p>
 * Made at the first request (this class's initialisation), so that the ceiling's start-up and the figures of the
 * other rows stay the framework's alone.
 */
final class OrganizationTree {

    static final String WORKSPACE = "ws_a1b2c3d4e5f6g7h8";
    /** The spec's example id, so that the ceiling and Prism answer the same path. */
    static final String DEEPEST = "org_Q7rT2mX9pL4vN8kB";
    static final int ROOTS = 10;
    static final int PER_LEVEL = 110;
    static final int DEPTHS = 10;

    private static final String[] PRODUCTS = {"locations", "users", "sso"};
    private static final int[] POOL = {50, 100, 0};
    /** The name bench/run gives the one workspace it seeds, so that both answers are the same size. */
    private static final String WORKSPACE_NAME = "Bench 1";

    /** The service's OrganizationLimitReport. */
    public record LimitContext(String type, String name) {
    }

    public record ProductLimit(String type, int used, int direct, int free, Integer org_limit, Integer total,
                               LimitContext context) {
    }

    public record LimitReport(String organization_id, String organization_name, List<ProductLimit> limits,
                              LimitContext context) {
    }

    private record Row(String id, String parentId, String name, Integer[] limits, int[] usage) {
    }

    private static final HikariDataSource DB = seeded();

    private OrganizationTree() {
    }

    static Optional<LimitReport> limits(String workspaceId, String organizationId) throws SQLException {
        List<Row> parentsFirst = new ArrayList<>(ROOTS + PER_LEVEL * (DEPTHS - 1));
        try (Connection c = DB.getConnection(); PreparedStatement read = c.prepareStatement("""
                select id, parent_id, name, limit_locations, limit_users, limit_sso, usage_locations, usage_users,
                    usage_sso
                from organization where workspace_id = ? order by depth, created_at, id""")) {
            read.setString(1, workspaceId);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    parentsFirst.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                            new Integer[] {rs.getObject(4, Integer.class), rs.getObject(5, Integer.class),
                                    rs.getObject(6, Integer.class)},
                            new int[] {rs.getInt(7), rs.getInt(8), rs.getInt(9)}));
                }
            }
        }
        Map<String, Row> byId = new HashMap<>(parentsFirst.size() * 2);
        Map<String, int[]> subtreeUsage = new HashMap<>(parentsFirst.size() * 2);
        for (Row row : parentsFirst) {
            byId.put(row.id(), row);
            subtreeUsage.put(row.id(), row.usage().clone());
        }
        for (int i = parentsFirst.size() - 1; i >= 0; i--) {
            Row row = parentsFirst.get(i);
            if (row.parentId() != null) {
                int[] own = subtreeUsage.get(row.id());
                int[] parent = subtreeUsage.get(row.parentId());
                for (int p = 0; p < PRODUCTS.length; p++) {
                    parent[p] += own[p];
                }
            }
        }
        Row row = byId.get(organizationId);
        if (row == null) {
            return Optional.empty();
        }
        List<Row> rootFirst = new ArrayList<>(DEPTHS);
        for (Row at = row; at.parentId() != null; ) {
            at = byId.get(at.parentId());
            rootFirst.add(0, at);
        }
        List<ProductLimit> limits = new ArrayList<>(PRODUCTS.length);
        ProductLimit least = null;
        for (int p = 0; p < PRODUCTS.length; p++) {
            int total = POOL[p];
            LimitContext context = new LimitContext("workspace", WORKSPACE_NAME);
            for (Row ancestor : rootFirst) {
                if (ancestor.limits()[p] != null && ancestor.limits()[p] <= total) {
                    total = ancestor.limits()[p];
                    context = new LimitContext("parent", ancestor.name());
                }
            }
            if (row.limits()[p] != null && row.limits()[p] <= total) {
                total = row.limits()[p];
                context = new LimitContext("organization", row.name());
            }
            int used = subtreeUsage.get(row.id())[p];
            ProductLimit limit = new ProductLimit(PRODUCTS[p], used, row.usage()[p], Math.max(0, total - used),
                    row.limits()[p], total, context);
            limits.add(limit);
            if (least == null || limit.free() < least.free()) {
                least = limit;
            }
        }
        return Optional.of(new LimitReport(row.id(), row.name(), limits, least.context()));
    }

    /** The service's table and index (migration V11), filled with the tree bench/run seeds. */
    private static HikariDataSource seeded() {
        HikariDataSource db = new HikariDataSource();
        db.setJdbcUrl("jdbc:h2:mem:ceiling;DB_CLOSE_DELAY=-1;TRACE_LEVEL_FILE=0;OPTIMIZE_REUSE_RESULTS=FALSE");
        db.setUsername("sa");
        try (Connection c = db.getConnection(); Statement ddl = c.createStatement()) {
            ddl.execute("""
                    create table organization (
                        id                    varchar(40)  primary key,
                        workspace_id          varchar(70)  not null,
                        parent_id             varchar(40)  references organization (id) on delete cascade,
                        lineage               varchar(500) not null,
                        depth                 integer      not null,
                        billing_account_id    varchar(70),
                        name                  varchar(50)  not null,
                        external_id           varchar(36)  not null,
                        picture_url           varchar(2048),
                        limit_locations       integer,
                        limit_users           integer,
                        limit_sso             integer,
                        usage_locations       integer      not null,
                        usage_users           integer      not null,
                        usage_sso             integer      not null,
                        display_name          varchar(50),
                        login_hint            varchar(100),
                        color_primary         varchar(7),
                        color_page_background varchar(7),
                        created_at            timestamp(6) with time zone not null,
                        updated_at            timestamp(6) with time zone not null
                    )""");
            ddl.execute("create index organization_by_workspace on organization (workspace_id, lineage)");
            ddl.execute("create index organization_by_parent on organization (parent_id)");
            insertTree(c);
        } catch (SQLException e) {
            db.close();
            throw new IllegalStateException("could not seed the organization tree", e);
        }
        return db;
    }

    private static void insertTree(Connection c) throws SQLException {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC);
        List<String[]> above = List.of(); // {id, lineage} of the level above
        int n = 0;
        try (PreparedStatement insert = c.prepareStatement("""
                insert into organization (id, workspace_id, parent_id, lineage, depth, name, external_id,
                    limit_locations, limit_users, usage_locations, usage_users, usage_sso, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, random_uuid(), ?, ?, 0, 0, 0, ?, ?)""")) {
            for (int depth = 0; depth < DEPTHS; depth++) {
                List<String[]> level = new ArrayList<>();
                for (int i = 0; i < (depth == 0 ? ROOTS : PER_LEVEL); i++) {
                    String id = depth == DEPTHS - 1 && i == 0 ? DEEPEST : String.format("org_%016d", n);
                    String[] parent = depth == 0 ? null : above.get(i % above.size());
                    String lineage = (parent == null ? "" : parent[1]) + id + "#";
                    OffsetDateTime at = start.plusNanos(1_000L * n++);
                    insert.setString(1, id);
                    insert.setString(2, WORKSPACE);
                    insert.setString(3, parent == null ? null : parent[0]);
                    insert.setString(4, lineage);
                    insert.setInt(5, depth);
                    insert.setString(6, "Bench org " + depth + "-" + i);
                    insert.setObject(7, depth == 5 ? 20 : null, Types.INTEGER);
                    insert.setObject(8, depth == 0 ? 80 : null, Types.INTEGER);
                    insert.setObject(9, at);
                    insert.setObject(10, at);
                    insert.executeUpdate();
                    level.add(new String[] {id, lineage});
                }
                above = level;
            }
        }
    }
}
