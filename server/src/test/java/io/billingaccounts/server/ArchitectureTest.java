package io.billingaccounts.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The package rules of docs/design.md, on the compiled service: the layers, who may know Stripe and the emulator. */
class ArchitectureTest {

    private static final String SERVICE_PACKAGE = "io.billingaccounts.server";
    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(SERVICE_PACKAGE);

    /**
     * Every package of the service in its layer, each layer reached only from above: the wire (generated interfaces
     * and DTOs) only by the web layer, the features (one package per resource) by the web layer and each other,
     * the write protocol and catch-up by the features, the adapters (Stripe, tables) from above, the basics by all.
     */
    @Test
    void everyPackageHasItsLayerAndArrowsPointDown() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage(SERVICE_PACKAGE + "..")
                .layer("Start-up").definedBy(SERVICE_PACKAGE, SERVICE_PACKAGE + ".mode..",
                        SERVICE_PACKAGE + ".embedded..")
                .layer("Wire").definedBy(SERVICE_PACKAGE + ".api..")
                .layer("Web").definedBy(SERVICE_PACKAGE + ".web..", SERVICE_PACKAGE + ".security..",
                        SERVICE_PACKAGE + ".ratelimit..")
                .layer("Features").definedBy(SERVICE_PACKAGE + ".billing..", SERVICE_PACKAGE + ".payments..",
                        SERVICE_PACKAGE + ".subscriptions..", SERVICE_PACKAGE + ".invoices..",
                        SERVICE_PACKAGE + ".organizations..", SERVICE_PACKAGE + ".workspace..",
                        SERVICE_PACKAGE + ".catalog..")
                .layer("Protocol").definedBy(SERVICE_PACKAGE + ".writes..", SERVICE_PACKAGE + ".catchup..")
                .layer("Adapters").definedBy(SERVICE_PACKAGE + ".stripe..", SERVICE_PACKAGE + ".store..")
                .layer("Basics").definedBy(SERVICE_PACKAGE + ".basics..", SERVICE_PACKAGE + ".problem..")
                .whereLayer("Wire").mayOnlyBeAccessedByLayers("Web")
                .whereLayer("Web").mayOnlyBeAccessedByLayers("Start-up")
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Web")
                .whereLayer("Protocol").mayOnlyBeAccessedByLayers("Features")
                .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Start-up", "Web", "Features", "Protocol")
                .whereLayer("Start-up").mayOnlyBeAccessedByLayers("Web")
                .check(SERVICE);
    }

    @Test
    void onlyTheStripePackageKnowsStripeJava() {
        noClasses().that().resideOutsideOfPackage(SERVICE_PACKAGE + ".stripe..")
                .should().dependOnClassesThat().resideInAPackage("com.stripe..")
                .check(SERVICE);
    }

    @Test
    void onlyTheEmbeddedModeKnowsTheEmulator() {
        noClasses().that().resideOutsideOfPackage(SERVICE_PACKAGE + ".embedded..")
                .should().dependOnClassesThat().resideInAPackage("io.billingaccounts.stripe.emulator..")
                .check(SERVICE);
    }

    @Test
    void packagesDependOnEachOtherOneWayOnly() {
        slices().matching(SERVICE_PACKAGE + ".(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void onlyTheWebLayerSeesTheWire() {
        noClasses().that().resideOutsideOfPackages(SERVICE_PACKAGE + ".web..", SERVICE_PACKAGE + ".api..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICE_PACKAGE + ".api..",
                        "org.openapitools.jackson.nullable..")
                .check(SERVICE);
    }

    @Test
    void onlyTheAdaptersTalkToTheDatabaseOrStripeDirectly() {
        noClasses().that().resideInAnyPackage(SERVICE_PACKAGE + ".web..", SERVICE_PACKAGE + ".security..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .check(SERVICE);
    }
}
