package io.billingaccounts.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.billingaccounts.server.support.Api.Reply;
import io.billingaccounts.server.support.ServiceTest;

/** ETags on every account answer; If-Match guards PATCH and DELETE against lost updates. */
class ConditionalRequestsTest extends ServiceTest {

    private String path;

    @BeforeEach
    void anAccount() {
        String workspace = api.workspace("usr_ida", "pooled");
        path = "/workspaces/" + workspace + "/billing-accounts/" + api.account("usr_ida", workspace);
    }

    @Test
    void aStaleTagIsRefusedAndAListHoldingTheCurrentOneIsNot() {
        String first = api.get("usr_ida", path).header("ETag");
        Reply changed = patch("{\"name\": \"Renamed\"}", first);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(first);

        Reply stale = patch("{\"name\": \"Lost update\"}", first);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.text("code")).isEqualTo("etag_mismatch");
        assertThat(api.get("usr_ida", path).text("name")).isEqualTo("Renamed");

        assertThat(patch("{\"name\": \"Listed\"}", first + ", " + changed.header("ETag")).status()).isEqualTo(200);
        assertThat(patch("{\"name\": \"Anything\"}", "*").status()).isEqualTo(200);
    }

    @Test
    void aWeakTagNeverMatches() {
        String current = api.get("usr_ida", path).header("ETag");
        assertThat(patch("{\"name\": \"Weak\"}", "W/" + current).status()).isEqualTo(412);
        Reply delete = api.send("usr_ida", "DELETE", path, null, Map.of("If-Match", "W/" + current));
        assertThat(delete.status()).isEqualTo(412);
        assertThat(api.send("usr_ida", "DELETE", path, null, Map.of("If-Match", current)).status()).isEqualTo(204);
    }

    private Reply patch(String body, String ifMatch) {
        return api.send("usr_ida", "PATCH", path, body, Map.of("If-Match", ifMatch));
    }
}
