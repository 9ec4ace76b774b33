package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.param.CustomerCreateParams;
import io.billingaccounts.stripe.emulator.limits.RateLimits;
import io.billingaccounts.stripe.emulator.requestlog.LoggedRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Stripe's per-second limits on reads and writes: a request over its limit is answered 429 {@code rate_limit} and
 * does nothing. The window is real time; each test makes its requests well within a second of each other.
 */
class RateLimitTest extends EmulatorTest {

    private static final CustomerCreateParams ANN = CustomerCreateParams.builder().setName("Ann").build();

    @Test
    void offByDefault() {
        assertThat(emulator.rateLimits()).isEqualTo(RateLimits.NONE);
        for (int i = 0; i < 60; i++) {
            assertThat(http.stripe("POST", "/v1/customers", "name=c" + i).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aWriteOverTheLimitIsARateLimitExceptionInStripeJavaAndDoesNothing() throws StripeException {
        emulator.setRateLimits(0, 2);
        stripe.v1().customers().create(ANN);
        stripe.v1().customers().create(ANN);

        assertThatThrownBy(() -> stripe.v1().customers().create(ANN))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(429);
                    assertThat(e.getCode()).isEqualTo("rate_limit");
                    assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
                    assertThat(e.getStripeError().getDocUrl()).isEqualTo("https://stripe.com/docs/error-codes/rate-limit");
                    assertThat(e.getRequestId()).startsWith("req_");
                });

        assertThat(customerCount()).isEqualTo(2);
        assertThat(emulator.requests().entries()).extracting(LoggedRequest::status).containsExactly(200, 200, 429, 200);
    }

    @Test
    void stripeJavaDoesNotRetryARateLimitForItIsNotToldTo() {
        emulator.setRateLimits(0, 1);
        StripeClient retrying = StripeClient.builder().setApiKey(RawHttp.TEST_KEY).setApiBase(emulator.baseUrl())
                .setMaxNetworkRetries(3).build();
        http.stripe("POST", "/v1/customers", "name=first");

        HttpResponse<String> limited = http.stripe("POST", "/v1/customers", "name=second");
        assertThatThrownBy(() -> retrying.v1().customers().create(ANN)).isInstanceOf(RateLimitException.class);

        assertThat(limited.headers().firstValue("Stripe-Should-Retry")).isEmpty();
        assertThat(limited.headers().firstValue("Request-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        assertThat(emulator.requests().count("POST /v1/customers")).isEqualTo(3);
    }

    @Test
    void readAndWriteLimitsAreEnforcedApart() {
        emulator.setRateLimits(2, 3);

        List<Integer> writes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writes.add(http.stripe("POST", "/v1/customers", "name=c" + i).statusCode());
        }
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            reads.add(http.stripe("GET", "/v1/customers", null).statusCode());
        }

        assertThat(writes).containsExactly(200, 200, 200, 429);
        assertThat(reads).as("the writes used up none of the reads").containsExactly(200, 200, 429);
        assertThat(emulator.requests().count("POST /v1/customers")).isEqualTo(4);
    }

    @Test
    void aBurstOfConcurrentWritesGetsNoMoreThanTheLimitInAnyOneSecond() throws Exception {
        int limit = 10;
        int burst = 60;
        emulator.setRateLimits(0, limit);
        ExecutorService clients = Executors.newFixedThreadPool(burst);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String name = "c" + i;
                answers.add(clients.submit(() -> {
                    go.await();
                    return http.stripe("POST", "/v1/customers", "name=" + name).statusCode();
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            int accepted = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertThat(status).isIn(200, 429);
                accepted += status == 200 ? 1 : 0;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // All were admitted between start and now: that span holds (whole seconds + 1) one-second windows.
            assertThat(accepted).isBetween(limit, limit * (int) (took.toSeconds() + 1));
            assertThat(customerCount()).as("a refused write does nothing").isEqualTo(accepted);
            assertThat(emulator.requests().entries()).filteredOn(request -> request.status() == 429)
                    .hasSize(burst - accepted);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aRefusedRequestStoresNoIdempotencyRecord() {
        emulator.setRateLimits(0, 1);
        http.stripe("POST", "/v1/customers", "name=first");
        assertThat(http.stripe("POST", "/v1/customers", "name=Ann", "Idempotency-Key", "k1").statusCode()).isEqualTo(429);
        emulator.setRateLimits(0, 0);

        HttpResponse<String> retried = http.stripe("POST", "/v1/customers", "name=Ann", "Idempotency-Key", "k1");

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(customerCount()).isEqualTo(2);
    }

    @Test
    void theControlApiSetsAndTellsTheLimits() {
        assertThat(RawHttp.json(http.control("GET", "/_emulator/rate-limits", null)).get("reads_per_second").asInt())
                .isZero();

        HttpResponse<String> set = http.control("POST", "/_emulator/rate-limits",
                "{\"reads_per_second\": 25, \"writes_per_second\": 1}");

        assertThat(set.statusCode()).isEqualTo(200);
        JsonNode limits = RawHttp.json(http.control("GET", "/_emulator/rate-limits", null));
        assertThat(limits.get("reads_per_second").asInt()).isEqualTo(25);
        assertThat(limits.get("writes_per_second").asInt()).isEqualTo(1);
        assertThat(emulator.rateLimits()).isEqualTo(new RateLimits(25, 1));
        assertThat(http.stripe("POST", "/v1/customers", "name=a").statusCode()).isEqualTo(200);
        assertThat(http.stripe("POST", "/v1/customers", "name=b").statusCode()).isEqualTo(429);
        http.control("POST", "/_emulator/rate-limits", "{\"writes_per_second\": 0}");
        assertThat(emulator.rateLimits()).as("what is left out stays").isEqualTo(new RateLimits(25, 0));
        assertThat(http.control("POST", "/_emulator/rate-limits", "{\"reads_per_second\": -1}").statusCode())
                .isEqualTo(400);
        assertThat(http.control("POST", "/_emulator/rate-limits", "{\"reads_per_second\": \"many\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aResetKeepsTheLimits() {
        emulator.setRateLimits(5, 1);

        emulator.reset();

        assertThat(emulator.rateLimits()).isEqualTo(new RateLimits(5, 1));
    }

    @Test
    void theOptionsSetThemAtStart() {
        try (StripeEmulator limited = StripeEmulator.start(EmulatorOptions.builder().readRateLimit(25)
                .writeRateLimit(1).build())) {
            RawHttp direct = new RawHttp(limited.baseUrl());

            assertThat(limited.rateLimits()).isEqualTo(new RateLimits(25, 1));
            assertThat(direct.stripe("POST", "/v1/customers", "name=a").statusCode()).isEqualTo(200);
            assertThat(direct.stripe("POST", "/v1/customers", "name=b").statusCode()).isEqualTo(429);
        }
    }

    private long customerCount() {
        return RawHttp.json(http.stripe("GET", "/v1/customers?limit=100", null)).get("data").size();
    }
}
