package io.billingaccounts.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.billingaccounts.stripe.emulator.EmulatorOptions;
import io.billingaccounts.stripe.emulator.StripeEmulator;

/**
 * The packaged server as a process with an in-process Stripe emulator as its Stripe, what most contract tests run
 * against; closing it stops both.
 */
final class ServerWithEmulator implements AutoCloseable {

    private final StripeEmulator emulator;
    private final ServerProcess server;
    private final RawApi api;
    private final StripeEmulatorControl stripe;
    private String webhookUrl;
    private String webhookSecret;

    private ServerWithEmulator(StripeEmulator emulator, ServerProcess server) {
        this.emulator = emulator;
        this.server = server;
        this.api = new RawApi(server.baseUrl());
        this.stripe = new StripeEmulatorControl(emulator.baseUrl());
    }

    static ServerWithEmulator start(List<String> serverArgs) throws Exception {
        StripeEmulator emulator = StripeEmulator.start(EmulatorOptions.builder().port(0).build());
        return startServer(emulator, () -> ServerProcess.start(serverArgs, stripeEnv(emulator)));
    }

    /** With the customer events Stripe sends signed with {@code secret} delivered to the server's webhook. */
    static ServerWithEmulator startWithWebhooks(String secret, List<String> serverArgs) throws Exception {
        return startWithWebhooks(secret, serverArgs, UnaryOperator.identity());
    }

    /** The same, with the emulator's webhooks delivered as {@code delivery} says (shuffled, duplicated ...). */
    static ServerWithEmulator startWithWebhooks(String secret, List<String> serverArgs,
                                                UnaryOperator<EmulatorOptions.Builder> delivery) throws Exception {
        // The emulator must know where to send before the server starts, so the server's port is chosen first.
        int port = ServerProcess.freePort();
        StripeEmulator emulator = StripeEmulator.start(delivery.apply(EmulatorOptions.builder().port(0)
                .webhookUrl("http://127.0.0.1:" + port + "/stripe/webhooks").webhookSecret(secret)).build());
        Map<String, String> env = new HashMap<>(stripeEnv(emulator));
        env.put("STRIPE_WEBHOOK_SECRET", secret);
        ServerWithEmulator started = startServer(emulator, () -> ServerProcess.start(
                Files.createTempDirectory("billing-accounts-"), port, serverArgs, env));
        started.webhookUrl = emulator.webhooks().url();
        started.webhookSecret = secret;
        return started;
    }

    /**
     * Stripe sends no webhook for what changes from now until {@link #resumeWebhooks()}: what a test then sees
     * through the API cannot have come from an event. Deliveries already under way go on.
     */
    void pauseWebhooks() {
        emulator.webhooks().setEndpoint(null, null);
    }

    void resumeWebhooks() {
        emulator.webhooks().setEndpoint(webhookUrl, webhookSecret);
    }

    /**
     * The environment that points a server at the emulator instead of Stripe; without a webhook secret the server
     * follows Stripe through catch-up alone, as it is told to.
     */
    static Map<String, String> stripeEnv(StripeEmulator emulator) {
        return Map.of("STRIPE_API_KEY", StripeEmulatorControl.API_KEY, "STRIPE_API_BASE", emulator.baseUrl(),
                "STRIPE_PUBLISHABLE_KEY", "pk_test_contract", "STRIPE_CATCH_UP_ONLY", "true");
    }

    RawApi api() {
        return api;
    }

    StripeEmulatorControl stripe() {
        return stripe;
    }

    ServerProcess server() {
        return server;
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            emulator.close();
        }
    }

    private interface ServerStart {
        ServerProcess start() throws IOException, InterruptedException;
    }

    private static ServerWithEmulator startServer(StripeEmulator emulator, ServerStart start) throws Exception {
        try {
            return new ServerWithEmulator(emulator, start.start());
        } catch (Exception failed) {
            // A server that never came up must not leave the emulator listening for the rest of the run.
            emulator.close();
            throw failed;
        }
    }
}
