package io.billingaccounts.stripe.emulator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.billingaccounts.stripe.emulator.support.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** What the state keeps of the unbounded kinds (events, idempotency records), and that it gives them back whole. */
class EmulatorStateTest {

    private final EmulatorState state = new EmulatorState();

    @Test
    void anEventComesBackAsItWasStored() {
        ObjectNode event = Json.object().put("id", "evt_1").put("type", "customer.updated");
        event.putObject("data").putObject("object").put("id", "cus_1").putNull("phone");

        state.apply(new Change.PutEvent(event));

        assertThat(state.event("evt_1")).isEqualTo(event);
        assertThat(state.event("evt_2")).isNull();
    }

    @Test
    void onlyTheNewestEventsAreKept() {
        for (int i = 0; i <= EmulatorState.MAX_EVENTS; i++) {
            state.apply(new Change.PutEvent(Json.object().put("id", "evt_" + i)));
        }

        assertThat(state.event("evt_0")).isNull();
        assertThat(state.event("evt_1")).isNotNull();
        assertThat(state.event("evt_" + EmulatorState.MAX_EVENTS)).isNotNull();
    }

    @Test
    void eventsOlderThanThirtyDaysBeforeTheNewestAreForgottenAndTheRestListNewestFirst() {
        long day = 24 * 3600;
        state.apply(new Change.PutEvent(Json.object().put("id", "evt_old").put("type", "a").put("created", 0)));
        state.apply(new Change.PutEvent(Json.object().put("id", "evt_mid").put("type", "b").put("created", day)));
        assertThat(state.eventsNewestFirst()).extracting(KeptEvent::id).containsExactly("evt_mid", "evt_old");

        state.apply(new Change.PutEvent(Json.object().put("id", "evt_new").put("type", "c")
                .put("created", EmulatorState.EVENT_DAYS * day + 1)));

        assertThat(state.eventsNewestFirst()).extracting(KeptEvent::id, KeptEvent::type, KeptEvent::created)
                .containsExactly(tuple("evt_new", "c", EmulatorState.EVENT_DAYS * day + 1), tuple("evt_mid", "b", day));
        assertThat(state.event("evt_old")).isNull();
    }

    @Test
    void onlyTheNewestIdempotencyRecordsAreKept() {
        for (int i = 0; i <= EmulatorState.MAX_IDEMPOTENCY_RECORDS; i++) {
            state.apply(new Change.PutIdempotencyRecord(
                    new IdempotencyRecord("key-" + i, "POST", "/v1/customers", "f", 200, "{}", "req_" + i, 0)));
        }

        assertThat(state.idempotencyRecord("key-0")).isNull();
        assertThat(state.idempotencyRecord("key-1")).isNotNull();
        assertThat(state.idempotencyRecord("key-" + EmulatorState.MAX_IDEMPOTENCY_RECORDS).requestId())
                .isEqualTo("req_" + EmulatorState.MAX_IDEMPOTENCY_RECORDS);
    }
}
