package io.billingaccounts.stripe.emulator;

import io.billingaccounts.stripe.emulator.webhooks.WebhookSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

/**
 * Reads {@code --port N}, {@code --data-dir DIR}, {@code --delay-ms N}, {@code --fsync},
 * {@code --webhook-url URL}, {@code --webhook-secret SECRET}, {@code --search-lag-ms N}, {@code --read-rate-limit N},
 * {@code --write-rate-limit N}, {@code --lock-timeouts}, {@code --webhook-retries 0.2s,1s,...},
 * {@code --webhook-duplicates P}, {@code --webhook-shuffle-ms N}, {@code --webhook-seed N} and
 * {@code --webhook-concurrency N}, also as
 * {@code --name=value}.
 */
final class CommandLine {

    static final String USAGE = "usage: java -jar stripe-emulator.jar [--port N (default "
            + EmulatorOptions.DEFAULT_CLI_PORT + ", 0 = free)] [--data-dir DIR (default: in memory)]"
            + " [--delay-ms N (added to every /v1 answer, default 0)] [--fsync]"
            + " [--webhook-url URL (where events are POSTed, default: none) --webhook-secret whsec_... (signs them)]"
            + " [--search-lag-ms N (how long a write stays out of search, default 0)]"
            + " [--read-rate-limit N] [--write-rate-limit N (per second, default 0 = none)]"
            + " [--lock-timeouts (concurrent writes of one object get 429 lock_timeout)]"
            + " [--webhook-retries 0.2s,1s,3s,10s,30s,60s (waits before each retry, then given up; none: no retries)]"
            + " [--webhook-duplicates P (0 to 1: how likely an event is sent twice, default 0)]"
            + " [--webhook-shuffle-ms N (holds each webhook a random 0-N ms, so later ones may overtake; default 0)]"
            + " [--webhook-seed N (repeats the draws of duplicates and holds)]"
            + " [--webhook-concurrency N (deliveries under way at once, default 1: one at a time, in commit order)]";

    private CommandLine() {
    }

    /** @throws IllegalArgumentException with what is wrong, for a usage message */
    static EmulatorOptions parse(String... args) {
        EmulatorOptions.Builder options = EmulatorOptions.builder().port(EmulatorOptions.DEFAULT_CLI_PORT);
        for (Iterator<String> it = List.of(args).iterator(); it.hasNext(); ) {
            String arg = it.next();
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            switch (name) {
                case "--port" -> options.port(number(name, value(arg, eq, it)));
                case "--data-dir" -> options.dataDir(Path.of(value(arg, eq, it)));
                case "--delay-ms" -> options.delayMillis(number(name, value(arg, eq, it)));
                case "--fsync" -> options.fsync(true);
                case "--webhook-url" -> options.webhookUrl(value(arg, eq, it));
                case "--webhook-secret" -> options.webhookSecret(value(arg, eq, it));
                case "--search-lag-ms" -> options.searchLagMillis(number(name, value(arg, eq, it)));
                case "--read-rate-limit" -> options.readRateLimit(number(name, value(arg, eq, it)));
                case "--write-rate-limit" -> options.writeRateLimit(number(name, value(arg, eq, it)));
                case "--lock-timeouts" -> options.lockTimeouts(true);
                case "--webhook-retries" -> options.webhookRetrySchedule(WebhookSettings.parseSchedule(value(arg, eq, it)));
                case "--webhook-duplicates" -> options.webhookDuplicates(probability(name, value(arg, eq, it)));
                case "--webhook-shuffle-ms" -> options.webhookShuffle(Duration.ofMillis(number(name, value(arg, eq, it))));
                case "--webhook-seed" -> options.webhookSeed(seed(name, value(arg, eq, it)));
                case "--webhook-concurrency" -> options.webhookConcurrency(number(name, value(arg, eq, it)));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return options.build();
    }

    /** The part after "=", or else the next argument. */
    private static String value(String arg, int eq, Iterator<String> rest) {
        if (eq >= 0) {
            return arg.substring(eq + 1);
        }
        if (!rest.hasNext()) {
            throw new IllegalArgumentException(arg + " needs a value");
        }
        return rest.next();
    }

    private static double probability(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number from 0 to 1, got " + value);
        }
    }

    private static long seed(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, got " + value);
        }
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, got " + value);
        }
    }
}
