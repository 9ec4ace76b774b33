package io.billingaccounts.contract;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/** Prism mocking api/openapi.yaml, started as a consumer would with the project's pinned Prism. */
final class PrismMock implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PrismMock(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static PrismMock start() throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        Path prism = RepoPaths.root().resolve("node_modules/.bin/prism");
        Path log = Files.createTempFile(RepoPaths.root().resolve("contract-tests/target"), "prism-", ".log");
        Process process = new ProcessBuilder(List.of(prism.toString(), "mock", "--host", "127.0.0.1", "--port",
                String.valueOf(port), RepoPaths.spec().toString()))
                .directory(RepoPaths.root().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrismMock mock = new PrismMock(process, port, log);
        mock.awaitListening();
        return mock;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor();
    }

    private void awaitListening() throws IOException, InterruptedException {
        try {
            await("Prism to listen").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .failFast("Prism exited", () -> !process.isAlive())
                    .until(this::listening);
        } catch (TerminalFailureException exited) {
            throw new IllegalStateException("Prism exited:\n" + Files.readString(log));
        } catch (ConditionTimeoutException timedOut) {
            close();
            throw new IllegalStateException("Prism did not listen:\n" + Files.readString(log), timedOut);
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
