package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.IdempotencyException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import io.billingaccounts.stripe.emulator.faults.FaultKind;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdempotencyTest extends EmulatorTest {

    private static final CustomerCreateParams ANN = CustomerCreateParams.builder().setName("Ann").build();

    @Test
    void theSameKeyAndParametersReplayTheFirstAnswer() throws StripeException {
        Customer first = stripe.v1().customers().create(ANN, key("k1"));

        Customer again = stripe.v1().customers().create(ANN, key("k1"));

        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(again.getLastResponse().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.getLastResponse().headers().firstValue("Original-Request")).hasValue(first.getLastResponse().requestId());
        assertThat(again.getLastResponse().requestId()).isNotEqualTo(first.getLastResponse().requestId());
        assertThat(first.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(customerCount()).isEqualTo(1);
    }

    @Test
    void aReplayAnswersTheStoredAnswerEvenWhenTheObjectChangedSince() throws StripeException {
        String id = stripe.v1().customers().create(ANN).getId();
        CustomerUpdateParams toBob = CustomerUpdateParams.builder().setName("Bob").build();
        Customer first = stripe.v1().customers().update(id, toBob, key("k10"));
        stripe.v1().customers().update(id, CustomerUpdateParams.builder().setName("Cy").build());

        Customer again = stripe.v1().customers().update(id, toBob, key("k10"));

        assertThat(again.getName()).isEqualTo("Bob");
        assertThat(again.getLastResponse().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.getLastResponse().body()).isEqualTo(first.getLastResponse().body());
        assertThat(stripe.v1().customers().retrieve(id).getName()).as("the replay changed nothing").isEqualTo("Cy");
    }

    @Test
    void aReplayAnswersTheFirstStatusAndBodyEvenForAnError() {
        HttpResponse<String> first = http.stripe("POST", "/v1/customers/cus_nobody000000", "name=Ann", "Idempotency-Key", "k2");
        HttpResponse<String> again = http.stripe("POST", "/v1/customers/cus_nobody000000", "name=Ann", "Idempotency-Key", "k2");

        assertThat(first.statusCode()).isEqualTo(404);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void theSameKeyWithOtherParametersIsAnIdempotencyError() throws StripeException {
        stripe.v1().customers().create(ANN, key("k3"));

        assertThatThrownBy(() -> stripe.v1().customers().create(CustomerCreateParams.builder().setName("Bob").build(), key("k3")))
                .isInstanceOfSatisfying(IdempotencyException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getType()).isEqualTo("idempotency_error");
                });
        assertThat(customerCount()).isEqualTo(1);
    }

    @Test
    void theSameKeyOnAnotherPathIsAnIdempotencyError() throws StripeException {
        String id = stripe.v1().customers().create(ANN, key("k4")).getId();

        assertThatThrownBy(() -> stripe.v1().customers().update(id, CustomerUpdateParams.builder().setName("Ann").build(), key("k4")))
                .isInstanceOfSatisfying(IdempotencyException.class,
                        e -> assertThat(e.getStripeError().getMessage()).contains("same endpoint"));
    }

    @Test
    void keysExpireAfter24Hours() throws StripeException {
        String first = stripe.v1().customers().create(ANN, key("k5")).getId();
        clock.add(Duration.ofHours(23));
        assertThat(stripe.v1().customers().create(ANN, key("k5")).getId()).isEqualTo(first);

        clock.add(Duration.ofHours(1));
        Customer afresh = stripe.v1().customers().create(ANN, key("k5"));

        assertThat(afresh.getId()).isNotEqualTo(first);
        assertThat(afresh.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(customerCount()).isEqualTo(2);
    }

    @Test
    void aRequestRefusedForItsParametersStoresNothing() throws StripeException {
        assertThat(http.stripe("POST", "/v1/customers", "currency=eur", "Idempotency-Key", "k6").statusCode()).isEqualTo(400);

        Customer created = stripe.v1().customers().create(ANN, key("k6"));

        assertThat(created.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void aFaultThatDoesNothingStoresNothing() throws StripeException {
        emulator.faults().inject("POST /v1/customers", FaultKind.HTTP_500, 1);
        assertThat(http.stripe("POST", "/v1/customers", "name=Ann", "Idempotency-Key", "k7").statusCode()).isEqualTo(500);

        Customer created = stripe.v1().customers().create(ANN, key("k7"));

        assertThat(created.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(customerCount()).isEqualTo(1);
    }

    @Test
    void keysApplyToPostOnly() throws StripeException {
        String id = stripe.v1().customers().create(ANN).getId();

        HttpResponse<String> get = http.stripe("GET", "/v1/customers/" + id, null, "Idempotency-Key", "k8");
        HttpResponse<String> post = http.stripe("POST", "/v1/customers", "name=Bob", "Idempotency-Key", "k8");

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void aKeyLongerThan255CharactersIsRefused() {
        HttpResponse<String> response = http.stripe("POST", "/v1/customers", "name=Ann", "Idempotency-Key", "k".repeat(256));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(customerCount()).isZero();
    }

    private static RequestOptions key(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    private long customerCount() {
        return RawHttp.json(http.stripe("GET", "/v1/customers?limit=100", null)).get("data").size();
    }
}
