package io.billingaccounts.stripe.emulator.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingaccounts.stripe.emulator.support.Json;
import io.billingaccounts.stripe.emulator.support.StripeError;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SearchQueryTest {

    private final ObjectNode ann = customer("Ann Smith", "ann@example.com", 1_700_000_000L, "ws_1", "eu");
    private final ObjectNode bob = customer("Bob", null, 1_800_000_000L, "ws_2", "eu");

    @Test
    void matchesMetadataExactly() {
        Predicate<ObjectNode> query = SearchQuery.parse("metadata['workspace_id']:'ws_1'", SearchQuery.CUSTOMERS);

        assertThat(query).accepts(ann).rejects(bob);
        assertThat(SearchQuery.parse("metadata['workspace_id']:'WS_1'", SearchQuery.CUSTOMERS)).rejects(ann);
        assertThat(SearchQuery.parse("metadata[\"missing\"]:\"x\"", SearchQuery.CUSTOMERS)).rejects(ann, bob);
    }

    @Test
    void combinesWithAndOrOrAndNegates() {
        assertThat(SearchQuery.parse("metadata['region']:'eu' AND metadata['workspace_id']:'ws_2'", SearchQuery.CUSTOMERS)).accepts(bob).rejects(ann);
        assertThat(SearchQuery.parse("metadata['workspace_id']:'ws_1' OR name:'bob'", SearchQuery.CUSTOMERS)).accepts(ann, bob);
        assertThat(SearchQuery.parse("-metadata['workspace_id']:'ws_1'", SearchQuery.CUSTOMERS)).accepts(bob).rejects(ann);
    }

    @Test
    void comparesStringFieldsWithoutCaseAndBySubstring() {
        assertThat(SearchQuery.parse("email:'ANN@example.com'", SearchQuery.CUSTOMERS)).accepts(ann).rejects(bob);
        assertThat(SearchQuery.parse("name~'smi'", SearchQuery.CUSTOMERS)).accepts(ann).rejects(bob);
    }

    @Test
    void comparesCreatedAsATimestamp() {
        assertThat(SearchQuery.parse("created>1750000000", SearchQuery.CUSTOMERS)).accepts(bob).rejects(ann);
        assertThat(SearchQuery.parse("created<=1700000000", SearchQuery.CUSTOMERS)).accepts(ann).rejects(bob);
    }

    @Test
    void refusesWhatStripeRefuses() {
        for (String invalid : new String[] {"metadata['a']:'b' AND name:'x' OR name:'y'", "currency:'eur'",
                "name~'ab'", "metadata['a']>'b'", "name:'unterminated", "name 'x'", ""}) {
            assertThatThrownBy(() -> SearchQuery.parse(invalid, SearchQuery.CUSTOMERS)).as(invalid)
                    .isInstanceOfSatisfying(StripeError.class, e -> assertThat(e.param()).isEqualTo("query"));
        }
    }

    private static ObjectNode customer(String name, String email, long created, String workspace, String region) {
        ObjectNode customer = Json.object().put("name", name).put("email", email).put("phone", (String) null)
                .put("created", created);
        customer.putObject("metadata").put("workspace_id", workspace).put("region", region);
        return customer;
    }
}
