package io.billingaccounts.stripe.emulator.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingaccounts.stripe.emulator.store.Change;
import io.billingaccounts.stripe.emulator.support.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The lag on a clock moved by hand. */
class SearchLagTest {

    private final AtomicLong now = new AtomicLong();
    private final ObjectNode ann = Json.object().put("id", "cus_ann").put("object", "customer");
    private final ObjectNode sub = Json.object().put("id", "sub_1").put("object", "subscription");

    @Test
    void anObjectIsIndexedOnceTheLagHasPassedSinceItWasWritten() {
        SearchLag lag = new SearchLag(Duration.ofSeconds(2), now::get);
        lag.written(List.of(new Change.PutCustomer(ann), new Change.PutSubscription(sub)));

        now.addAndGet(Duration.ofMillis(1999).toNanos());
        assertThat(lag.isIndexed(ann)).isFalse();
        assertThat(lag.isIndexed(sub)).isFalse();

        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(lag.isIndexed(ann)).isTrue();
        assertThat(lag.isIndexed(sub)).isTrue();
    }

    @Test
    void aChangeHidesTheObjectAgain() {
        SearchLag lag = new SearchLag(Duration.ofSeconds(1), now::get);
        lag.written(List.of(new Change.PutCustomer(ann)));
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(lag.isIndexed(ann)).isTrue();

        lag.written(List.of(new Change.PutCustomer(ann.deepCopy().put("name", "Ann"))));

        assertThat(lag.isIndexed(ann)).isFalse();
    }

    @Test
    void withoutALagEverythingIsIndexedAndWhatWasWrittenBeforeALagIsToo() {
        SearchLag lag = new SearchLag(Duration.ZERO, now::get);
        lag.written(List.of(new Change.PutCustomer(ann)));
        assertThat(lag.isIndexed(ann)).isTrue();

        lag.set(Duration.ofMinutes(1));

        assertThat(lag.isIndexed(ann)).isTrue();
        lag.written(List.of(new Change.PutSubscription(sub)));
        assertThat(lag.isIndexed(sub)).isFalse();
        lag.set(Duration.ZERO);
        assertThat(lag.isIndexed(sub)).as("turned off, nothing is hidden").isTrue();
    }

    @Test
    void aWipeForgetsTheTimes() {
        SearchLag lag = new SearchLag(Duration.ofMinutes(1), now::get);
        lag.written(List.of(new Change.PutCustomer(ann)));

        lag.written(List.of(new Change.WipeAll()));

        assertThat(lag.isIndexed(ann)).isTrue();
        assertThatThrownBy(() -> lag.set(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
