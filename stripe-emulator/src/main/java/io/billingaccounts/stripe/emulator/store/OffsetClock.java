package io.billingaccounts.stripe.emulator.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/**
 * The emulated account's time: a base clock (the wall clock, or a test's) moved on by the offset the account
 * keeps, so that time the emulator was told to advance stays advanced, across restarts too.
 */
public final class OffsetClock extends Clock {

    private final Clock base;
    private final LongSupplier offsetMillis;

    OffsetClock(Clock base, LongSupplier offsetMillis) {
        this.base = base;
        this.offsetMillis = offsetMillis;
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new OffsetClock(base.withZone(zone), offsetMillis);
    }

    @Override
    public long millis() {
        return base.millis() + offsetMillis.getAsLong();
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis.getAsLong());
    }

    /** How far ahead of the base clock the account's time is. */
    public long offsetMillis() {
        return offsetMillis.getAsLong();
    }
}
