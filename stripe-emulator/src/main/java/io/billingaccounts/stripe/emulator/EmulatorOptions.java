package io.billingaccounts.stripe.emulator;

import io.billingaccounts.stripe.emulator.webhooks.WebhookDeliverer;
import io.billingaccounts.stripe.emulator.webhooks.WebhookSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How to start a {@link StripeEmulator}.
 *
 * @param port the loopback port to listen on; 0 takes a free one
 * @param dataDir where the write-ahead log and snapshot live; null keeps everything in memory
 * @param delayMillis added to every /v1 answer, to stand in for Stripe's latency
 * @param fsync whether every write is also forced to disk (survives a power cut, not only a killed
 *     process; slower)
 * @param clock where the emulated account's time starts: {@code created} stamps, periods, invoice dates and
 *     idempotency-key expiry read it, moved on by however far {@link StripeEmulator#clock()} was advanced (which
 *     a data directory keeps)
 * @param webhookUrl where every event is POSTed, as Stripe sends webhooks; null (the default) sends
 *     none
 * @param webhookSecret the endpoint's signing secret ({@code whsec_...}), required with a webhook URL
 * @param controlApi whether {@code /_emulator/} (faults, request log, wipe) is served; off where the emulator
 *     runs inside another service, whose callers must not reach it
 * @param webhookConcurrency how many webhook deliveries may be under way at once: 1 (the default) sends first
 *     attempts one at a time in commit order, which tests can rely on; more sends them as Stripe does,
 *     concurrently and in no promised order, so that a receiver busy with other requests does not hold back
 *     every later event
 * @param searchLagMillis how long, in real time, a created or changed object stays out of search results, as
 *     Stripe's search index lags writes; 0 (the default) shows every write at once
 * @param readRateLimit how many GET /v1 requests a second are let through, the rest answered 429 {@code rate_limit};
 *     0 (the default) is no limit
 * @param writeRateLimit the same for POST and DELETE
 * @param lockTimeouts whether a write of an object that another request is writing is refused with 429
 *     {@code lock_timeout}, as Stripe refuses it; off by default
 * @param webhookSettings how webhooks are retried, duplicated and shuffled; {@link WebhookSettings#DEFAULT} (some
 *     100 s of retries, each event once, in commit order) by default
 * @param webhookSeed seeds the draws of duplicated and shuffled webhooks, to repeat them; null (the default) for a
 *     random seed
 */
public record EmulatorOptions(int port, Path dataDir, long delayMillis, boolean fsync, Clock clock,
        String webhookUrl, String webhookSecret, boolean controlApi, int webhookConcurrency, long searchLagMillis,
        int readRateLimit, int writeRateLimit, boolean lockTimeouts, WebhookSettings webhookSettings,
        Long webhookSeed) {

    /** The port of the command line and of Stripe's own stripe-mock. */
    public static final int DEFAULT_CLI_PORT = 12111;

    public EmulatorOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must not be negative, got " + delayMillis);
        }
        if (searchLagMillis < 0) {
            throw new IllegalArgumentException("search lag must not be negative, got " + searchLagMillis);
        }
        if (readRateLimit < 0 || writeRateLimit < 0) {
            throw new IllegalArgumentException("rate limits must not be negative (0: none), got " + readRateLimit
                    + " reads and " + writeRateLimit + " writes per second");
        }
        if (webhookConcurrency < 1) {
            throw new IllegalArgumentException("webhook concurrency must be at least 1, got " + webhookConcurrency);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        if (webhookSettings == null) {
            throw new IllegalArgumentException("webhook settings are required");
        }
        WebhookDeliverer.checkEndpoint(webhookUrl, webhookSecret);
    }

    /** In memory, on a free port, without delay, webhooks, search lag, rate limits or lock timeouts. */
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
        private String webhookUrl;
        private String webhookSecret;
        private boolean controlApi = true;
        private int webhookConcurrency = 1;
        private long searchLagMillis;
        private int readRateLimit;
        private int writeRateLimit;
        private boolean lockTimeouts;
        private WebhookSettings webhookSettings = WebhookSettings.DEFAULT;
        private Long webhookSeed;

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

        /** Where to POST events, e.g. {@code http://127.0.0.1:8080/stripe/webhooks}; null: nowhere. */
        public Builder webhookUrl(String webhookUrl) {
            this.webhookUrl = webhookUrl;
            return this;
        }

        /** The secret webhooks are signed with, as Stripe gives an endpoint: {@code whsec_...}. */
        public Builder webhookSecret(String webhookSecret) {
            this.webhookSecret = webhookSecret;
            return this;
        }

        /** Whether to serve the control API under {@code /_emulator/}; on unless turned off. */
        public Builder controlApi(boolean controlApi) {
            this.controlApi = controlApi;
            return this;
        }

        /** How many webhook deliveries may be under way at once; 1 (in commit order) unless set. */
        public Builder webhookConcurrency(int webhookConcurrency) {
            this.webhookConcurrency = webhookConcurrency;
            return this;
        }

        /** How long a created or changed object stays out of search results (real time); 0 unless set. */
        public Builder searchLagMillis(long searchLagMillis) {
            this.searchLagMillis = searchLagMillis;
            return this;
        }

        /** GET /v1 requests let through per second, e.g. Stripe's 25 in test mode; 0 (no limit) unless set. */
        public Builder readRateLimit(int readsPerSecond) {
            this.readRateLimit = readsPerSecond;
            return this;
        }

        /** POST and DELETE /v1 requests let through per second, e.g. Stripe's 25 in test mode; 0 (none) unless set. */
        public Builder writeRateLimit(int writesPerSecond) {
            this.writeRateLimit = writesPerSecond;
            return this;
        }

        /** Whether concurrent writes of one object get 429 {@code lock_timeout}; off unless set. */
        public Builder lockTimeouts(boolean lockTimeouts) {
            this.lockTimeouts = lockTimeouts;
            return this;
        }

        /**
         * The waits before each retry of a webhook its endpoint failed, then given up;
         * {@link WebhookSettings#DEFAULT_RETRY_SCHEDULE} (0.2 s, 1 s, 3 s, 10 s, 30 s, 60 s) unless set.
         */
        public Builder webhookRetrySchedule(List<Duration> retrySchedule) {
            this.webhookSettings = webhookSettings.withRetrySchedule(retrySchedule);
            return this;
        }

        /** How likely each event is to be delivered a second time (0 to 1), as Stripe now and then does; 0 unless set. */
        public Builder webhookDuplicates(double probability) {
            this.webhookSettings = webhookSettings.withDuplicateProbability(probability);
            return this;
        }

        /**
         * Holds each webhook a random time up to this before sending it, so that later events may arrive before
         * earlier ones; zero (in commit order) unless set.
         */
        public Builder webhookShuffle(Duration maxHold) {
            this.webhookSettings = webhookSettings.withShuffleWindow(maxHold);
            return this;
        }

        /** Seeds the draws of duplicates and holds, so that the same requests get the same ones; random unless set. */
        public Builder webhookSeed(long seed) {
            this.webhookSeed = seed;
            return this;
        }

        public EmulatorOptions build() {
            return new EmulatorOptions(port, dataDir, delayMillis, fsync, clock, webhookUrl, webhookSecret,
                    controlApi, webhookConcurrency, searchLagMillis, readRateLimit, writeRateLimit, lockTimeouts,
                    webhookSettings, webhookSeed);
        }
    }
}
