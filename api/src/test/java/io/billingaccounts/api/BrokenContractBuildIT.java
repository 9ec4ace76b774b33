package io.billingaccounts.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * The gate as a developer meets it: {@code ./mvnw verify} on a copy of the project whose contract drops a required
 * response property stops in the api module with openapi-diff's report naming the property, and no other module is
 * built. The copy has the root build, the api module and the other modules' poms (so that the reactor would go on to
 * them); it reuses the local Maven repository offline and this checkout's node_modules.
 */
@Tag("long")
class BrokenContractBuildIT {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final List<String> ROOT_FILES =
            List.of("pom.xml", "mvnw", "package.json", "package-lock.json", "redocly.yaml");
    private static final List<String> OTHER_MODULES = List.of("stripe-emulator", "server", "client", "contract-tests");

    @TempDir(factory = InBuildOutput.class)
    Path copy;

    @Test
    void aContractWithoutARequiredResponsePropertyFailsVerifyInTheApiModuleNamingIt() throws Exception {
        copyProject();
        Path spec = copy.resolve("api/openapi.yaml");
        Files.writeString(spec, SpecEdits.withoutUpdatedAtInSchemaAndExamples(Files.readString(spec)));

        Path log = copy.resolve("verify.log");
        Process maven = new ProcessBuilder(copy.resolve("mvnw").toString(), "-o", "verify")
                .directory(copy.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = maven.waitFor(3, TimeUnit.MINUTES);
        maven.destroyForcibly();
        String output = Files.readString(log);
        assertThat(ended).as("./mvnw verify ended within 3 minutes:%n%s", output).isTrue();

        assertThat(maven.exitValue()).as(output).isNotZero();
        assertThat(output).as(output)
                .contains("BreakingChangeGateTest", "INCOMPATIBLE", "updated_at")
                .containsPattern("billing-accounts api \\.+ FAILURE")
                .containsPattern("billing-accounts server \\.+ SKIPPED")
                .doesNotContain("Building billing-accounts server");
    }

    private void copyProject() throws IOException {
        for (String file : ROOT_FILES) {
            Files.copy(ROOT.resolve(file), copy.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        copyTree(ROOT.resolve(".mvn"), copy.resolve(".mvn"), false);
        copyTree(ROOT.resolve("api"), copy.resolve("api"), false);
        for (String module : OTHER_MODULES) {
            Files.createDirectories(copy.resolve(module));
            Files.copy(ROOT.resolve(module).resolve("pom.xml"), copy.resolve(module).resolve("pom.xml"));
        }
        // Hard links: the api module's npm install finds the tools in place (through a symbolic link it would
        // replace them with a fresh install, which takes longer than the rest of the build). Hence the copy in
        // target/: on the file system of the checkout, where hard links to it can be made.
        copyTree(ROOT.resolve("node_modules"), copy.resolve("node_modules"), true);
    }

    /** Sources only: not the build output, nor this test, which would otherwise run itself in the copy. */
    private static void copyTree(Path from, Path to, boolean hardLinks) throws IOException {
        Path thisTest = Path.of("src/test/java", BrokenContractBuildIT.class.getName().replace('.', '/') + ".java");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target") || relative.equals(thisTest)) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (hardLinks && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createLink(target, file);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** A temporary directory under the module's target/. */
    static final class InBuildOutput implements TempDirFactory {

        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "broken-contract-");
        }
    }
}
