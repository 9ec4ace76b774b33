package io.billingaccounts.stripe.emulator;

import java.nio.file.Path;
import java.time.Clock;

/**
 * How to start a {@link StripeEmulator}.
 *
 * @param port the loopback port to listen on; 0 takes a free one
 * @param dataDir where the write-ahead log and snapshot live; null keeps everything in memory
 * @param delayMillis added to every /v1 answer, to stand in for Stripe's latency
 * @param fsync whether every write is also forced to disk (survives a power cut, not only a killed
 *     process; slower)
 * @param clock the emulated account's time: {@code created} stamps and idempotency-key expiry
 */
public record EmulatorOptions(int port, Path dataDir, long delayMillis, boolean fsync, Clock clock) {

    /** The port of the command line and of Stripe's own stripe-mock. */
    public static final int DEFAULT_CLI_PORT = 12111;

    public EmulatorOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must not be negative, got " + delayMillis);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
    }

    /** In memory, on a free port, without delay. */
    public static EmulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private int port;
        private Path dataDir;
        private long delayMillis;
        private boolean fsync;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder delayMillis(long delayMillis) {
            this.delayMillis = delayMillis;
            return this;
        }

        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public EmulatorOptions build() {
            return new EmulatorOptions(port, dataDir, delayMillis, fsync, clock);
        }
    }
}
