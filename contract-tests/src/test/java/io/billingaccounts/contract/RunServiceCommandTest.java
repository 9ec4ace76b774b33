package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * The command of README's "Run the service", run from the repository's root as a newcomer runs it, with a free port
 * and a fresh data directory added: it starts the service that the reactor has just packaged (without building it
 * again), says where it listens, and the token command it prints gets a token that the API accepts.
 */
class RunServiceCommandTest {

    private static final Pattern ADDRESS = Pattern.compile("billing-accounts listens on (http://\\S+) ");
    private static final Pattern TOKEN_COMMAND = Pattern.compile("Get a development token: (curl .*)");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsThePackagedServiceAndSaysWhereItListensAndHowToGetAToken() throws Exception {
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(readmeRunCommand());
        command.addAll(List.of("--server.port=" + port,
                "--billing.data-dir=" + Files.createTempDirectory("billing-accounts-run-")));
        Path log = Files.createTempFile(RepoPaths.root().resolve("contract-tests/target"), "run-service-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(RepoPaths.root().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("STRIPE_API_KEY");
        builder.environment().remove("STRIPE_API_BASE");
        // The JDK that built the jar and its class-data archive in this reactor.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try {
            await("the command's first line").atMost(Duration.ofSeconds(30))
                    .failFast("the command ended", () -> !process.isAlive())
                    .until(() -> Files.readString(log).matches("(?s).*(listens on|Building the server).*"));
            assertThat(Files.readString(log)).as("the reactor packaged the server just now: nothing to build")
                    .doesNotContain("Building the server");
            String base = "http://localhost:" + port;
            assertThat(printed(ADDRESS, log)).isEqualTo(base);
            await("the service's health at the address it printed").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("the command ended", () -> !process.isAlive())
                    .ignoreExceptions()
                    .until(() -> get(base + "/actuator/health").contains("\"UP\""));

            assertThat(printed(TOKEN_COMMAND, log)).isEqualTo("curl -s -X POST " + base + "/dev/tokens"
                    + " -H 'Content-Type: application/json' -d '{\"sub\": \"usr_alice\"}'");

            String token = JsonMapper.builder().build().readTree(shell(printed(TOKEN_COMMAND, log)))
                    .path("token").asString();
            RawApi api = new RawApi(base);
            Reply created = api.call("POST", "/workspaces", null, "{\"name\": \"Run\", \"billing_mode\": \"single\"}",
                    "Authorization", "Bearer " + token);
            assertThat(created.status()).isEqualTo(201);
            assertThat(api.call("GET", "/workspaces/" + created.text("id"), null, null,
                    "Authorization", "Bearer " + token).status()).isEqualTo(200);
        } finally {
            stopWithItsChildren(process);
        }
    }

    /** The one command of the first shell block under "## Run the service", split into its words. */
    private static List<String> readmeRunCommand() throws IOException {
        String readme = Files.readString(RepoPaths.root().resolve("README.md"));
        Matcher block = Pattern.compile("## Run the service\\s+```sh\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README's \"Run the service\" starts with a sh block").isTrue();
        assertThat(block.group(1)).as("README's run command is one line").doesNotContain("\n");
        return Arrays.asList(block.group(1).trim().split("\\s+"));
    }

    private static String printed(Pattern line, Path log) throws IOException {
        Matcher m = line.matcher(Files.readString(log));
        assertThat(m.find()).as("printed: %s", line).isTrue();
        return m.group(1);
    }

    private String get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String shell(String command) throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String output = new String(sh.getInputStream().readAllBytes());
        assertThat(sh.waitFor()).as(output).isZero();
        return output;
    }

    // The script replaces itself with java, but a build it started would be a child of it.
    private static void stopWithItsChildren(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }
}
