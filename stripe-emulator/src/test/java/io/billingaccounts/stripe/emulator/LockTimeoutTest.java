package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.RateLimitException;
import com.stripe.model.Customer;
import com.stripe.param.CustomerUpdateParams;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent writes of one object, as Stripe answers them with lock timeouts on: one runs, the others get 429
 * {@code lock_timeout}. Each write holds its object through the configured delay, so writes started together meet.
 */
class LockTimeoutTest extends EmulatorTest {

    private static final long DELAY_MILLIS = 300;

    @Override
    protected EmulatorOptions.Builder options() {
        return super.options().delayMillis(DELAY_MILLIS).lockTimeouts(true);
    }

    @Test
    void aSecondWriteOfTheObjectMeanwhileIsALockTimeoutToldToRetry() throws Exception {
        String id = newCustomer();

        List<HttpResponse<String>> answers = together(
                () -> http.stripe("POST", "/v1/customers/" + id, "name=Bob"),
                () -> http.stripe("POST", "/v1/customers/" + id, "name=Cy"));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 429);
        HttpResponse<String> refused = answers.stream().filter(answer -> answer.statusCode() == 429).findFirst().get();
        JsonNode error = RawHttp.json(refused).get("error");
        assertThat(error.get("code").asString()).isEqualTo("lock_timeout");
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("doc_url").asString()).isEqualTo("https://stripe.com/docs/error-codes/lock-timeout");
        assertThat(error.get("message").asString()).startsWith("This object cannot be accessed right now");
        assertThat(refused.headers().firstValue("Stripe-Should-Retry")).hasValue("true");
        assertThat(refused.headers().firstValue("Request-Id")).isPresent();
        assertThat(emulator.requests().entries()).filteredOn(request -> request.path().endsWith(id))
                .extracting(request -> request.status()).containsExactlyInAnyOrder(200, 429);
    }

    @Test
    void stripeJavaSeesARateLimitExceptionWithCodeLockTimeout() throws Exception {
        String id = newCustomer();
        CustomerUpdateParams rename = CustomerUpdateParams.builder().setName("Bob").build();

        List<Object> outcomes = together(() -> attempt(() -> stripe.v1().customers().update(id, rename)),
                () -> attempt(() -> stripe.v1().customers().update(id, rename)));

        assertThat(outcomes).filteredOn(Customer.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(RateLimitException.class::isInstance).singleElement()
                .satisfies(refused -> {
                    RateLimitException e = (RateLimitException) refused;
                    assertThat(e.getStatusCode()).isEqualTo(429);
                    assertThat(e.getCode()).isEqualTo("lock_timeout");
                });
    }

    @Test
    void stripeJavaRetriesALockTimeoutOnItsOwn() throws Exception {
        String id = newCustomer();
        StripeClient retrying = StripeClient.builder().setApiKey(RawHttp.TEST_KEY).setApiBase(emulator.baseUrl())
                .setMaxNetworkRetries(5).build();
        CustomerUpdateParams rename = CustomerUpdateParams.builder().setName("Bob").build();

        List<Customer> renamed = together(() -> retrying.v1().customers().update(id, rename),
                () -> retrying.v1().customers().update(id, rename));

        assertThat(renamed).extracting(Customer::getName).containsExactly("Bob", "Bob");
        assertThat(emulator.requests().entries()).filteredOn(request -> request.path().endsWith(id))
                .extracting(request -> request.status()).contains(429).endsWith(200);
    }

    @Test
    void writesOfOtherObjectsDoNotMeet() throws Exception {
        String ann = newCustomer();
        String bob = newCustomer();

        List<HttpResponse<String>> answers = together(() -> http.stripe("POST", "/v1/customers/" + ann, "name=A"),
                () -> http.stripe("POST", "/v1/customers/" + bob, "name=B"),
                () -> http.stripe("GET", "/v1/customers/" + ann, null),
                () -> http.stripe("POST", "/v1/customers", "name=C"),
                () -> http.stripe("POST", "/v1/customers", "name=D"));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
    }

    @Test
    void aLockTimeoutStoresNoIdempotencyRecord() throws Exception {
        String id = newCustomer();

        List<HttpResponse<String>> answers = together(
                () -> http.stripe("POST", "/v1/customers/" + id, "name=Bob", "Idempotency-Key", "a"),
                () -> http.stripe("POST", "/v1/customers/" + id, "name=Bob", "Idempotency-Key", "b"));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 429);
        String refusedKey = answers.get(0).statusCode() == 429 ? "a" : "b";
        HttpResponse<String> retried = http.stripe("POST", "/v1/customers/" + id, "name=Bob", "Idempotency-Key",
                refusedKey);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).as("run afresh").isEmpty();
    }

    @Test
    void offWritesOfOneObjectRunInTurn() throws Exception {
        emulator.setLockTimeouts(false);
        String id = newCustomer();

        List<HttpResponse<String>> answers = together(() -> http.stripe("POST", "/v1/customers/" + id, "name=Bob"),
                () -> http.stripe("POST", "/v1/customers/" + id, "name=Cy"));

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
    }

    @Test
    void theControlApiTurnsThemOnAndOff() {
        assertThat(RawHttp.json(http.control("GET", "/_emulator/lock-timeouts", null)).get("enabled").asBoolean())
                .isTrue();

        HttpResponse<String> off = http.control("POST", "/_emulator/lock-timeouts", "{\"enabled\": false}");

        assertThat(RawHttp.json(off).get("enabled").asBoolean()).isFalse();
        assertThat(emulator.lockTimeouts()).isFalse();
        assertThat(http.control("POST", "/_emulator/lock-timeouts", "{\"enabled\": \"yes\"}").statusCode())
                .isEqualTo(400);
        emulator.reset();
        assertThat(emulator.lockTimeouts()).as("a reset keeps the switch").isFalse();
    }

    /** Runs the calls at once, each on its own thread, and answers their results in order. */
    @SafeVarargs
    private static <T> List<T> together(Callable<? extends T>... calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<? extends T>> running = new ArrayList<>();
            for (Callable<? extends T> call : calls) {
                running.add(threads.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<? extends T> result : running) {
                results.add(result.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    /** The call's result, or the exception it threw. */
    private static Object attempt(Callable<?> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return e;
        }
    }
}
