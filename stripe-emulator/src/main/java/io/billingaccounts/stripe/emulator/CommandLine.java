package io.billingaccounts.stripe.emulator;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Reads {@code --port N}, {@code --data-dir DIR}, {@code --delay-ms N}, {@code --fsync},
 * {@code --webhook-url URL}, {@code --webhook-secret SECRET}, {@code --search-lag-ms N}, {@code --read-rate-limit N},
 * {@code --write-rate-limit N} and {@code --lock-timeouts}, also as {@code --name=value}.
 */
final class CommandLine {

    static final String USAGE = "usage: java -jar stripe-emulator.jar [--port N (default "
            + EmulatorOptions.DEFAULT_CLI_PORT + ", 0 = free)] [--data-dir DIR (default: in memory)]"
            + " [--delay-ms N (added to every /v1 answer, default 0)] [--fsync]"
            + " [--webhook-url URL (where events are POSTed, default: none) --webhook-secret whsec_... (signs them)]"
            + " [--search-lag-ms N (how long a write stays out of search, default 0)]"
            + " [--read-rate-limit N] [--write-rate-limit N (per second, default 0 = none)]"
            + " [--lock-timeouts (concurrent writes of one object get 429 lock_timeout)]";

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

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, got " + value);
        }
    }
}
