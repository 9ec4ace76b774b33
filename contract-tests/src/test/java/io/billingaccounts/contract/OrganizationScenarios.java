package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * A workspace's organizations, rule by rule, against the packaged server with a Stripe emulator whose signed
 * webhooks reach it: the tree and its caps (raced too), the billing-mode rules of {@code billing_account_id},
 * usage flowing up and limits flowing down with what binds them, usage reports racing for the last capacity,
 * deletes of whole subtrees, pictures and branding, the usage PDF, and the capacity guards on the billing side
 * ({@code pooled_seat_limit}, cancelling, decreasing, deleting an account). Every answer is held to
 * api/openapi.yaml on the way (RawApi). Subclasses choose the database.
 */
abstract class OrganizationScenarios extends AgainstBillingServer {

    static final String ORG_ID = "org_[A-Za-z0-9]{16}";
    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final List<String> PRODUCTS = List.of("locations", "users", "sso");

    /** A 1x1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    /** A 1x1 GIF. */
    static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    // ---- the tree ----

    @Test
    void organizationsAreCreatedInATreeAndListedInTreeOrder() {
        String ws = workspaceNamed("Tree", "pooled");
        JsonNode a = root(ws, "{\"name\": \"A\"}");
        JsonNode b = root(ws, "{\"name\": \"B\", \"billing_account_id\": null, "
                + "\"external_id\": \"7c9e6679-7425-40de-944b-e07fc1f90ae7\"}");
        JsonNode a1 = child(ws, id(a), "{\"name\": \"A1\"}");
        JsonNode a2 = child(ws, id(a), "{\"name\": \"A2\", \"billing_account_id\": null}");
        JsonNode a1x = child(ws, id(a1), "{\"name\": \"A1x\"}");
        JsonNode b1 = child(ws, id(b), "{\"name\": \"B1\"}");

        assertThat(id(a)).matches(ORG_ID);
        assertThat(a.path("name").asString()).isEqualTo("A");
        assertThat(a.path("workspace_id").asString()).isEqualTo(ws);
        assertThat(a.path("external_id").asString()).matches(UUID);
        assertThat(a1.path("external_id").asString()).matches(UUID).isNotEqualTo(a.path("external_id").asString());
        assertThat(b.path("external_id").asString()).isEqualTo("7c9e6679-7425-40de-944b-e07fc1f90ae7");
        assertThat(a.path("parent_org_id").isNull()).isTrue();
        assertThat(a.path("path").isNull()).isTrue();
        assertThat(a.path("depth").asInt()).isZero();
        assertThat(a.path("billing_account_id").isNull()).isTrue();
        assertThat(a.path("picture").isNull()).isTrue();
        assertThat(a.path("limits").size()).as("unset limits are absent").isZero();
        assertThat(a.path("branding").toString()).isEqualTo(
                "{\"display_name\":null,\"login_hint\":null,\"colors\":{\"primary\":null,\"page_background\":null}}");
        assertThat(a.path("usage").toString()).isEqualTo("{\"usage\":{\"locations\":0,\"users\":0,\"sso\":0},"
                + "\"subtree_usage\":{\"locations\":0,\"users\":0,\"sso\":0}}");
        assertThat(a.path("created_at").asString()).matches(TIMESTAMP);
        assertThat(a.path("updated_at").asString()).matches(TIMESTAMP);

        assertThat(a1.path("parent_org_id").asString()).isEqualTo(id(a));
        assertThat(a1.path("path").asString()).isEqualTo(id(a));
        assertThat(a1.path("depth").asInt()).isEqualTo(1);
        assertThat(a1x.path("parent_org_id").asString()).isEqualTo(id(a1));
        assertThat(a1x.path("path").asString()).isEqualTo(id(a) + "#" + id(a1));
        assertThat(a1x.path("depth").asInt()).isEqualTo(2);
        assertThat(b1.path("path").asString()).isEqualTo(id(b));

        Reply list = api.get(OWNER, orgs(ws));
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("has_more").asBoolean()).isFalse();
        assertThat(ids(list.json().path("data")))
                .as("each top-level organization followed by its subtree, siblings oldest first")
                .containsExactly(id(a), id(a1), id(a1x), id(a2), id(b), id(b1));
        for (JsonNode org : List.of(a, b, a1, a2, a1x, b1)) {
            Reply read = api.get(OWNER, org(ws, id(org)));
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json()).isEqualTo(org);
            assertThat(find(list.json().path("data"), id(org))).isEqualTo(org);
        }

        assertThat(ids(descendants(ws, id(a)))).containsExactly(id(a1), id(a1x), id(a2));
        assertThat(ids(descendants(ws, id(a1)))).containsExactly(id(a1x));
        assertThat(descendants(ws, id(a1x))).isEmpty();
        assertThat(ids(descendants(ws, id(b)))).containsExactly(id(b1));

        Reply parent = api.get(OWNER, org(ws, id(a1x)) + "/parent");
        assertThat(parent.status()).as(parent.toString()).isEqualTo(200);
        assertThat(parent.json()).isEqualTo(a1);
        assertThat(api.get(OWNER, org(ws, id(b1)) + "/parent").json()).isEqualTo(b);
        Reply none = api.get(OWNER, org(ws, id(a)) + "/parent");
        assertThat(none.status()).as(none.toString()).isEqualTo(204);
        assertThat(none.response().body()).isEmpty();

        // An Idempotency-Key replays the first create instead of making a second organization.
        Reply first = api.post(OWNER, orgs(ws), "{\"name\": \"Keyed\"}", "Idempotency-Key", "org-key-1");
        Reply replay = api.post(OWNER, orgs(ws), "{\"name\": \"Keyed\"}", "Idempotency-Key", "org-key-1");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
        assertThat(replay.text("id")).isEqualTo(first.text("id"));
        assertThat(list(ws)).hasSize(7);
    }

    @Test
    void billingAccountIdFollowsTheBillingModeAndChildrenInheritTheirRootsAccount() {
        // single: the workspace's one account, required at the top.
        String single = workspaceNamed("Single", "single");
        Billing only = billingAccount(single, "Single Billing");
        String elsewhere = billingAccount(workspaceNamed("Elsewhere", "assigned"), "Elsewhere Billing").id();
        assertRefused(api.post(OWNER, orgs(single), "{\"name\": \"No account\"}"), "billing_account_id", "required");
        assertRefused(api.post(OWNER, orgs(single), "{\"name\": \"Unknown\", \"billing_account_id\": "
                + "\"cus_doesnotexist0000\"}"), "billing_account_id", "unknown_billing_account");
        assertRefused(api.post(OWNER, orgs(single), "{\"name\": \"Foreign\", \"billing_account_id\": \""
                + elsewhere + "\"}"), "billing_account_id", "unknown_billing_account");
        Reply nullAccount = api.post(OWNER, orgs(single), "{\"name\": \"Null\", \"billing_account_id\": null}");
        assertThat(nullAccount.status()).as(nullAccount.toString()).isEqualTo(422);
        assertThat(nullAccount.errorFields()).containsExactly("billing_account_id");
        assertThat(list(single)).isEmpty();

        JsonNode top = root(single, "{\"name\": \"Top\", \"billing_account_id\": \"" + only.id() + "\"}");
        assertThat(top.path("billing_account_id").asString()).isEqualTo(only.id());
        assertRefused(api.post(OWNER, org(single, id(top)) + "/children", "{\"name\": \"Own account\", "
                + "\"billing_account_id\": \"" + only.id() + "\"}"), "billing_account_id", "not_allowed");
        JsonNode under = child(single, id(top), "{\"name\": \"Under\"}");
        JsonNode nulled = child(single, id(top), "{\"name\": \"Nulled\", \"billing_account_id\": null}");
        JsonNode deeper = child(single, id(under), "{\"name\": \"Deeper\"}");
        for (JsonNode org : List.of(under, nulled, deeper)) {
            assertThat(org.path("billing_account_id").asString()).as("inherited").isEqualTo(only.id());
        }
        assertThat(list(single)).hasSize(4);

        // assigned: each top-level organization its own account, its subtree with it.
        String assigned = workspaceNamed("Assigned", "assigned");
        Billing first = billingAccount(assigned, "First Billing");
        Billing second = billingAccount(assigned, "Second Billing");
        assertRefused(api.post(OWNER, orgs(assigned), "{\"name\": \"No account\"}"), "billing_account_id",
                "required");
        assertRefused(api.post(OWNER, orgs(assigned), "{\"name\": \"Foreign\", \"billing_account_id\": \""
                + only.id() + "\"}"), "billing_account_id", "unknown_billing_account");
        JsonNode one = root(assigned, "{\"name\": \"One\", \"billing_account_id\": \"" + first.id() + "\"}");
        JsonNode two = root(assigned, "{\"name\": \"Two\", \"billing_account_id\": \"" + second.id() + "\"}");
        assertThat(child(assigned, id(one), "{\"name\": \"One child\"}").path("billing_account_id").asString())
                .isEqualTo(first.id());
        JsonNode twoChild = child(assigned, id(two), "{\"name\": \"Two child\"}");
        assertThat(twoChild.path("billing_account_id").asString()).isEqualTo(second.id());
        assertThat(child(assigned, id(twoChild), "{\"name\": \"Two grandchild\"}").path("billing_account_id")
                .asString()).isEqualTo(second.id());
        assertRefused(api.post(OWNER, org(assigned, id(two)) + "/children", "{\"name\": \"Other account\", "
                + "\"billing_account_id\": \"" + first.id() + "\"}"), "billing_account_id", "not_allowed");

        // pooled: no organization names an account.
        String pooled = workspaceNamed("Pooled", "pooled");
        Billing pool = billingAccount(pooled, "Pool Billing");
        assertRefused(api.post(OWNER, orgs(pooled), "{\"name\": \"Own account\", \"billing_account_id\": \""
                + pool.id() + "\"}"), "billing_account_id", "not_allowed");
        JsonNode pooledTop = root(pooled, "{\"name\": \"Pooled top\"}");
        assertThat(pooledTop.path("billing_account_id").isNull()).isTrue();
        assertRefused(api.post(OWNER, org(pooled, id(pooledTop)) + "/children", "{\"name\": \"Own account\", "
                + "\"billing_account_id\": \"" + pool.id() + "\"}"), "billing_account_id", "not_allowed");
        assertThat(child(pooled, id(pooledTop), "{\"name\": \"Pooled child\"}").path("billing_account_id").isNull())
                .isTrue();
        assertThat(list(pooled)).hasSize(2);

        // Fixed at creation: neither the account nor the parent can be patched.
        for (String field : List.of("billing_account_id", "parent_org_id")) {
            String value = field.equals("billing_account_id") ? second.id() : id(two);
            Reply refused = api.patch(OWNER, org(assigned, id(one)), "{\"" + field + "\": \"" + value + "\"}");
            assertRefused(refused, field, "unknown_field");
        }
        assertThat(api.get(OWNER, org(assigned, id(one))).json()).isEqualTo(one);
    }

    // ---- caps ----

    @Test
    void theTreeKeepsItsCapsOfTenLevelsAHundredChildrenAndAThousandOrganizationsEvenWhenRaced() throws Exception {
        String ws = workspaceNamed("Caps", "pooled");
        // Ten levels: depth 0 to 9, no 11th.
        List<JsonNode> chain = new ArrayList<>();
        chain.add(root(ws, "{\"name\": \"Level 0\"}"));
        for (int depth = 1; depth <= 9; depth++) {
            chain.add(child(ws, id(chain.get(depth - 1)), "{\"name\": \"Level " + depth + "\"}"));
        }
        JsonNode deepest = chain.get(9);
        assertThat(deepest.path("depth").asInt()).isEqualTo(9);
        assertThat(deepest.path("path").asString().split("#")).hasSize(9)
                .containsExactly(chain.subList(0, 9).stream().map(OrganizationScenarios::id).toArray(String[]::new));
        assertConflict(api.post(OWNER, org(ws, id(deepest)) + "/children", "{\"name\": \"Level 10\"}"),
                "organization_depth_exceeded");

        // A hundred children: 95, then 20 racing for the last 5 places.
        JsonNode parent = root(ws, "{\"name\": \"Parent\"}");
        String children = org(ws, id(parent)) + "/children";
        inParallel(95, i -> api.post(OWNER, children, "{\"name\": \"Child " + i + "\"}"))
                .forEach(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        List<Reply> raced = ServiceScenarios.concurrently(20,
                i -> api.post(OWNER, children, "{\"name\": \"Raced child " + i + "\"}"));
        assertThat(raced).filteredOn(r -> r.status() == 201).as("creates let through").hasSize(5);
        raced.stream().filter(r -> r.status() != 201)
                .forEach(r -> assertConflict(r, "organization_children_limit_reached"));
        assertConflict(api.post(OWNER, children, "{\"name\": \"Child 101\"}"), "organization_children_limit_reached");
        assertThat(descendants(ws, id(parent))).hasSize(100);

        // A thousand organizations: 111 so far; top-level ones up to 990, then 20 racing for the last 10.
        assertThat(list(ws)).hasSize(111);
        inParallel(990 - 111, i -> api.post(OWNER, orgs(ws), "{\"name\": \"Filler " + i + "\"}"))
                .forEach(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        List<Reply> last = ServiceScenarios.concurrently(20,
                i -> i % 2 == 0 ? api.post(OWNER, orgs(ws), "{\"name\": \"Raced top " + i + "\"}")
                        : api.post(OWNER, org(ws, id(chain.get(0))) + "/children", "{\"name\": \"Raced " + i + "\"}"));
        assertThat(last).filteredOn(r -> r.status() == 201).as("creates let through").hasSize(10);
        last.stream().filter(r -> r.status() != 201).forEach(r -> assertConflict(r, "organization_limit_reached"));
        assertConflict(api.post(OWNER, orgs(ws), "{\"name\": \"Top 1001\"}"), "organization_limit_reached");
        assertConflict(api.post(OWNER, org(ws, id(chain.get(3))) + "/children", "{\"name\": \"Child 1001\"}"),
                "organization_limit_reached");
        JsonNode all = list(ws);
        assertThat(all).hasSize(1000);
        assertThat(ids(all)).as("distinct ids").hasSize(1000);

        // Deleting the parent and its hundred children makes room again.
        Reply deleted = api.delete(OWNER, org(ws, id(parent)));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(list(ws)).hasSize(899);
        root(ws, "{\"name\": \"After the delete\"}");
    }

    // ---- limits, usage and what binds ----

    @Test
    void usageFlowsUpLimitsFlowDownAndContextNamesWhatBinds() {
        String ws = workspaceNamed("Limits", "assigned");
        Billing north = billingAccount(ws, "Northwind Billing");
        subscribe(north, "{\"locations\": 5, \"users\": 25, \"sso\": 1}");
        Billing south = billingAccount(ws, "Southwind Billing");
        JsonNode r = root(ws, "{\"name\": \"Northwind\", \"billing_account_id\": \"" + north.id() + "\", "
                + "\"limits\": {\"users\": 20}}");
        JsonNode c = child(ws, id(r), "{\"name\": \"Northwind East\", \"limits\": {\"locations\": 3, \"sso\": null}}");
        JsonNode g = child(ws, id(c), "{\"name\": \"Northwind East Retail\"}");
        JsonNode s = root(ws, "{\"name\": \"Southwind\", \"billing_account_id\": \"" + south.id() + "\"}");
        assertThat(r.path("limits").toString()).isEqualTo("{\"users\":20}");
        assertThat(c.path("limits").toString()).isEqualTo("{\"locations\":3}");
        assertThat(g.path("limits").size()).isZero();

        JsonNode rl = limits(ws, id(r));
        assertThat(rl.path("organization_id").asString()).isEqualTo(id(r));
        assertThat(rl.path("organization_name").asString()).isEqualTo("Northwind");
        assertThat(rl.path("limits")).extracting(e -> e.path("type").asString()).containsExactlyElementsOf(PRODUCTS);
        assertLimit(rl, "locations", 0, 0, null, 5, "billing_account", "Northwind Billing");
        assertLimit(rl, "users", 0, 0, 20, 20, "organization", "Northwind");
        assertLimit(rl, "sso", 0, 0, null, 1, "billing_account", "Northwind Billing");
        assertContext(rl, "billing_account", "Northwind Billing");
        JsonNode cl = limits(ws, id(c));
        assertLimit(cl, "locations", 0, 0, 3, 3, "organization", "Northwind East");
        assertLimit(cl, "users", 0, 0, null, 20, "parent", "Northwind");
        assertLimit(cl, "sso", 0, 0, null, 1, "billing_account", "Northwind Billing");
        JsonNode gl = limits(ws, id(g));
        assertLimit(gl, "locations", 0, 0, null, 3, "parent", "Northwind East");
        assertLimit(gl, "users", 0, 0, null, 20, "parent", "Northwind");
        assertLimit(gl, "sso", 0, 0, null, 1, "billing_account", "Northwind Billing");
        JsonNode sl = limits(ws, id(s));
        for (String product : PRODUCTS) {
            assertLimit(sl, product, 0, 0, null, 0, "billing_account", "Southwind Billing");
        }
        assertContext(sl, "billing_account", "Southwind Billing");
        assertConflict(report(ws, id(s), 0, 1, 0), "organization_limit_exceeded");

        // Usage flows up.
        JsonNode reported = usage(ws, id(g), 2, 5, 0);
        assertThat(reported.path("usage").path("usage").toString()).isEqualTo("{\"locations\":2,\"users\":5,\"sso\":0}");
        assertThat(reported.path("usage").path("subtree_usage").toString())
                .isEqualTo("{\"locations\":2,\"users\":5,\"sso\":0}");
        JsonNode cReported = usage(ws, id(c), 0, 3, 0);
        assertThat(cReported.path("usage").path("usage").toString()).isEqualTo("{\"locations\":0,\"users\":3,\"sso\":0}");
        assertThat(cReported.path("usage").path("subtree_usage").toString())
                .isEqualTo("{\"locations\":2,\"users\":8,\"sso\":0}");
        JsonNode rRead = api.get(OWNER, org(ws, id(r))).json();
        assertThat(rRead.path("usage").path("usage").toString()).isEqualTo("{\"locations\":0,\"users\":0,\"sso\":0}");
        assertThat(rRead.path("usage").path("subtree_usage").toString())
                .isEqualTo("{\"locations\":2,\"users\":8,\"sso\":0}");
        assertThat(find(list(ws), id(r))).isEqualTo(rRead);
        cl = limits(ws, id(c));
        assertLimit(cl, "locations", 2, 0, 3, 3, "organization", "Northwind East");
        assertLimit(cl, "users", 8, 3, null, 20, "parent", "Northwind");
        // locations and sso both have 1 free: the first of equals, locations, names the top-level context.
        assertContext(cl, "organization", "Northwind East");
        assertLimit(limits(ws, id(r)), "users", 8, 0, 20, 20, "organization", "Northwind");

        // An increase is checked against the organization, every ancestor and the pool; nothing changes when refused.
        Reply overOwnParent = report(ws, id(g), 4, 5, 0);
        assertConflict(overOwnParent, "organization_limit_exceeded");
        assertThat(overOwnParent.text("message")).contains("locations", "4", "3");
        usage(ws, id(r), 3, 0, 0);
        Reply overPool = report(ws, id(g), 3, 5, 0);
        assertConflict(overPool, "organization_limit_exceeded");
        assertThat(overPool.text("message")).contains("locations", "6", "5");
        assertThat(api.get(OWNER, org(ws, id(g))).json().path("usage").path("usage").path("locations").asInt())
                .isEqualTo(2);
        assertLimit(limits(ws, id(r)), "locations", 5, 3, null, 5, "billing_account", "Northwind Billing");
        usage(ws, id(r), 0, 0, 0);

        // A positive limit cannot give more than is inherited; of equal bounds the nearest names the context.
        patched(ws, id(g), "{\"limits\": {\"users\": 50}}");
        assertLimit(limits(ws, id(g)), "users", 5, 5, 50, 20, "parent", "Northwind");
        patched(ws, id(g), "{\"limits\": {\"users\": 20}}");
        assertLimit(limits(ws, id(g)), "users", 5, 5, 20, 20, "organization", "Northwind East Retail");
        patched(ws, id(r), "{\"limits\": {\"users\": 25}}");
        assertLimit(limits(ws, id(r)), "users", 8, 0, 25, 25, "organization", "Northwind");

        // A limit below the usage: free stays 0, increases are refused, decreases still accepted.
        JsonNode lowered = patched(ws, id(c), "{\"limits\": {\"locations\": 1}}");
        assertThat(lowered.path("limits").toString()).isEqualTo("{\"locations\":1}");
        assertLimit(limits(ws, id(c)), "locations", 2, 0, 1, 1, "organization", "Northwind East");
        assertLimit(limits(ws, id(g)), "locations", 2, 2, null, 1, "parent", "Northwind East");

        // 0 blocks the product for the whole subtree.
        patched(ws, id(c), "{\"limits\": {\"locations\": 0, \"sso\": 0}}");
        JsonNode blocked = limits(ws, id(g));
        assertLimit(blocked, "locations", 2, 2, null, 0, "parent", "Northwind East");
        assertLimit(blocked, "sso", 0, 0, null, 0, "parent", "Northwind East");
        assertContext(blocked, "parent", "Northwind East");
        JsonNode stillOver = usage(ws, id(g), 1, 5, 0);
        assertThat(stillOver.path("usage").path("usage").path("locations").asInt()).isEqualTo(1);
        assertConflict(report(ws, id(g), 2, 5, 0), "organization_limit_exceeded");
        Reply ssoBlocked = report(ws, id(g), 1, 5, 1);
        assertConflict(ssoBlocked, "organization_limit_exceeded");
        assertThat(ssoBlocked.text("message")).contains("sso");
        assertConflict(report(ws, id(c), 0, 3, 1), "organization_limit_exceeded");
        usage(ws, id(r), 0, 0, 1);
        assertLimit(limits(ws, id(r)), "sso", 1, 1, null, 1, "billing_account", "Northwind Billing");

        // null removes a limit and the product inherits again; products not sent stay.
        JsonNode removed = patched(ws, id(c), "{\"limits\": {\"locations\": null}}");
        assertThat(removed.path("limits").toString()).isEqualTo("{\"sso\":0}");
        JsonNode inherited = limits(ws, id(c));
        assertLimit(inherited, "locations", 1, 0, null, 5, "billing_account", "Northwind Billing");
        assertLimit(inherited, "sso", 0, 0, 0, 0, "organization", "Northwind East");
        assertLimit(limits(ws, id(g)), "locations", 1, 1, null, 5, "billing_account", "Northwind Billing");
        assertThat(api.get(OWNER, org(ws, id(c))).json()).isEqualTo(removed);
    }

    @Test
    void racingUsageReportsNeverPassALimitOrThePool() throws Exception {
        String ws = workspaceNamed("Race Pool", "pooled");
        subscribe(billingAccount(ws, "Race Billing"), "{\"locations\": 1, \"users\": 25, \"sso\": 1}");
        JsonNode limited = root(ws, "{\"name\": \"Limited\", \"limits\": {\"users\": 10}}");
        JsonNode open = root(ws, "{\"name\": \"Open\"}");
        List<String> limitedKids = created(inParallel(50, i -> api.post(OWNER, org(ws, id(limited)) + "/children",
                "{\"name\": \"Limited " + i + "\"}")));
        List<String> openKids = created(inParallel(20, i -> api.post(OWNER, org(ws, id(open)) + "/children",
                "{\"name\": \"Open " + i + "\"}")));
        assertLimit(limits(ws, id(open)), "users", 0, 0, null, 25, "workspace", "Race Pool");

        List<Reply> toLimit = ServiceScenarios.concurrently(50, i -> report(ws, limitedKids.get(i), 0, 1, 0));
        assertThat(toLimit).filteredOn(r -> r.status() == 200).as("reports let through").hasSize(10);
        toLimit.stream().filter(r -> r.status() != 200).forEach(r -> assertConflict(r, "organization_limit_exceeded"));
        JsonNode full = limits(ws, id(limited));
        assertLimit(full, "users", 10, 0, 10, 10, "organization", "Limited");
        assertContext(full, "organization", "Limited");
        assertThat(descendants(ws, id(limited))).filteredOn(o -> o.path("usage").path("usage").path("users").asInt() == 1)
                .hasSize(10);

        // 15 of the pool's 25 seats are left for the other subtree.
        List<Reply> toPool = ServiceScenarios.concurrently(20, i -> report(ws, openKids.get(i), 0, 1, 0));
        assertThat(toPool).filteredOn(r -> r.status() == 200).as("reports let through").hasSize(15);
        toPool.stream().filter(r -> r.status() != 200).forEach(r -> assertConflict(r, "organization_limit_exceeded"));
        assertLimit(limits(ws, id(open)), "users", 15, 0, null, 25, "workspace", "Race Pool");
        int pooled = 0;
        for (JsonNode org : list(ws)) {
            pooled += org.path("usage").path("usage").path("users").asInt();
        }
        assertThat(pooled).isEqualTo(25);
        assertThat(api.get(OWNER, "/workspaces/" + ws).json().path("pooled_seat_limit").asInt()).isEqualTo(25);
        assertConflict(report(ws, id(open), 0, 1, 0), "organization_limit_exceeded");
    }

    // ---- delete ----

    @Test
    void deleteRemovesTheWholeSubtreeButOnlyWhenNoneOfItHasUsage() {
        String ws = workspaceNamed("Deletes", "pooled");
        subscribe(billingAccount(ws, "Delete Billing"), "{\"users\": 10}");
        JsonNode r = root(ws, "{\"name\": \"Root\"}");
        JsonNode c = child(ws, id(r), "{\"name\": \"Child\"}");
        JsonNode g = child(ws, id(c), "{\"name\": \"Grandchild\"}");
        JsonNode idle = child(ws, id(c), "{\"name\": \"Idle\"}");
        JsonNode other = root(ws, "{\"name\": \"Other\"}");
        usage(ws, id(g), 0, 1, 0);

        for (JsonNode refused : List.of(r, c, g)) {
            assertConflict(api.delete(OWNER, org(ws, id(refused))), "organization_has_usage");
        }
        assertThat(list(ws)).hasSize(5);
        Reply idleDeleted = api.delete(OWNER, org(ws, id(idle)));
        assertThat(idleDeleted.status()).as(idleDeleted.toString()).isEqualTo(204);
        assertThat(api.get(OWNER, org(ws, id(idle))).status()).isEqualTo(404);

        usage(ws, id(g), 0, 0, 0);
        Reply deleted = api.delete(OWNER, org(ws, id(r)));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(deleted.response().body()).isEmpty();
        for (JsonNode gone : List.of(r, c, g)) {
            for (String suffix : List.of("", "/limits", "/descendants", "/parent")) {
                Reply missing = api.get(OWNER, org(ws, id(gone)) + suffix);
                assertThat(missing.status()).as(suffix + " " + missing).isEqualTo(404);
                assertThat(missing.text("code")).isEqualTo("resource_not_found");
            }
            assertThat(report(ws, id(gone), 0, 0, 0).status()).isEqualTo(404);
        }
        assertThat(api.delete(OWNER, org(ws, id(r))).status()).isEqualTo(404);
        assertThat(ids(list(ws))).containsExactly(id(other));
        assertThat(limits(ws, id(other)).path("limits").get(1).path("total").asInt()).isEqualTo(10);
    }

    // ---- the billing side: pooled seats and the capacity guards ----

    @Test
    void pooledSeatLimitFollowsTheSubscriptionsAndCapacityInUseCannotBeCancelledOrDecreased() {
        String ws = workspaceNamed("Seat Pool", "pooled");
        assertThat(seats(ws)).isZero();
        Billing one = billingAccount(ws, "Seat Billing One");
        assertThat(seats(ws)).isZero();
        String first = subscribe(one, "{\"users\": 25, \"sso\": 1}");
        assertThat(seats(ws)).isEqualTo(25);
        Billing two = billingAccount(ws, "Seat Billing Two");
        String second = subscribe(two, "{\"users\": 5, \"locations\": 2}");
        assertThat(seats(ws)).as("the second account's seats add").isEqualTo(30);
        assertThat(find(api.get(OWNER, "/workspaces").json().path("data"), ws).path("pooled_seat_limit").asInt())
                .isEqualTo(30);
        for (String mode : List.of("single", "assigned")) {
            String other = workspaceNamed("Not pooled", mode);
            subscribe(billingAccount(other, "Unpooled Billing"), "{\"users\": 7}");
            assertThat(api.get(OWNER, "/workspaces/" + other).json().path("pooled_seat_limit").isNull())
                    .as(mode).isTrue();
        }

        JsonNode r = root(ws, "{\"name\": \"Seat user\"}");
        assertLimit(limits(ws, id(r)), "users", 0, 0, null, 30, "workspace", "Seat Pool");
        usage(ws, id(r), 0, 28, 0);
        Reply cancelRefused = api.delete(OWNER, two.subscription(second));
        assertConflict(cancelRefused, "cancellation_would_underprovision");
        assertThat(cancelRefused.text("message")).contains("users", "28", "25");
        assertThat(api.get(OWNER, two.subscription(second)).json().path("cancel_at_period_end").asBoolean()).isFalse();
        assertThat(stripe.subscription(second).path("cancel_at_period_end").asBoolean()).isFalse();

        usage(ws, id(r), 0, 20, 0);
        Reply canceled = api.delete(OWNER, two.subscription(second));
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.json().path("cancel_at_period_end").asBoolean()).isTrue();
        assertThat(seats(ws)).as("a subscription cancelled at its period's end counts until it ends").isEqualTo(30);
        cancelInStripe(two, second);
        assertThat(seats(ws)).isEqualTo(25);
        assertLimit(limits(ws, id(r)), "users", 20, 20, null, 25, "workspace", "Seat Pool");
        assertConflict(report(ws, id(r), 0, 26, 0), "organization_limit_exceeded");

        Reply decrease = api.patch(OWNER, one.subscription(first), "{\"product_quantities\": {\"users\": 10, \"sso\": 1}}");
        assertConflict(decrease, "change_would_underprovision");
        assertThat(decrease.text("message")).contains("users", "20", "10");
        Reply removal = api.patch(OWNER, one.subscription(first), "{\"remove_products\": [\"users\"]}");
        assertConflict(removal, "change_would_underprovision");
        assertThat(removal.text("message")).contains("users");
        JsonNode unchanged = api.get(OWNER, one.subscription(first)).json();
        assertThat(Billing.quantities(unchanged)).isEqualTo(java.util.Map.of("users", 25, "sso", 1));
        assertThat(Billing.priceQuantities(stripe.subscription(first))).isEqualTo(Billing.priceQuantities(unchanged));

        usage(ws, id(r), 0, 10, 0);
        Reply allowed = api.patch(OWNER, one.subscription(first), "{\"product_quantities\": {\"users\": 10, \"sso\": 1}}");
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
    }

    @Test
    void aBillingAccountThatOrganizationsDrawOnCannotBeDeleted() {
        String assigned = workspaceNamed("In use", "assigned");
        Billing used = billingAccount(assigned, "Used Billing");
        Billing idle = billingAccount(assigned, "Idle Billing");
        JsonNode top = root(assigned, "{\"name\": \"Drawing\", \"billing_account_id\": \"" + used.id() + "\"}");
        child(assigned, id(top), "{\"name\": \"Drawing child\"}");
        assertConflict(api.delete(OWNER, used.path()), "billing_account_in_use");
        assertThat(api.get(OWNER, used.path()).status()).isEqualTo(200);
        assertThat(api.delete(OWNER, idle.path()).status()).isEqualTo(204);
        assertThat(api.delete(OWNER, org(assigned, id(top))).status()).isEqualTo(204);
        Reply nowFree = api.delete(OWNER, used.path());
        assertThat(nowFree.status()).as(nowFree.toString()).isEqualTo(204);

        String single = workspaceNamed("In use single", "single");
        Billing only = billingAccount(single, "Only Billing");
        root(single, "{\"name\": \"Single top\", \"billing_account_id\": \"" + only.id() + "\"}");
        assertConflict(api.delete(OWNER, only.path()), "billing_account_in_use");
        assertThat(api.get(OWNER, only.path()).status()).isEqualTo(200);
    }

    // ---- who may do what ----

    @Test
    void viewersOnlyReadOtherTenantsSeeNothingAndEveryOperationNeedsAToken() {
        String ws = workspaceNamed("Roles", "pooled");
        JsonNode r = root(ws, "{\"name\": \"Roles root\", \"picture\": \"" + dataUri("image/png", PNG) + "\"}");
        JsonNode c = child(ws, id(r), "{\"name\": \"Roles child\"}");
        assertThat(api.post(OWNER, "/workspaces/" + ws + "/members",
                "{\"user_id\": \"usr_org_viewer\", \"role\": \"viewer\"}").status()).isEqualTo(201);
        assertThat(api.post(OWNER, "/workspaces/" + ws + "/members",
                "{\"user_id\": \"usr_org_admin\", \"role\": \"admin\"}").status()).isEqualTo(201);
        String outsider = "usr_org_outsider";
        String theirs = workspace(outsider, "pooled");
        Reply theirRoot = api.post(outsider, orgs(theirs), "{\"name\": \"Theirs\"}");
        assertThat(theirRoot.status()).as(theirRoot.toString()).isEqualTo(201);
        JsonNode before = list(ws);

        List<String[]> writes = writes(ws, id(r), id(c));
        for (String[] op : writes) {
            Reply forbidden = api.call(op[0], op[1], "usr_org_viewer", op[2]);
            assertThat(forbidden.status()).as(op[0] + " " + op[1] + " -> " + forbidden).isEqualTo(403);
            assertThat(forbidden.text("type")).isEqualTo("permission_error");
            assertThat(forbidden.text("code")).isEqualTo("insufficient_role");
        }
        List<String[]> reads = reads(ws, id(r), id(c));
        for (String[] op : reads) {
            Reply read = api.call(op[0], op[1], "usr_org_viewer", op[2]);
            assertThat(read.status()).as(op[0] + " " + op[1] + " -> " + read).isEqualTo(200);
        }
        assertThat(api.get("usr_org_viewer", org(ws, id(r)) + "/parent").status()).isEqualTo(204);
        assertThat(list(ws)).isEqualTo(before);

        List<String> leaks = new ArrayList<>();
        List<String[]> all = new ArrayList<>(writes);
        all.addAll(reads);
        for (String[] op : all) {
            Reply anonymous = api.call(op[0], op[1], null, op[2]);
            assertThat(anonymous.status()).as(op[0] + " " + op[1]).isEqualTo(401);
            assertThat(anonymous.text("type")).isEqualTo("authentication_error");
            // The outsider names our workspace, and our organizations under its own workspace.
            for (String path : List.of(op[1], op[1].replace("/workspaces/" + ws, "/workspaces/" + theirs))) {
                if (path.equals(op[1]) || path.contains(id(r)) || path.contains(id(c))) {
                    Reply hidden = api.call(op[0], path, outsider, op[2]);
                    if (hidden.status() != 404 || !"not_found_error".equals(hidden.text("type"))) {
                        leaks.add(op[0] + " " + path + " -> " + hidden);
                    }
                }
            }
            // No such workspace, and (below it) no such organization.
            String unknown = op[1].contains(id(c)) || op[1].contains(id(r))
                    ? op[1].replace(id(r), "org_doesnotexist0000").replace(id(c), "org_doesnotexist0001")
                    : op[1].replace("/workspaces/" + ws, "/workspaces/ws_doesnotexist0000");
            Reply missing = api.call(op[0], unknown, OWNER, op[2]);
            assertThat(missing.status()).as(op[0] + " " + unknown + " -> " + missing).isEqualTo(404);
        }
        assertThat(leaks).as("another tenant's calls that were not 404").isEmpty();
        assertThat(list(ws)).isEqualTo(before);
        assertThat(ids(api.get(outsider, orgs(theirs)).json().path("data"))).containsExactly(theirRoot.text("id"));

        // Admins write.
        JsonNode byAdmin = created(api.post("usr_org_admin", org(ws, id(c)) + "/children", "{\"name\": \"By admin\"}"));
        assertThat(api.call("PUT", org(ws, id(byAdmin)) + "/usage", "usr_org_admin",
                "{\"locations\": 0, \"users\": 0, \"sso\": 0}").status()).isEqualTo(200);
        assertThat(api.delete("usr_org_admin", org(ws, id(byAdmin))).status()).isEqualTo(204);
    }

    @Test
    void anArchivedWorkspaceRefusesEveryOrganizationWriteAndStillAnswersReads() {
        String ws = workspaceNamed("Archived", "pooled");
        JsonNode r = root(ws, "{\"name\": \"Archived root\"}");
        JsonNode c = child(ws, id(r), "{\"name\": \"Archived child\"}");
        Reply archived = api.delete(OWNER, "/workspaces/" + ws);
        assertThat(archived.status()).as(archived.toString()).isEqualTo(204);
        List<String[]> reads = reads(ws, id(r), id(c)).stream().filter(op -> !op[1].endsWith("/picture")).toList();
        List<JsonNode> before = new ArrayList<>();
        for (String[] op : reads) {
            Reply read = api.call(op[0], op[1], OWNER, op[2]);
            assertThat(read.status()).as(op[1] + " -> " + read).isEqualTo(200);
            before.add(op[1].endsWith(".pdf") ? null : read.json());
        }
        for (String[] op : writes(ws, id(r), id(c))) {
            Reply refused = api.call(op[0], op[1], OWNER, op[2]);
            assertConflict(refused, "workspace_archived");
            assertThat(refused.text("doc_url")).endsWith("/errors/workspace_archived");
        }
        for (int i = 0; i < reads.size(); i++) {
            Reply read = api.call(reads.get(i)[0], reads.get(i)[1], OWNER, reads.get(i)[2]);
            assertThat(read.status()).isEqualTo(200);
            if (before.get(i) != null) {
                assertThat(read.json()).as(reads.get(i)[1]).isEqualTo(before.get(i));
            }
        }
    }

    // ---- pictures, branding and patches ----

    @Test
    void aPictureIsAnHttpsUrlOrAnImageCheckedByItsBytesAndServedBack() {
        String ws = workspaceNamed("Pictures", "pooled");
        JsonNode linked = root(ws, "{\"name\": \"Linked\", \"picture\": \"https://cdn.acme.com/logos/west.png\"}");
        assertThat(linked.path("picture").asString()).isEqualTo("https://cdn.acme.com/logos/west.png");
        assertThat(api.get(OWNER, org(ws, id(linked)) + "/picture").status()).isEqualTo(404);

        // A PNG declared as a JPEG is a PNG.
        JsonNode png = root(ws, "{\"name\": \"Png\", \"picture\": \"" + dataUri("image/jpeg", PNG) + "\"}");
        String picturePath = org(ws, id(png)) + "/picture";
        assertThat(png.path("picture").asString()).matches("https?://[^/]+" + picturePath.replace("/", "\\/"));
        assertPicture(picturePath, "image/png", PNG);

        byte[] jpeg = image(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 5_000);
        JsonNode asJpeg = patched(ws, id(linked), "{\"picture\": \"" + dataUri("application/octet-stream", jpeg) + "\"}");
        assertThat(asJpeg.path("picture").asString()).endsWith(org(ws, id(linked)) + "/picture");
        assertPicture(org(ws, id(linked)) + "/picture", "image/jpeg", jpeg);
        JsonNode gif = child(ws, id(png), "{\"name\": \"Gif\", \"picture\": \"" + dataUri("image/gif", GIF) + "\"}");
        assertPicture(org(ws, id(gif)) + "/picture", "image/gif", GIF);

        // Up to 2 MB of image, in a body above the other operations' 64 KB.
        byte[] large = image(Arrays.copyOf(PNG, 8), 2_000_000);
        JsonNode big = root(ws, "{\"name\": \"Large\", \"picture\": \"" + dataUri("image/png", large) + "\"}");
        assertPicture(org(ws, id(big)) + "/picture", "image/png", large);

        int before = list(ws).size();
        List<String> refused = List.of(
                "http://cdn.acme.com/logos/west.png",
                "ftp://cdn.acme.com/logos/west.png",
                "not a picture",
                dataUri("text/plain", "hello, world".getBytes()),
                dataUri("image/png", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes()),
                dataUri("image/png", image(Arrays.copyOf(PNG, 8), 2_097_153)));
        for (String picture : refused) {
            String shown = picture.substring(0, Math.min(40, picture.length()));
            assertRefused(api.post(OWNER, orgs(ws), "{\"name\": \"Refused\", \"picture\": \"" + picture + "\"}"),
                    "picture", "invalid_picture", shown);
            assertRefused(api.patch(OWNER, org(ws, id(png)), "{\"picture\": \"" + picture + "\"}"),
                    "picture", "invalid_picture", shown);
        }
        // About 2.1 MB of image is longer than the 2,800,000 characters a picture may have.
        String tooLong = "{\"name\": \"Refused\", \"picture\": \""
                + dataUri("image/png", image(Arrays.copyOf(PNG, 8), 2_200_000)) + "\"}";
        for (String[] op : List.of(new String[] {"POST", orgs(ws)}, new String[] {"PATCH", org(ws, id(png))})) {
            Reply lengthy = api.call(op[0], op[1], OWNER, tooLong);
            assertThat(lengthy.status()).as(op[0] + " " + lengthy).isEqualTo(422);
            assertThat(lengthy.errorFields()).containsExactly("picture");
        }
        assertThat(list(ws)).hasSize(before);
        assertPicture(picturePath, "image/png", PNG);

        // Bodies above 3 MB are too large.
        String tooLarge = "{\"name\": \"Huge\", \"picture\": \"" + dataUri("image/png",
                image(Arrays.copyOf(PNG, 8), 2_500_000)) + "\"}";
        assertThat(tooLarge.length()).isGreaterThan(3 * 1024 * 1024);
        for (String[] op : List.of(new String[] {"POST", orgs(ws)}, new String[] {"POST", org(ws, id(png)) + "/children"},
                new String[] {"PATCH", org(ws, id(png))})) {
            Reply huge = api.call(op[0], op[1], OWNER, tooLarge);
            assertThat(huge.status()).as(op[0] + " " + op[1] + " -> " + huge.status()).isEqualTo(413);
        }
        assertThat(list(ws)).hasSize(before);

        JsonNode cleared = patched(ws, id(png), "{\"picture\": null}");
        assertThat(cleared.path("picture").isNull()).isTrue();
        assertThat(api.get(OWNER, picturePath).status()).isEqualTo(404);
        JsonNode relinked = patched(ws, id(linked), "{\"picture\": \"https://cdn.acme.com/logos/east.png\"}");
        assertThat(relinked.path("picture").asString()).isEqualTo("https://cdn.acme.com/logos/east.png");
        assertThat(api.get(OWNER, org(ws, id(linked)) + "/picture").status()).isEqualTo(404);
    }

    @Test
    void brandingColoursAreCheckedAndAPatchMergesFieldByField() {
        String ws = workspaceNamed("Branding", "pooled");
        JsonNode r = root(ws, "{\"name\": \"Brand\", \"limits\": {\"locations\": 4, \"users\": 9}, "
                + "\"branding\": {\"display_name\": \"Brand Co\", \"colors\": {\"primary\": \"#0A66C2\"}}}");
        assertThat(r.path("branding").toString()).isEqualTo("{\"display_name\":\"Brand Co\",\"login_hint\":null,"
                + "\"colors\":{\"primary\":\"#0A66C2\",\"page_background\":null}}");
        assertThat(r.path("limits").toString()).isEqualTo("{\"locations\":4,\"users\":9}");

        int before = list(ws).size();
        for (String[] invalid : List.of(
                new String[] {"{\"branding\": {\"colors\": {\"primary\": \"blue\"}}}", "branding.colors.primary", "invalid_format"},
                new String[] {"{\"branding\": {\"colors\": {\"primary\": \"#12345\"}}}", "branding.colors.primary", "invalid_format"},
                new String[] {"{\"branding\": {\"colors\": {\"page_background\": \"#GGGGGG\"}}}",
                        "branding.colors.page_background", "invalid_format"})) {
            String body = invalid[0].replace("{\"branding\"", "{\"name\": \"Bad colour\", \"branding\"");
            assertRefused(api.post(OWNER, orgs(ws), body), invalid[1], invalid[2]);
            assertRefused(api.post(OWNER, org(ws, id(r)) + "/children", body), invalid[1], invalid[2]);
            assertRefused(api.patch(OWNER, org(ws, id(r)), invalid[0]), invalid[1], invalid[2]);
        }
        Reply both = api.post(OWNER, orgs(ws), "{\"name\": \"Both\", \"picture\": \"http://x.example/p.png\", "
                + "\"branding\": {\"colors\": {\"primary\": \"red\"}}}");
        assertThat(both.status()).isEqualTo(422);
        assertThat(both.errorFields()).containsExactlyInAnyOrder("picture", "branding.colors.primary");
        for (String[] invalid : List.of(
                new String[] {"{\"limits\": {\"users\": -1}}", "limits.users"},
                new String[] {"{\"limits\": {\"seats\": 1}}", "limits.seats"},
                new String[] {"{\"name\": \"" + "x".repeat(51) + "\"}", "name"},
                new String[] {"{\"name\": \"\"}", "name"},
                new String[] {"{\"colour\": \"red\"}", "colour"})) {
            Reply refused = api.patch(OWNER, org(ws, id(r)), invalid[0]);
            assertThat(refused.status()).as(invalid[0] + " -> " + refused).isEqualTo(422);
            assertThat(refused.text("code")).isEqualTo("validation_failed");
            assertThat(refused.errorFields()).as(invalid[0]).containsExactly(invalid[1]);
        }
        for (String invalid : List.of("{}", "{\"name\": null}", "{\"limits\": {\"sso\": -2}, \"name\": \"Neg\"}",
                "{\"name\": \"Unknown\", \"colour\": \"red\"}")) {
            Reply refused = api.post(OWNER, orgs(ws), invalid);
            assertThat(refused.status()).as(invalid + " -> " + refused).isEqualTo(422);
        }
        assertThat(api.post(OWNER, orgs(ws), "{\"name\": \"Neg\", \"limits\": {\"sso\": -2}}").errorFields())
                .containsExactly("limits.sso");
        assertThat(list(ws)).hasSize(before);
        assertThat(api.get(OWNER, org(ws, id(r))).json()).isEqualTo(r);

        JsonNode renamed = patched(ws, id(r), "{\"name\": \"Brand Renamed\"}");
        assertThat(renamed.path("name").asString()).isEqualTo("Brand Renamed");
        assertThat(renamed.path("branding")).isEqualTo(r.path("branding"));
        assertThat(renamed.path("limits")).isEqualTo(r.path("limits"));
        assertThat(renamed.path("external_id")).isEqualTo(r.path("external_id"));
        assertThat(renamed.path("created_at")).isEqualTo(r.path("created_at"));
        assertThat(renamed.path("updated_at").asString()).matches(TIMESTAMP);

        Reply merged = api.patch(OWNER, org(ws, id(r)), "{\"branding\": {\"display_name\": null, "
                + "\"login_hint\": \"Sign in with Brand\", \"colors\": {\"page_background\": \"#FFFFFF\"}}, "
                + "\"limits\": {\"users\": null, \"sso\": 0}, \"external_id\": \"0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b\"}",
                "Content-Type", "application/merge-patch+json");
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.json().path("branding").toString()).isEqualTo("{\"display_name\":null,"
                + "\"login_hint\":\"Sign in with Brand\",\"colors\":{\"primary\":\"#0A66C2\",\"page_background\":\"#FFFFFF\"}}");
        assertThat(merged.json().path("limits").toString()).isEqualTo("{\"locations\":4,\"sso\":0}");
        assertThat(merged.text("external_id")).isEqualTo("0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(merged.text("name")).isEqualTo("Brand Renamed");
        assertThat(api.get(OWNER, org(ws, id(r))).json()).isEqualTo(merged.json());
        assertThat(find(list(ws), id(r))).isEqualTo(merged.json());

        JsonNode uncoloured = patched(ws, id(r), "{\"branding\": {\"colors\": {\"primary\": null}}}");
        assertThat(uncoloured.path("branding").path("colors").toString())
                .isEqualTo("{\"primary\":null,\"page_background\":\"#FFFFFF\"}");
        assertThat(uncoloured.path("branding").path("login_hint").asString()).isEqualTo("Sign in with Brand");

        // A string that is not a UUID has the right JSON type: a 422 naming the field, not a 400.
        Reply notUuid = api.patch(OWNER, org(ws, id(r)), "{\"external_id\": \"not-a-uuid\"}");
        assertThat(notUuid.status()).as(notUuid.toString()).isEqualTo(422);
        assertThat(notUuid.errorFields()).containsExactly("external_id");
    }

    @Test
    void everyBodyIsCheckedForJsonSizeMediaTypeAndShape() {
        String ws = workspaceNamed("Bodies", "pooled");
        JsonNode r = root(ws, "{\"name\": \"Bodies\"}");
        String usage = org(ws, id(r)) + "/usage";
        List<String[]> ops = List.of(new String[] {"POST", orgs(ws)}, new String[] {"POST", org(ws, id(r)) + "/children"},
                new String[] {"PATCH", org(ws, id(r))}, new String[] {"PUT", usage});
        for (String[] op : ops) {
            List<String> broken = op[0].equals("PUT")
                    ? List.of("{\"users\": ", "[1, 2]", "{\"locations\": 0, \"users\": \"five\", \"sso\": 0}")
                    : List.of("{\"name\": ", "[1, 2]", "{\"name\": 5}");
            for (String body : broken) {
                Reply bad = api.call(op[0], op[1], OWNER, body);
                assertThat(bad.status()).as(op[0] + " " + op[1] + " " + body + " -> " + bad).isEqualTo(400);
                assertThat(bad.text("type")).isEqualTo("invalid_request_error");
            }
            Reply text = api.call(op[0], op[1], OWNER, "{\"name\": \"Text\"}", "Content-Type", "text/plain");
            assertThat(text.status()).as(op[0] + " " + op[1] + " -> " + text).isEqualTo(415);
        }
        Reply huge = api.call("PUT", usage, OWNER, "{\"locations\": 0, \"users\": 0, \"sso\": 0, \"x\": \""
                + "x".repeat(70_000) + "\"}");
        assertThat(huge.status()).as("a usage report keeps the 64 KB limit").isEqualTo(413);

        for (String[] invalid : List.of(
                new String[] {"{\"locations\": 0, \"users\": 1}", "sso"},
                new String[] {"{\"locations\": 0, \"users\": -1, \"sso\": 0}", "users"},
                new String[] {"{\"locations\": 0, \"users\": 1, \"sso\": 0, \"seats\": 1}", "seats"})) {
            Reply refused = api.call("PUT", usage, OWNER, invalid[0]);
            assertThat(refused.status()).as(invalid[0] + " -> " + refused).isEqualTo(422);
            assertThat(refused.text("type")).isEqualTo("unprocessable_entity");
            assertThat(refused.errorFields()).as(invalid[0]).containsExactly(invalid[1]);
        }
        assertThat(list(ws)).hasSize(1);
        assertThat(api.get(OWNER, org(ws, id(r))).json()).isEqualTo(r);
    }

    // ---- the usage export ----

    @Test
    void theUsagePdfListsEveryOrganizationWithItsUsageLimitsAndThePools() throws IOException {
        String ws = workspaceNamed("Export", "single");
        Billing contoso = billingAccount(ws, "Contoso Billing");
        subscribe(contoso, "{\"locations\": 7, \"users\": 23, \"sso\": 1}");
        JsonNode hq = root(ws, "{\"name\": \"Contoso HQ\", \"billing_account_id\": \"" + contoso.id() + "\"}");
        JsonNode east = child(ws, id(hq), "{\"name\": \"Contoso East\", \"limits\": {\"users\": 17}}");
        child(ws, id(east), "{\"name\": \"Contoso East Depot\"}");
        root(ws, "{\"name\": \"Contoso Labs\", \"billing_account_id\": \"" + contoso.id() + "\"}");
        usage(ws, id(east), 2, 11, 0);

        String path = orgs(ws) + "/usage.pdf";
        Reply viaApi = api.get(OWNER, path);
        assertThat(viaApi.status()).as(viaApi.toString()).isEqualTo(200);
        assertThat(viaApi.header("Content-Type")).startsWith("application/pdf");
        assertThat(viaApi.header("Content-Disposition")).isEqualTo("attachment; filename=\"organization-usage.pdf\"");
        HttpResponse<byte[]> pdf = bytes(path);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text;
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            text = new PDFTextStripper().getText(document);
        }
        assertThat(text).contains("Contoso HQ", "Contoso East", "Contoso East Depot", "Contoso Labs", "Contoso Billing");
        assertThat(text.indexOf("Contoso HQ")).as("tree order").isLessThan(text.indexOf("Contoso East"));
        assertThat(text.indexOf("Contoso East Depot")).isLessThan(text.indexOf("Contoso Labs"));
        // The pool's name and capacity; East's own and subtree usage, its limit and what is free under it, all
        // after its name and before the next organization's.
        assertThat(text.substring(text.indexOf("Contoso Billing"))).contains("23");
        String eastPart = text.substring(text.indexOf("Contoso East"), text.indexOf("Contoso East Depot"));
        assertThat(eastPart).contains("11", "17", "6");
    }

    // ---- helpers ----

    static String orgs(String ws) {
        return "/workspaces/" + ws + "/organizations";
    }

    static String org(String ws, String id) {
        return orgs(ws) + "/" + id;
    }

    static String id(JsonNode org) {
        return org.path("id").asString();
    }

    String workspaceNamed(String name, String mode) {
        Reply created = api.post(OWNER, "/workspaces", "{\"name\": \"" + name + "\", \"billing_mode\": \"" + mode + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    /** A billing account of the workspace, named {@code name}. */
    Billing billingAccount(String ws, String name) {
        Reply created = api.post(OWNER, ServiceScenarios.accounts(ws),
                ServiceScenarios.ACCOUNT.replace("ACME Corp Billing", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Billing(api, stripe, OWNER, ws, created.text("id"));
    }

    /** A subscription of the account, with a card so that it needs no trial: its id. */
    String subscribe(Billing account, String productQuantities) {
        account.addCard("pm_card_visa");
        String id = account.subscribed(productQuantities);
        assertThat(api.get(OWNER, account.subscription(id)).text("status")).isIn("active", "trialing");
        return id;
    }

    int seats(String ws) {
        Reply read = api.get(OWNER, "/workspaces/" + ws);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        JsonNode seats = read.json().path("pooled_seat_limit");
        assertThat(seats.isNull()).as("pooled_seat_limit of a pooled workspace").isFalse();
        return seats.asInt();
    }

    static JsonNode created(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    static List<String> created(List<Reply> replies) {
        List<String> ids = new ArrayList<>();
        replies.forEach(r -> ids.add(created(r).path("id").asString()));
        return ids;
    }

    JsonNode root(String ws, String body) {
        return created(api.post(OWNER, orgs(ws), body));
    }

    JsonNode child(String ws, String parent, String body) {
        JsonNode child = created(api.post(OWNER, org(ws, parent) + "/children", body));
        assertThat(child.path("parent_org_id").asString()).isEqualTo(parent);
        return child;
    }

    JsonNode patched(String ws, String id, String patch) {
        Reply patched = api.patch(OWNER, org(ws, id), patch);
        assertThat(patched.status()).as(patch + " -> " + patched).isEqualTo(200);
        return patched.json();
    }

    JsonNode list(String ws) {
        Reply list = api.get(OWNER, orgs(ws));
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().path("data");
    }

    JsonNode descendants(String ws, String id) {
        Reply list = api.get(OWNER, org(ws, id) + "/descendants");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().path("data");
    }

    JsonNode limits(String ws, String id) {
        Reply limits = api.get(OWNER, org(ws, id) + "/limits");
        assertThat(limits.status()).as(limits.toString()).isEqualTo(200);
        return limits.json();
    }

    Reply report(String ws, String id, int locations, int users, int sso) {
        return api.call("PUT", org(ws, id) + "/usage", OWNER,
                "{\"locations\": " + locations + ", \"users\": " + users + ", \"sso\": " + sso + "}");
    }

    JsonNode usage(String ws, String id, int locations, int users, int sso) {
        Reply reported = report(ws, id, locations, users, sso);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        assertThat(reported.json().path("usage").path("usage").toString()).isEqualTo(
                "{\"locations\":" + locations + ",\"users\":" + users + ",\"sso\":" + sso + "}");
        return reported.json();
    }

    /** One product's entry of a limits report, all of it. */
    static void assertLimit(JsonNode report, String product, int used, int direct, Integer orgLimit, int total,
                            String contextType, String contextName) {
        JsonNode entry = null;
        for (JsonNode e : report.path("limits")) {
            if (e.path("type").asString().equals(product)) {
                entry = e;
            }
        }
        assertThat(entry).as(product + " in " + report).isNotNull();
        String as = product + " of " + report.path("organization_name").asString() + ": " + entry;
        assertThat(entry.path("used").asInt()).as(as + " used").isEqualTo(used);
        assertThat(entry.path("direct").asInt()).as(as + " direct").isEqualTo(direct);
        if (orgLimit == null) {
            assertThat(entry.path("org_limit").isNull()).as(as + " org_limit").isTrue();
        } else {
            assertThat(entry.path("org_limit").asInt()).as(as + " org_limit").isEqualTo(orgLimit);
        }
        assertThat(entry.path("total").isNull()).as(as + " total").isFalse();
        assertThat(entry.path("total").asInt()).as(as + " total").isEqualTo(total);
        assertThat(entry.path("free").asInt()).as(as + " free").isEqualTo(Math.max(0, total - used));
        assertThat(entry.path("context").path("type").asString()).as(as + " context").isEqualTo(contextType);
        assertThat(entry.path("context").path("name").asString()).as(as + " context").isEqualTo(contextName);
    }

    static void assertContext(JsonNode report, String type, String name) {
        assertThat(report.path("context").path("type").asString()).as("context of " + report).isEqualTo(type);
        assertThat(report.path("context").path("name").asString()).as("context of " + report).isEqualTo(name);
    }

    static void assertConflict(Reply reply, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.text("type")).as(reply.toString()).isEqualTo("conflict_error");
        assertThat(reply.text("code")).as(reply.toString()).isEqualTo(code);
    }

    static void assertRefused(Reply reply, String field, String rule) {
        assertRefused(reply, field, rule, "");
    }

    static void assertRefused(Reply reply, String field, String rule, String what) {
        String as = what + " -> " + (reply.toString().length() > 500 ? reply.toString().substring(0, 500) : reply);
        assertThat(reply.status()).as(as).isEqualTo(422);
        assertThat(reply.text("type")).as(as).isEqualTo("unprocessable_entity");
        assertThat(reply.text("code")).as(as).isEqualTo("validation_failed");
        assertThat(reply.errorFields()).as(as).containsExactly(field);
        assertThat(reply.json().path("errors").get(0).path("code").asString()).as(as).isEqualTo(rule);
    }

    /** Every organization write as method, path and body: one of each operation. */
    static List<String[]> writes(String ws, String root, String child) {
        return List.of(
                new String[] {"POST", orgs(ws), "{\"name\": \"Written\"}"},
                new String[] {"POST", org(ws, root) + "/children", "{\"name\": \"Written\"}"},
                new String[] {"PATCH", org(ws, child), "{\"name\": \"Written\"}"},
                new String[] {"PUT", org(ws, child) + "/usage", "{\"locations\": 0, \"users\": 0, \"sso\": 0}"},
                new String[] {"DELETE", org(ws, child), null});
    }

    /** Every organization read; the root holds a stored picture. */
    static List<String[]> reads(String ws, String root, String child) {
        return List.of(
                new String[] {"GET", orgs(ws), null},
                new String[] {"GET", orgs(ws) + "/usage.pdf", null},
                new String[] {"GET", org(ws, child), null},
                new String[] {"GET", org(ws, child) + "/parent", null},
                new String[] {"GET", org(ws, root) + "/descendants", null},
                new String[] {"GET", org(ws, child) + "/limits", null},
                new String[] {"GET", org(ws, root) + "/picture", null});
    }

    static String dataUri(String declaredType, byte[] bytes) {
        return "data:" + declaredType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /** {@code size} bytes: the magic bytes, then noise. */
    static byte[] image(byte[] magic, int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    /** The picture through the API (held to the contract) and byte for byte. */
    void assertPicture(String path, String contentType, byte[] expected) {
        Reply viaApi = api.get(OWNER, path);
        assertThat(viaApi.status()).as(path + " -> " + viaApi.status()).isEqualTo(200);
        HttpResponse<byte[]> raw = bytes(path);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith(contentType);
        assertThat(raw.body()).as("the stored bytes").isEqualTo(expected);
    }

    HttpResponse<byte[]> bytes(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(service.server().baseUrl() + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + api.token(OWNER)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} calls on 8 threads, in no particular order: their replies in index order. */
    static List<Reply> inParallel(int count, IntFunction<Reply> call) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> call.apply(index)));
            }
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
