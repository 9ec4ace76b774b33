package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Subscription;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.SubscriptionCreateParams;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import io.billingaccounts.stripe.emulator.requestlog.LoggedRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each fault through the real stripe-java, and whether the change happened behind it. */
class FaultInjectionTest extends EmulatorTest {

    private static final CustomerCreateParams ANN = CustomerCreateParams.builder().setName("Ann").build();

    @Test
    void http500AnswersAnApiErrorAndChangesNothing() {
        emulator.faults().inject("POST /v1/customers", FaultKind.HTTP_500, 1);

        assertThatThrownBy(() -> stripe.v1().customers().create(ANN))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(500);
                    assertThat(e.getStripeError().getType()).isEqualTo("api_error");
                });
        assertThat(customerCount()).isZero();
    }

    @Test
    void http429AnswersARateLimitErrorAndChangesNothing() {
        emulator.faults().inject("POST /v1/customers", FaultKind.HTTP_429, 1);

        assertThatThrownBy(() -> stripe.v1().customers().create(ANN))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(429);
                    assertThat(e.getCode()).isEqualTo("rate_limit");
                });
        assertThat(customerCount()).isZero();
    }

    @Test
    void timeoutHoldsTheRequestPastTheClientsReadTimeoutAndChangesNothing() {
        emulator.faults().inject("POST /v1/customers", FaultKind.TIMEOUT, 1);
        StripeClient impatient = clientWithReadTimeout(emulator, 300);

        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.v1().customers().create(ANN)).isInstanceOf(ApiConnectionException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(customerCount()).isZero();
    }

    @Test
    void resetDropsTheConnectionAndChangesNothing() {
        // Java's HttpURLConnection (under stripe-java) quietly resends a request once when its
        // connection drops before an answer, so a client sees a reset only when the resend drops too.
        emulator.faults().inject("POST /v1/customers", FaultKind.RESET, 2);

        assertThatThrownBy(() -> stripe.v1().customers().create(ANN)).isInstanceOf(ApiConnectionException.class);

        assertThat(emulator.requests().entries()).extracting(LoggedRequest::status).containsOnlyNulls().hasSize(2);
        assertThat(customerCount()).isZero();
    }

    @Test
    void commitThen500DoesTheChangeAndARetryWithTheSameKeyGetsTheResult() throws StripeException {
        emulator.faults().inject("POST /v1/customers", FaultKind.COMMIT_THEN_500, 1);
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("create-ann").build();

        assertThatThrownBy(() -> stripe.v1().customers().create(ANN, key))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(500));
        assertThat(customerCount()).isEqualTo(1);

        Customer recovered = stripe.v1().customers().create(ANN, key);
        assertThat(recovered.getName()).isEqualTo("Ann");
        assertThat(recovered.getLastResponse().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(customerCount()).isEqualTo(1);
    }

    @Test
    void commitThenTimeoutDoesTheChangeUnansweredAndARetryWithTheSameKeyGetsTheResult() throws StripeException {
        emulator.faults().inject("POST /v1/customers", FaultKind.COMMIT_THEN_TIMEOUT, 1);
        StripeClient impatient = clientWithReadTimeout(emulator, 300);
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("create-ann-slowly").build();

        assertThatThrownBy(() -> impatient.v1().customers().create(ANN, key))
                .isInstanceOf(ApiConnectionException.class);
        assertThat(customerCount()).isEqualTo(1);

        Customer recovered = stripe.v1().customers().create(ANN, key);
        assertThat(recovered.getLastResponse().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(customerCount()).isEqualTo(1);
    }

    @Test
    void aFaultHitsAsManyMatchingRequestsAsItsTimesAndNoOthers() throws StripeException {
        String id = stripe.v1().customers().create(ANN).getId();
        emulator.faults().inject("POST /v1/customers/*", FaultKind.HTTP_500, 2);
        CustomerUpdateParams rename = CustomerUpdateParams.builder().setName("Bob").build();

        assertThat(stripe.v1().customers().retrieve(id).getName()).isEqualTo("Ann");
        assertThatThrownBy(() -> stripe.v1().customers().update(id, rename)).isInstanceOf(ApiException.class);
        assertThat(emulator.faults().list()).singleElement().satisfies(rule -> assertThat(rule.remaining()).isEqualTo(1));
        assertThatThrownBy(() -> stripe.v1().customers().update(id, rename)).isInstanceOf(ApiException.class);

        assertThat(stripe.v1().customers().update(id, rename).getName()).isEqualTo("Bob");
        assertThat(emulator.faults().list()).isEmpty();
    }

    @Test
    void doubleStarMatchesAnyRestAndAStarMethodAnyMethod() throws StripeException {
        String id = stripe.v1().customers().create(ANN).getId();
        emulator.faults().inject("* /v1/**", FaultKind.HTTP_429, 2);

        assertThatThrownBy(() -> stripe.v1().customers().retrieve(id)).isInstanceOf(RateLimitException.class);
        assertThatThrownBy(() -> stripe.v1().customers().delete(id)).isInstanceOf(RateLimitException.class);
        assertThat(stripe.v1().customers().retrieve(id).getDeleted()).isNull();
    }

    @Test
    void aFaultOnSubscriptionCreatesIsLoggedAndCreatesNothingUntilItIsUsedUp() throws StripeException {
        String customer = stripe.v1().customers().create(ANN).getId();
        PaymentMethods.attachAsDefault(stripe, customer, "pm_card_visa");
        SubscriptionCreateParams users = SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice("price_users_monthly_usd").setQuantity(2L).build())
                .setPaymentBehavior(SubscriptionCreateParams.PaymentBehavior.ERROR_IF_INCOMPLETE).build();
        emulator.faults().inject("POST /v1/subscriptions", FaultKind.HTTP_500, 1);

        assertThatThrownBy(() -> stripe.v1().subscriptions().create(users))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(500));
        assertThat(RawHttp.json(http.stripe("GET", "/v1/subscriptions?status=all", null)).get("data")).isEmpty();
        assertThat(RawHttp.json(http.stripe("GET", "/v1/invoices", null)).get("data")).isEmpty();
        assertThat(emulator.requests().entries()).filteredOn(request -> request.path().equals("/v1/subscriptions")
                && request.method().equals("POST"))
                .extracting(LoggedRequest::method, LoggedRequest::status).containsExactly(tuple("POST", 500));

        emulator.faults().inject("POST /v1/subscriptions", FaultKind.COMMIT_THEN_500, 1);
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("subscribe-ann").build();
        assertThatThrownBy(() -> stripe.v1().subscriptions().create(users, key)).isInstanceOf(ApiException.class);
        Subscription recovered = stripe.v1().subscriptions().create(users, key);

        assertThat(recovered.getStatus()).isEqualTo("active");
        assertThat(RawHttp.json(http.stripe("GET", "/v1/invoices", null)).get("data")).hasSize(1);
        assertThat(emulator.requests().count("POST /v1/subscriptions")).isEqualTo(3);
    }

    @Test
    void clearingDisarmsEveryFault() throws StripeException {
        emulator.faults().inject("POST /v1/customers", FaultKind.HTTP_500, 5);

        emulator.faults().clear();

        assertThat(stripe.v1().customers().create(ANN).getName()).isEqualTo("Ann");
    }

    private long customerCount() {
        return RawHttp.json(http.stripe("GET", "/v1/customers?limit=100", null)).get("data").size();
    }
}
