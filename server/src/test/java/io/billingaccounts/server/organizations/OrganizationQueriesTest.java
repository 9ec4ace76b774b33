package io.billingaccounts.server.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;

/**
 * The tree is read in one statement whatever its size: the statements a read makes, counted by H2's own query
 * statistics, are as many for a thousand organizations ten levels deep as for three.
 */
class OrganizationQueriesTest extends ServiceTest {

    private static final String OWNER = "usr_quentin";

    @Autowired
    private JdbcClient jdbc;

    @Test
    void listLimitsAndTheUsageExportReadTheTreeOnceWhateverItsSize() {
        Tree small = tree(3);
        Tree large = tree(1000);

        for (String read : List.of("", "/%s/limits", "/usage.pdf", "/%s", "/%s/descendants")) {
            Map<String, Integer> few = statements(small, read);
            Map<String, Integer> many = statements(large, read);
            assertThat(organizationReads(many)).as(read + ": " + many).isEqualTo(1);
            assertThat(total(many)).as(read + ": " + many + " against " + few).isEqualTo(total(few));
        }
    }

    private static final List<String> SCHEDULED_JOBS_TABLES = List.of("idempotency_record", "pending_write",
            "stripe_event_checkpoint", "rate_limit_bucket");

    private record Tree(String workspace, String deepest) {
    }

    /**
     * A pooled workspace with {@code size} organizations: a chain ten deep, the rest fifty to a parent, each parent
     * above the deepest level.
     */
    private Tree tree(int size) {
        String workspace = api.workspace(OWNER, "pooled");
        List<String> parents = new ArrayList<>();
        Map<String, Integer> depths = new HashMap<>();
        String parent = null;
        for (int depth = 0; depth < Math.min(10, size); depth++) {
            parent = create(workspace, parent, "Level " + depth);
            depths.put(parent, depth);
            if (depth < 9) {
                parents.add(parent);
            }
        }
        String deepest = parent;
        for (int i = depths.size(); i < size; i++) {
            String under = parents.get((i - 10) / 50);
            String branch = create(workspace, under, "Branch " + i);
            depths.put(branch, depths.get(under) + 1);
            if (depths.get(branch) < 9) {
                parents.add(branch);
            }
        }
        return new Tree(workspace, deepest);
    }

    /** The statements the read made, by their text, with how often each ran. */
    private Map<String, Integer> statements(Tree tree, String read) {
        String path = "/workspaces/" + tree.workspace() + "/organizations" + read.formatted(tree.deepest());
        jdbc.sql("set query_statistics false").update();
        jdbc.sql("set query_statistics true").update();
        Reply answer = api.get(OWNER, path);
        assertThat(answer.status()).as(path).isEqualTo(200);
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql("select sql_statement, execution_count from information_schema.query_statistics")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getInt(2))).list();
        // The statistics are the whole database's: the service's scheduled jobs (keys expiring, recovery, catch-up)
        // may run meanwhile, on tables a read of organizations never touches.
        counts.keySet().removeIf(sql -> sql.contains("query_statistics") || SCHEDULED_JOBS_TABLES.stream()
                .anyMatch(table -> sql.contains(" " + table + " ") || sql.endsWith(" " + table)));
        return counts;
    }

    private static int organizationReads(Map<String, Integer> statements) {
        return statements.entrySet().stream().filter(e -> e.getKey().contains("from organization "))
                .mapToInt(Map.Entry::getValue).sum();
    }

    private static int total(Map<String, Integer> statements) {
        return statements.values().stream().mapToInt(Integer::intValue).sum();
    }

    private String create(String workspace, String parent, String name) {
        Reply created = api.send(OWNER, "POST", "/workspaces/" + workspace + "/organizations"
                + (parent == null ? "" : "/" + parent + "/children"), "{\"name\": \"" + name + "\"}", Map.of());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }
}
