package io.billingaccounts.server.web;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.billingaccounts.server.basics.Timestamps;
import io.billingaccounts.server.store.IdempotencyKeys;
import io.billingaccounts.server.store.IdempotencyStore;

/** Forgets Idempotency-Keys once they can no longer be replayed, so the table does not grow without end. */
@Component
public class IdempotencyExpiry {

    private final IdempotencyStore store;
    private final Clock clock;

    public IdempotencyExpiry(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public void forgetExpiredKeys() {
        store.deleteOlderThan(Timestamps.now(clock).minus(IdempotencyKeys.LIFETIME));
    }
}
