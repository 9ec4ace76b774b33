package io.billingaccounts.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Every operation and every response code that api/openapi.yaml documents has been exercised by some contract
 * test of this run; the few that cannot be provoked are listed, with their reason, in coverage-exemptions.txt.
 * It runs in surefire's execution {@code coverage-gate}, after every other test class (pom.xml).
 */
class CoverageGateTest {

    @Test
    void everyDocumentedResponseWasExercised() throws IOException {
        Set<String> exempt = exemptions();
        Set<String> missing = new TreeSet<>();
        for (String gap : Coverage.missing()) {
            if (exempt.stream().noneMatch(gap::startsWith)) {
                missing.add(gap);
            }
        }
        assertThat(missing).as("documented responses that no contract test exercised").isEmpty();
    }

    private static Set<String> exemptions() throws IOException {
        Set<String> exempt = new TreeSet<>();
        try (InputStream in = CoverageGateTest.class.getResourceAsStream("/coverage-exemptions.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.replaceAll("#.*", "").trim();
                if (!entry.isEmpty()) {
                    exempt.add(entry.replaceAll("\\s+", " ") + " ");
                }
            }
        }
        return exempt;
    }
}
