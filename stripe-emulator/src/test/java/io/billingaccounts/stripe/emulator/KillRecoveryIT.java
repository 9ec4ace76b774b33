package io.billingaccounts.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as its own process, killed with SIGKILL: every write it answered must be there
 * when it starts again on the same data directory.
 */
class KillRecoveryIT {

    private static final Path JAR = Path.of("target/stripe-emulator.jar");
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dataDir;

    private Process process;

    @AfterEach
    void killLeftovers() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void aCustomerCreatedBeforeAKillIsThereAfterTheRestart() throws Exception {
        RawHttp http = new RawHttp(start());
        HttpResponse<String> created = http.stripe("POST", "/v1/customers", "name=Ann&metadata[workspace_id]=ws_1",
                "Idempotency-Key", "create-ann");
        assertThat(created.statusCode()).isEqualTo(200);
        String id = RawHttp.json(created).get("id").asString();

        kill();
        http = new RawHttp(start());

        HttpResponse<String> retrieved = http.stripe("GET", "/v1/customers/" + id, null);
        assertThat(retrieved.statusCode()).isEqualTo(200);
        assertThat(RawHttp.json(retrieved).get("name").asString()).isEqualTo("Ann");
        HttpResponse<String> replayed = http.stripe("POST", "/v1/customers", "name=Ann&metadata[workspace_id]=ws_1",
                "Idempotency-Key", "create-ann");
        assertThat(RawHttp.json(replayed).get("id").asString()).isEqualTo(id);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void everyAnsweredWriteSurvivesAKillInTheMiddleOfWrites() throws Exception {
        RawHttp http = new RawHttp(start());
        List<String> answered = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 10_000; i++) {
                try {
                    HttpResponse<String> created = http.stripe("POST", "/v1/customers", "name=c" + i);
                    answered.add(RawHttp.json(created).get("id").asString());
                } catch (UncheckedIOException killed) {
                    return;
                }
            }
        });
        writer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= 50);

        kill();
        writer.join(Duration.ofSeconds(10).toMillis());
        RawHttp restarted = new RawHttp(start());

        for (String id : answered) {
            assertThat(restarted.stripe("GET", "/v1/customers/" + id, null).statusCode()).as(id).isEqualTo(200);
        }
        assertThat(restarted.stripe("POST", "/v1/customers", "name=after").statusCode()).isEqualTo(200);
    }

    private String start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-jar", JAR.toString(), "--port", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return listening.group(1);
            }
        }
        throw new IllegalStateException("the emulator ended without listening; exit " + process.waitFor());
    }

    private void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
}
