package io.billingaccounts.api;

import static io.billingaccounts.api.SpecEdits.withNickname;
import static io.billingaccounts.api.SpecEdits.withVersion;
import static io.billingaccounts.api.SpecEdits.withoutUpdatedAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.billingaccounts.api.CompatibilityGate.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Holds api/openapi.yaml to the newest released contract in api/released/ (promoted by
 * scripts/release-contract.sh), or to the file named by the system property {@code contract.baseline}: CI passes the
 * pull request's base branch's spec so. It runs in the api module's test phase, which the reactor reaches before any
 * other module compiles. The other tests show the gate biting on edited copies of the first release.
 */
class BreakingChangeGateTest {

    /** The module's folder, where Maven runs its tests. */
    private static final Path API = Path.of("").toAbsolutePath();
    private static final Path FIRST_RELEASE = API.resolve("released/openapi-1.0.0.yaml");

    @TempDir
    Path temp;

    @Test
    void theContractBreaksNoReleasedClientUnlessItsMajorVersionSaysSo() {
        Path baseline = baseline();
        assertThat(baseline).isRegularFile();

        Verdict verdict = CompatibilityGate.compare(baseline, API.resolve("openapi.yaml"));

        assertThat(verdict.passes())
                .as("api/openapi.yaml breaks %s; keep the change compatible or raise info.version's major:%n%s",
                        baseline, verdict.summary())
                .isTrue();
    }

    @Test
    void aResponseFieldRemovedIsIncompatibleAndRefused() throws IOException {
        Path candidate = write(withoutUpdatedAt(Files.readString(FIRST_RELEASE)));

        Verdict verdict = CompatibilityGate.compare(FIRST_RELEASE, candidate);

        assertThat(verdict.compatible()).as(verdict.summary()).isFalse();
        assertThat(verdict.passes()).isFalse();
        assertThat(verdict.summary()).contains("INCOMPATIBLE", "updated_at");
    }

    @Test
    void anOptionalRequestFieldAddedIsCompatible() throws IOException {
        Path candidate = write(withNickname(Files.readString(FIRST_RELEASE)));

        Verdict verdict = CompatibilityGate.compare(FIRST_RELEASE, candidate);

        assertThat(verdict.compatible()).as(verdict.summary()).isTrue();
        assertThat(verdict.passes()).isTrue();
        // An unchanged copy would be compatible too: the change log must show the edited request.
        assertThat(verdict.summary()).containsPattern("PATCH +/workspaces/\\{workspaceId}/billing-accounts/");
    }

    @ParameterizedTest(name = "removing a response field under info.version {0} passes the gate: {1}")
    @CsvSource({"1.0.1, false", "1.1.0, false", "2.0.0, true"})
    void onlyARaisedMajorVersionLetsABreakingChangeThrough(String version, boolean passes) throws IOException {
        Path candidate = write(withVersion(withoutUpdatedAt(Files.readString(FIRST_RELEASE)), version));

        Verdict verdict = CompatibilityGate.compare(FIRST_RELEASE, candidate);

        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.passes()).as(verdict.summary()).isEqualTo(passes);
    }

    @Test
    void theBaselineIsTheHighestReleasedVersionNotTheLastName() throws IOException {
        for (String name : new String[] {"openapi-1.9.0.yaml", "openapi-1.10.0.yaml", "openapi-0.99.0.yaml", "notes.md"}) {
            Files.writeString(temp.resolve(name), "");
        }

        assertThat(CompatibilityGate.newestRelease(temp)).isEqualTo(temp.resolve("openapi-1.10.0.yaml"));
    }

    /** A relative contract.baseline is taken from the repository root, where the README's commands run. */
    private static Path baseline() {
        String given = System.getProperty("contract.baseline", "");
        return given.isBlank()
                ? CompatibilityGate.newestRelease(API.resolve("released"))
                : API.getParent().resolve(given).normalize();
    }

    private Path write(String spec) throws IOException {
        return Files.writeString(Files.createTempFile(temp, "candidate-", ".yaml"), spec);
    }
}
