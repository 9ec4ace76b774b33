package io.billingaccounts.contract;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/** The packaged server jar, run as its own process on a free port with a fresh data directory. */
final class ServerProcess implements AutoCloseable {

    /** What `package` extracts: the jar with its class-data archive, as scripts/run-service starts it. */
    private static final Path APP = RepoPaths.root().resolve("server/target/app");
    private static final Path JAR = APP.resolve("billing-accounts-server.jar");
    private static final Path ARCHIVE = APP.resolve("billing-accounts-server.jsa");
    /**
     * The README's JVM flags (scripts/run-service): every test runs the service as users do. The archive halves
     * a start; it was made by the JDK that runs the build, so it fits this one.
     */
    private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms32m",
            "-Xmx128m", "-XX:SharedArchiveFile=" + ARCHIVE, "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path log;

    private ServerProcess(Process process, int port, Path dataDir, Path log) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
    }

    static ServerProcess start(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        return start(Files.createTempDirectory("billing-accounts-"), args, env);
    }

    static ServerProcess start(Path dataDir, List<String> args, Map<String, String> env)
            throws IOException, InterruptedException {
        return start(dataDir, freePort(), args, env);
    }

    /** On a port chosen beforehand, for peers that must know it before the server starts (webhook senders). */
    static ServerProcess start(Path dataDir, int port, List<String> args, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(JVM);
        command.addAll(List.of("-jar", JAR.toString(), "--server.port=" + port, "--billing.data-dir=" + dataDir));
        command.addAll(args);
        Path log = Files.createTempFile(RepoPaths.root().resolve("contract-tests/target"), "server-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("STRIPE_API_KEY");
        builder.environment().remove("STRIPE_API_BASE");
        builder.environment().putAll(env);
        ServerProcess server = new ServerProcess(builder.start(), port, dataDir, log);
        server.awaitHealthy();
        return server;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Path dataDir() {
        return dataDir;
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** Like a power cut: no shutdown hooks, nothing flushed by the server itself. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            kill();
        }
    }

    private void awaitHealthy() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).build();
        try {
            await("the server to be healthy").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .failFast("the server exited", () -> !process.isAlive())
                    // Refused connections until it listens.
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()),
                            answer -> answer.statusCode() == 200 && answer.body().contains("\"UP\""));
        } catch (TerminalFailureException exited) {
            throw new IllegalStateException("The server exited with " + process.exitValue() + ":\n" + output());
        } catch (ConditionTimeoutException timedOut) {
            process.destroyForcibly();
            throw new IllegalStateException("The server did not become healthy:\n" + output(), timedOut);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
