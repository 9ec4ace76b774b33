package io.billingaccounts.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The package rules of design.md, on the compiled service: who may know Stripe, the emulator, and the wire. */
class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.billingaccounts.server");

    @Test
    void onlyTheStripePackageKnowsStripeJava() {
        noClasses().that().resideOutsideOfPackage("io.billingaccounts.server.stripe..")
                .should().dependOnClassesThat().resideInAPackage("com.stripe..")
                .check(SERVICE);
    }

    @Test
    void onlyTheEmbeddedModeKnowsTheEmulator() {
        noClasses().that().resideOutsideOfPackage("io.billingaccounts.server.embedded..")
                .should().dependOnClassesThat().resideInAPackage("io.billingaccounts.stripe.emulator..")
                .check(SERVICE);
    }

    @Test
    void packagesDependOnEachOtherOneWayOnly() {
        slices().matching("io.billingaccounts.server.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void theDomainNeverSeesTheWire() {
        noClasses().that().resideInAnyPackage("io.billingaccounts.server.billing..",
                        "io.billingaccounts.server.workspace..", "io.billingaccounts.server.writes..",
                        "io.billingaccounts.server.store..", "io.billingaccounts.server.stripe..")
                .should().dependOnClassesThat().resideInAnyPackage("io.billingaccounts.server.web..",
                        "io.billingaccounts.server.api..", "org.openapitools.jackson.nullable..")
                .check(SERVICE);
    }
}
