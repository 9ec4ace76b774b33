package io.billingaccounts.stripe.emulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingaccounts.stripe.emulator.limits.SearchLag;
import io.billingaccounts.stripe.emulator.params.ParamCatalog;
import io.billingaccounts.stripe.emulator.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Router router = new Router(new SearchLag(Duration.ZERO));

    @Test
    void everyRouteHasParameterRulesAndEveryRuleARoute() throws IOException {
        try (InputStream rules = ParamCatalog.class.getResourceAsStream(ParamCatalog.RESOURCE)) {
            assertThat(router.routes()).extracting(Router.Route::operationKey)
                    .containsExactlyInAnyOrderElementsOf(Json.parse(rules.readAllBytes()).propertyNames());
        }
    }

    @Test
    void aLiteralPathWinsOverTheTemplateBesideIt() {
        assertThat(router.match("GET", "/v1/customers/search").route().operationKey()).isEqualTo("GET /v1/customers/search");
        Router.Match retrieve = router.match("GET", "/v1/customers/cus_123");
        assertThat(retrieve.route().operationKey()).isEqualTo("GET /v1/customers/{customer}");
        assertThat(retrieve.id()).isEqualTo("cus_123");
    }

    @Test
    void matchesNothingElse() {
        assertThat(router.match("PUT", "/v1/customers")).isNull();
        assertThat(router.match("GET", "/v1/customers/cus_1/sources")).isNull();
        assertThat(router.match("DELETE", "/v1/prices/price_1")).isNull();
        assertThat(router.match("POST", "/v1/events/evt_1")).isNull();
    }
}
