package io.billingaccounts.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.ConsoleRender;

/**
 * The breaking-change gate: a contract may break its released baseline, as openapi-diff judges it, only by raising
 * info.version's major, because clients of the baseline learn of a break from that number alone.
 */
final class CompatibilityGate {

    private static final Pattern SEMANTIC = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Pattern RELEASED_FILE = Pattern.compile("openapi-(\\d+\\.\\d+\\.\\d+)\\.yaml");

    /** {@code compatible} is openapi-diff's verdict; {@link #passes()} is the gate's. */
    record Verdict(Version baseline, Version candidate, boolean compatible, String summary) {

        boolean passes() {
            return compatible || candidate.major() > baseline.major();
        }
    }

    record Version(int major, int minor, int patch) implements Comparable<Version> {

        private static final Comparator<Version> ORDER =
                Comparator.comparingInt(Version::major).thenComparingInt(Version::minor).thenComparingInt(Version::patch);

        static Version parse(String text) {
            Matcher m = SEMANTIC.matcher(text == null ? "" : text.strip());
            if (!m.find()) {
                throw new IllegalArgumentException("Not a semantic version (MAJOR.MINOR.PATCH): '" + text + "'");
            }
            return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }

        @Override
        public int compareTo(Version other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch;
        }
    }

    private CompatibilityGate() {
    }

    static Verdict compare(Path baseline, Path candidate) {
        ChangedOpenApi diff = OpenApiCompare.fromLocations(baseline.toString(), candidate.toString());
        Version from = Version.parse(diff.getOldSpecOpenApi().getInfo().getVersion());
        Version to = Version.parse(diff.getNewSpecOpenApi().getInfo().getVersion());
        boolean compatible = diff.isCompatible();
        String summary = "%s (%s) -> %s (%s): %s%n%s".formatted(baseline.getFileName(), from, candidate.getFileName(), to,
                compatible ? "compatible" : "INCOMPATIBLE", rendered(diff));
        return new Verdict(from, to, compatible, summary);
    }

    /** The highest version by number, not by name: 1.10.0 is newer than 1.9.0. */
    static Path newestRelease(Path releasedDirectory) {
        try (Stream<Path> files = Files.list(releasedDirectory)) {
            return files.filter(file -> RELEASED_FILE.matcher(file.getFileName().toString()).matches())
                    .max(Comparator.comparing(CompatibilityGate::releasedVersion))
                    .orElseThrow(() -> new IllegalStateException(
                            "No released contract (openapi-<version>.yaml) in " + releasedDirectory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Version releasedVersion(Path file) {
        return Version.parse(file.getFileName().toString().substring("openapi-".length()));
    }

    private static String rendered(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new ConsoleRender().render(diff, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
