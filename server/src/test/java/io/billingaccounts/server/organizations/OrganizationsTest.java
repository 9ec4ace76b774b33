package io.billingaccounts.server.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;
import tools.jackson.databind.JsonNode;

/** Organizations through the whole service: the tree's caps, limits flowing down, usage flowing up, the pools. */
class OrganizationsTest extends ServiceTest {

    private static final String OWNER = "usr_olga";

    @Test
    void limitsTakeTheLeastOfTheOrganizationsTheAncestorsAndThePoolNamingWhatBinds() {
        String workspace = api.workspace(OWNER, "single");
        String account = api.account(OWNER, workspace);
        subscribe(workspace, account, "{\"locations\": 10, \"users\": 25}");
        String root = create(workspace, null, "{\"name\": \"Root\", \"billing_account_id\": \"" + account
                + "\", \"limits\": {\"users\": 20}}");
        String middle = create(workspace, root, "{\"name\": \"Middle\", \"limits\": {\"locations\": 0}}");
        String leaf = create(workspace, middle, "{\"name\": \"Leaf\", \"limits\": {\"users\": 30, \"sso\": 0}}");

        JsonNode limits = api.get(OWNER, orgs(workspace) + "/" + leaf + "/limits").json();

        assertThat(limits.path("organization_name").asString()).isEqualTo("Leaf");
        assertLimit(limits, 0, "locations", 0, null, "parent", "Middle");
        assertLimit(limits, 1, "users", 20, 30, "parent", "Root");
        assertLimit(limits, 2, "sso", 0, 0, "organization", "Leaf");
        JsonNode rootLimits = api.get(OWNER, orgs(workspace) + "/" + root + "/limits").json();
        assertLimit(rootLimits, 0, "locations", 10, null, "billing_account", "ACME");
        assertLimit(rootLimits, 2, "sso", 0, null, "billing_account", "ACME");
        assertThat(api.get(OWNER, "/workspaces/" + workspace).json().path("pooled_seat_limit").isNull()).isTrue();
    }

    @Test
    void usageFlowsUpAndAnIncreaseMustFitEveryAncestorAndThePool() {
        String workspace = api.workspace(OWNER, "pooled");
        String account = api.account(OWNER, workspace);
        subscribe(workspace, account, "{\"users\": 12}");
        assertThat(api.get(OWNER, "/workspaces/" + workspace).json().path("pooled_seat_limit").asInt()).isEqualTo(12);
        String east = create(workspace, null, "{\"name\": \"East\", \"limits\": {\"users\": 8}}");
        String west = create(workspace, null, "{\"name\": \"West\"}");
        String shop = create(workspace, east, "{\"name\": \"Shop\"}");
        String depot = create(workspace, east, "{\"name\": \"Depot\"}");

        assertThat(report(workspace, shop, 0, 5, 0).status()).isEqualTo(200);
        Reply overParent = report(workspace, depot, 0, 4, 0);
        assertThat(overParent.status()).isEqualTo(409);
        assertThat(overParent.text("code")).isEqualTo("organization_limit_exceeded");
        assertThat(overParent.text("message")).startsWith("users:").contains("9").contains("8").contains("East");
        assertThat(report(workspace, depot, 0, 3, 0).status()).isEqualTo(200);
        Reply overPool = report(workspace, west, 0, 5, 0);
        assertThat(overPool.status()).isEqualTo(409);
        assertThat(overPool.text("message")).contains("13").contains("12");
        Reply blocked = report(workspace, west, 1, 0, 0);
        assertThat(blocked.status()).as("no location was bought").isEqualTo(409);

        JsonNode eastNow = api.get(OWNER, orgs(workspace) + "/" + east).json();
        assertThat(eastNow.path("usage").path("usage").path("users").asInt()).isZero();
        assertThat(eastNow.path("usage").path("subtree_usage").path("users").asInt()).isEqualTo(8);
        JsonNode eastLimits = api.get(OWNER, orgs(workspace) + "/" + east + "/limits").json();
        assertLimit(eastLimits, 1, "users", 8, 8, "organization", "East");
        assertThat(eastLimits.path("limits").get(1).path("free").asInt()).isZero();
        assertThat(api.get(OWNER, orgs(workspace) + "/" + west + "/limits").json().path("limits").get(1)
                .path("context").path("type").asString()).isEqualTo("workspace");
        Reply lowered = api.patch(OWNER, orgs(workspace) + "/" + east, "{\"limits\": {\"users\": 2}}");
        assertThat(lowered.status()).as(lowered.raw().body()).isEqualTo(200);
        assertThat(api.get(OWNER, orgs(workspace) + "/" + east + "/limits").json().path("limits").get(1)
                .path("free").asInt()).as("free is never negative").isZero();
        assertThat(report(workspace, shop, 0, 4, 0).status()).as("a decrease always fits").isEqualTo(200);
    }

    @Test
    void racingReportsAtALimitNeverPassItTogether() throws Exception {
        String workspace = api.workspace(OWNER, "pooled");
        subscribe(workspace, api.account(OWNER, workspace), "{\"users\": 100}");
        String parent = create(workspace, null, "{\"name\": \"Parent\", \"limits\": {\"users\": 10}}");
        List<String> children = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            children.add(create(workspace, parent, "{\"name\": \"Child " + i + "\"}"));
        }

        List<Integer> statuses = concurrently(children.stream().<Callable<Integer>>map(child ->
                () -> report(workspace, child, 0, 1, 0).status()).toList());

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(10);
        assertThat(api.get(OWNER, orgs(workspace) + "/" + parent).json().path("usage").path("subtree_usage")
                .path("users").asInt()).isEqualTo(10);
    }

    @Test
    void racingCreatesNeverPassTheChildrenCap() throws Exception {
        String workspace = api.workspace(OWNER, "pooled");
        String parent = create(workspace, null, "{\"name\": \"Parent\"}");
        for (int i = 0; i < 95; i++) {
            create(workspace, parent, "{\"name\": \"Child " + i + "\"}");
        }

        List<Integer> statuses = concurrently(java.util.stream.IntStream.range(0, 12).<Callable<Integer>>mapToObj(
                i -> () -> api.send(OWNER, "POST", orgs(workspace) + "/" + parent + "/children",
                        "{\"name\": \"Racer " + i + "\"}", Map.of()).status()).toList());

        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(5);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(7);
        assertThat(api.get(OWNER, orgs(workspace) + "/" + parent + "/descendants").json().path("data").size())
                .isEqualTo(100);
    }

    @Test
    void aCancellationOrDecreaseThatWouldLeaveUsageUnpaidForIsRefusedUntilUsageFalls() {
        String workspace = api.workspace(OWNER, "single");
        String account = api.account(OWNER, workspace);
        String subscription = subscribe(workspace, account, "{\"locations\": 5, \"users\": 10}");
        String root = create(workspace, null, "{\"name\": \"Root\", \"billing_account_id\": \"" + account + "\"}");
        assertThat(report(workspace, root, 4, 0, 0).status()).isEqualTo(200);
        String path = "/workspaces/" + workspace + "/billing-accounts/" + account + "/subscriptions/" + subscription;
        STRIPE.requests().clear();

        Reply decrease = api.send(OWNER, "PATCH", path, "{\"product_quantities\": {\"locations\": 3, \"users\": 10}}",
                Map.of());
        Reply cancel = api.send(OWNER, "DELETE", path, null, Map.of());
        Reply deleteAccount = api.send(OWNER, "DELETE", "/workspaces/" + workspace + "/billing-accounts/" + account,
                null, Map.of());

        assertThat(decrease.status()).as(decrease.raw().body()).isEqualTo(409);
        assertThat(decrease.text("code")).isEqualTo("change_would_underprovision");
        assertThat(decrease.text("message")).startsWith("locations:").contains("4").contains("3");
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.text("code")).isEqualTo("cancellation_would_underprovision");
        assertThat(cancel.text("message")).contains("locations").contains("4").contains("0");
        assertThat(deleteAccount.status()).isEqualTo(409);
        assertThat(deleteAccount.text("code")).isEqualTo("billing_account_in_use");
        assertThat(STRIPE.requests().entries()).as("refused before Stripe was asked").isEmpty();

        assertThat(report(workspace, root, 3, 0, 0).status()).isEqualTo(200);
        assertThat(api.send(OWNER, "PATCH", path, "{\"product_quantities\": {\"locations\": 3, \"users\": 10}}",
                Map.of()).status()).isEqualTo(200);
        assertThat(report(workspace, root, 0, 0, 0).status()).isEqualTo(200);
        Reply allowed = api.send(OWNER, "DELETE", path, null, Map.of());
        assertThat(allowed.status()).as(allowed.raw().body()).isEqualTo(200);
    }

    private String orgs(String workspace) {
        return "/workspaces/" + workspace + "/organizations";
    }

    private String create(String workspace, String parent, String body) {
        Reply created = api.send(OWNER, "POST", orgs(workspace) + (parent == null ? "" : "/" + parent + "/children"),
                body, Map.of());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    private Reply report(String workspace, String organization, int locations, int users, int sso) {
        return api.send(OWNER, "PUT", orgs(workspace) + "/" + organization + "/usage",
                "{\"locations\": " + locations + ", \"users\": " + users + ", \"sso\": " + sso + "}", Map.of());
    }

    /** The workspace's first subscription: a trial, which needs no card and counts as active. */
    private String subscribe(String workspace, String account, String quantities) {
        Reply subscribed = api.send(OWNER, "POST", "/workspaces/" + workspace + "/billing-accounts/" + account
                + "/subscriptions", "{\"product_quantities\": " + quantities + "}", Map.of());
        assertThat(subscribed.status()).as(subscribed.raw().body()).isEqualTo(201);
        return subscribed.text("id");
    }

    private static void assertLimit(JsonNode report, int index, String product, int total, Integer orgLimit,
                                    String bindingType, String bindingName) {
        JsonNode limit = report.path("limits").get(index);
        assertThat(limit.path("type").asString()).isEqualTo(product);
        assertThat(limit.path("total").asInt()).as(product + " total").isEqualTo(total);
        if (orgLimit == null) {
            assertThat(limit.path("org_limit").isNull()).as(product + " org_limit").isTrue();
        } else {
            assertThat(limit.path("org_limit").asInt()).as(product + " org_limit").isEqualTo(orgLimit);
        }
        assertThat(limit.path("context").path("type").asString()).as(product + " context").isEqualTo(bindingType);
        assertThat(limit.path("context").path("name").asString()).as(product + " context").isEqualTo(bindingName);
    }

    private static List<Integer> concurrently(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(calls)) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
