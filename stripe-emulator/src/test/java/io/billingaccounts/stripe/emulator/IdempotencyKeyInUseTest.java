package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A request with a key while another with it still runs (here: waits out the latency) gets a 409. */
class IdempotencyKeyInUseTest extends EmulatorTest {

    @Override
    protected EmulatorOptions.Builder options() {
        return super.options().delayMillis(500);
    }

    @Test
    void anotherRequestWithTheKeyConflicts() {
        List<CompletableFuture<HttpResponse<String>>> both = List.of(
                CompletableFuture.supplyAsync(() -> http.stripe("POST", "/v1/customers", "name=Ann", "Idempotency-Key", "k9")),
                CompletableFuture.supplyAsync(() -> http.stripe("POST", "/v1/customers", "name=Ann", "Idempotency-Key", "k9")));

        List<HttpResponse<String>> answers = both.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 409).singleElement()
                .satisfies(conflict -> assertThat(RawHttp.json(conflict).at("/error/code").asString())
                        .isEqualTo("idempotency_key_in_use"));
        assertThat(http.stripe("POST", "/v1/customers", "name=Ann", "Idempotency-Key", "k9")
                .headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }
}
