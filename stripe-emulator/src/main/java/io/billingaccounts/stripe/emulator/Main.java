package io.billingaccounts.stripe.emulator;

/**
 * {@code java -jar stripe-emulator.jar [--port N] [--data-dir DIR] [--delay-ms N] [--fsync]
 * [--webhook-url URL --webhook-secret SECRET] [--search-lag-ms N] [--read-rate-limit N] [--write-rate-limit N]
 * [--lock-timeouts] [--webhook-retries 0.2s,1s,...] [--webhook-duplicates P] [--webhook-shuffle-ms N]
 * [--webhook-seed N] [--webhook-concurrency N]}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        EmulatorOptions options;
        try {
            options = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        StripeEmulator emulator;
        try {
            emulator = StripeEmulator.start(options);
        } catch (RuntimeException cannotStart) {
            System.err.println("stripe-emulator: " + cannotStart.getMessage()
                    + (cannotStart.getCause() == null ? "" : " (" + cannotStart.getCause().getMessage() + ")"));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "stripe-emulator-shutdown"));
        System.out.println("stripe-emulator listening on " + emulator.baseUrl() + " (data: "
                + (options.dataDir() == null ? "in memory" : options.dataDir().toAbsolutePath())
                + (options.webhookUrl() == null ? "" : "; webhooks to " + options.webhookUrl()) + ")");
    }
}
