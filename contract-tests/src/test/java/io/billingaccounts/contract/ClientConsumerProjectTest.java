package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The client as another team uses it: installed into the local Maven repository, then depended on by a separate
 * project (client/consumer-example) that is built and run against the packaged server: it creates and updates a
 * billing account, then subscribes it with the workspace's trial and lists its subscriptions, its workspaces and
 * its invoices (none during the trial in the emulator; a page and the client's walk over every page).
 */
@Tag("long")
class ClientConsumerProjectTest {

    private static final Path ROOT = RepoPaths.root();

    @Test
    void anotherMavenProjectBuildsAndRunsAgainstTheInstalledClient() throws Exception {
        Path clientJar = ROOT.resolve("client/target/billing-accounts-client-1.0.0-SNAPSHOT.jar");
        assertThat(clientJar).as("the client module is built before the contract tests").exists();
        maven("install:install-file", "-Dfile=" + ROOT.resolve("pom.xml"), "-DpomFile=" + ROOT.resolve("pom.xml"),
                "-Dpackaging=pom");
        maven("install:install-file", "-Dfile=" + clientJar, "-DpomFile=" + ROOT.resolve("client/pom.xml"));

        try (ServerProcess server = ServerProcess.start(List.of(), Map.of())) {
            String token = new RawApi(server.baseUrl()).token("usr_consumer");
            String output = maven("-f", ROOT.resolve("client/consumer-example/pom.xml").toString(), "compile",
                    "exec:java", "-Dexec.args=" + server.baseUrl() + " " + token);
            assertThat(output).containsPattern("updated cus_\\w+ phone \\+442071234567")
                    .contains("refused 409 billing_account_limit_reached")
                    .contains("trial eligible true for 14 days")
                    .containsPattern("subscribed sub_\\w+ trialing until \\d{4}-")
                    .contains("listed 1 subscription(s)")
                    .contains("listed workspace Example archived false")
                    .containsPattern("listed (\\d+) invoice\\(s\\), \\1 on the first page");
        }
    }

    private static String maven(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-q"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(ROOT.resolve("contract-tests/target"), "consumer-", ".log");
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log);
        assertThat(finished && process.exitValue() == 0).as(String.join(" ", command) + "\n" + output).isTrue();
        return output;
    }
}
