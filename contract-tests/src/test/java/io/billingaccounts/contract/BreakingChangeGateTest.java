package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.billingaccounts.contract.CompatibilityGate.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Holds api/openapi.yaml to the newest released contract in api/released/ (promoted by
 * scripts/release-contract.sh), or to the file named by the system property {@code contract.baseline}: CI passes the
 * pull request's base branch's spec so. The other tests show the gate biting on edited copies of the first release,
 * which never changes, so that their text edits keep applying.
 */
class BreakingChangeGateTest {

    private static final Path FIRST_RELEASE = RepoPaths.root().resolve("api/released/openapi-1.0.0.yaml");

    @TempDir
    Path temp;

    @Test
    void theContractBreaksNoReleasedClientUnlessItsMajorVersionSaysSo() {
        Path baseline = baseline();
        assertThat(baseline).isRegularFile();

        Verdict verdict = CompatibilityGate.compare(baseline, RepoPaths.spec());

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
                ? CompatibilityGate.newestRelease(RepoPaths.root().resolve("api/released"))
                : RepoPaths.root().resolve(given).normalize();
    }

    private static String withoutUpdatedAt(String spec) {
        return editSchema(spec, "BillingAccount", schema -> replaceOnce(
                replaceOnce(schema, ", updated_at]", "]"),
                "        updated_at:\n          $ref: '#/components/schemas/Timestamp'\n", ""));
    }

    private static String withNickname(String spec) {
        return editSchema(spec, "BillingAccountPatch", schema -> replaceOnce(schema, "      properties:\n",
                "      properties:\n        nickname:\n          type: string\n          maxLength: 50\n"));
    }

    private static String withVersion(String spec, String version) {
        return replaceOnce(spec, "\n  version: 1.0.0\n", "\n  version: " + version + "\n");
    }

    /** Edits the text of one schema only, so that a same-named property elsewhere stays as it was. */
    private static String editSchema(String spec, String schema, UnaryOperator<String> edit) {
        String header = "\n    " + schema + ":\n";
        int start = spec.indexOf(header);
        assertThat(start).as("schema %s in the spec", schema).isNotNegative();
        Matcher nextAtSameOrOuterLevel = Pattern.compile("\n {0,4}\\S").matcher(spec);
        int end = nextAtSameOrOuterLevel.find(start + header.length()) ? nextAtSameOrOuterLevel.start() : spec.length();
        return spec.substring(0, start) + edit.apply(spec.substring(start, end)) + spec.substring(end);
    }

    /** Fails rather than silently leaving the copy unchanged, which would let the tests pass for the wrong reason. */
    private static String replaceOnce(String text, String target, String replacement) {
        int first = text.indexOf(target);
        assertThat(first).as("'%s' in the text", target).isNotNegative();
        assertThat(text.indexOf(target, first + 1)).as("a second '%s' in the text", target).isNegative();
        return text.substring(0, first) + replacement + text.substring(first + target.length());
    }

    private Path write(String spec) throws IOException {
        return Files.writeString(Files.createTempFile(temp, "candidate-", ".yaml"), spec);
    }
}
