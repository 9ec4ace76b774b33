package io.billingaccounts.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands each {@link AgainstServerWithEmulator} class a server with its settings: its own, stopped after it, or one
 * started once for every class of the test JVM that shares it with the same settings (a start costs seconds; the
 * scenarios each use fresh workspaces and calm Stripe before every test). A test or {@code @BeforeAll} method that
 * takes a {@link ServerProcess} gets the jar as a newcomer runs it (no settings: H2 and the embedded emulator), or
 * with the settings {@link StartedWith} names, one of each per test JVM. The shared ones are closed by the JVM's
 * root store when its last test is done.
 */
final class SharedServers implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace SERVERS = ExtensionContext.Namespace.create(SharedServers.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!(context.getTestInstance().orElse(null) instanceof AgainstServerWithEmulator test)) {
            return;
        }
        List<String> key = new ArrayList<>();
        key.add(String.valueOf(test.webhookSecret()));
        key.addAll(test.serverArgs());
        ExtensionContext.Store servers = test.sharesServer() ? context.getRoot().getStore(SERVERS)
                : context.getStore(SERVERS);
        test.use(servers.computeIfAbsent(key, k -> start(test), ServerWithEmulator.class));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ServerProcess.class;
    }

    @Override
    public ServerProcess resolveParameter(ParameterContext parameter, ExtensionContext context) {
        List<String> args = parameter.findAnnotation(StartedWith.class).map(settings -> List.of(settings.value()))
                .orElse(List.of());
        return context.getRoot().getStore(SERVERS).computeIfAbsent(args, k -> {
            try {
                return ServerProcess.start(args, Map.of());
            } catch (Exception e) {
                throw new IllegalStateException("The server with " + args + " did not start", e);
            }
        }, ServerProcess.class);
    }

    private static ServerWithEmulator start(AgainstServerWithEmulator test) {
        try {
            return test.webhookSecret() == null ? ServerWithEmulator.start(test.serverArgs())
                    : ServerWithEmulator.startWithWebhooks(test.webhookSecret(), test.serverArgs());
        } catch (Exception e) {
            throw new IllegalStateException("The server for " + test.getClass().getSimpleName() + " did not start", e);
        }
    }
}
