package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Subscription;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionSearchParams;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Search that lags writes as Stripe's does: an object shows in search only once the lag has passed, in real time,
 * since it was created or last changed. Retrieve and list see it at once.
 */
class SearchLagTest extends EmulatorTest {

    private static final Duration LAG = Duration.ofMillis(700);
    private static final String WORKSPACE = "metadata['workspace_id']:'ws_1'";

    @Override
    protected EmulatorOptions.Builder options() {
        return super.options().searchLagMillis(LAG.toMillis());
    }

    @Test
    void aCustomerSearchRightAfterCreateFindsNothingAndFindsItOnceTheLagHasPassed() throws StripeException {
        Customer ann = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Ann")
                .putMetadata("workspace_id", "ws_1").build());
        long created = System.nanoTime();

        assertThat(customers(WORKSPACE)).isEmpty();
        assertThat(stripe.v1().customers().retrieve(ann.getId()).getName()).as("retrieve is not lagged").isEqualTo("Ann");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> customers(WORKSPACE), found -> !found.isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - created)).isGreaterThanOrEqualTo(LAG);
        assertThat(customers(WORKSPACE)).extracting(Customer::getId).containsExactly(ann.getId());
    }

    @Test
    void aChangedCustomerIsOutOfSearchForTheLagThenFoundAsItIsNow() throws StripeException {
        Customer ann = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Ann")
                .putMetadata("workspace_id", "ws_1").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> customers(WORKSPACE), found -> !found.isEmpty());

        stripe.v1().customers().update(ann.getId(), CustomerUpdateParams.builder().setName("Anne").build());

        assertThat(customers(WORKSPACE)).as("the change hides it rather than showing it as it was").isEmpty();
        assertThat(customers("name:'Anne'")).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> customers("name:'Anne'"), found -> !found.isEmpty());
        assertThat(customers(WORKSPACE)).extracting(Customer::getName).containsExactly("Anne");
    }

    @Test
    void subscriptionSearchLagsToo() throws StripeException {
        String customer = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
        Subscription trial = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_users_monthly_usd").build())
                .setTrialPeriodDays(7L).putMetadata("plan", "pro").build());

        assertThat(subscriptions("metadata['plan']:'pro'")).isEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions("metadata['plan']:'pro'"),
                found -> !found.isEmpty());
        assertThat(subscriptions("status:'trialing'")).extracting(Subscription::getId).containsExactly(trial.getId());
    }

    @Test
    void theLagIsSetThroughTheEmulatorOrTheControlApiAndZeroShowsWritesAtOnce() throws StripeException {
        assertThat(emulator.searchLag()).isEqualTo(LAG);
        assertThat(RawHttp.json(http.control("GET", "/_emulator/search-lag", null)).get("millis").asLong())
                .isEqualTo(LAG.toMillis());

        assertThat(http.control("POST", "/_emulator/search-lag", "{\"millis\": 0}").statusCode()).isEqualTo(200);
        stripe.v1().customers().create(CustomerCreateParams.builder().putMetadata("workspace_id", "ws_1").build());

        assertThat(emulator.searchLag()).isZero();
        assertThat(customers(WORKSPACE)).hasSize(1);
        emulator.setSearchLag(Duration.ofMinutes(1));
        assertThat(customers(WORKSPACE)).as("a lag applies to later writes").hasSize(1);
        assertThat(RawHttp.json(http.control("GET", "/_emulator/search-lag", null)).get("millis").asLong())
                .isEqualTo(60_000);
        assertThat(http.control("POST", "/_emulator/search-lag", "{\"millis\": -1}").statusCode()).isEqualTo(400);
        assertThat(http.control("POST", "/_emulator/search-lag", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void aResetKeepsTheLag() {
        emulator.reset();

        assertThat(emulator.searchLag()).isEqualTo(LAG);
    }

    private List<Customer> customers(String query) throws StripeException {
        return stripe.v1().customers().search(CustomerSearchParams.builder().setQuery(query).build()).getData();
    }

    private List<Subscription> subscriptions(String query) throws StripeException {
        return stripe.v1().subscriptions().search(SubscriptionSearchParams.builder().setQuery(query).build()).getData();
    }
}
