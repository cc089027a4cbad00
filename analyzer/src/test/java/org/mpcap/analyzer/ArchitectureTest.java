package org.mpcap.analyzer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-way data flow of STYLE.md §2: capture → decode → flow → mptcp → stats → result. A package may use
 * only packages to its left; the analyzer never touches rendering libraries.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.mpcap.analyzer");
    }

    @Test
    void captureDependsOnNothingDownstream() {
        noClasses().that().resideInAPackage("..analyzer.capture..")
                .should().dependOnClassesThat().resideInAnyPackage("..analyzer.decode..", "..analyzer.flow..",
                        "..analyzer.mptcp..", "..analyzer.stats..", "..analyzer.table..")
                .check(classes);
    }

    @Test
    void decodeDependsOnlyOnCapture() {
        noClasses().that().resideInAPackage("..analyzer.decode..")
                .should().dependOnClassesThat().resideInAnyPackage("..analyzer.flow..", "..analyzer.mptcp..",
                        "..analyzer.stats..")
                .check(classes);
    }

    @Test
    void flowDoesNotDependOnMptcpOrStats() {
        noClasses().that().resideInAPackage("..analyzer.flow..")
                .should().dependOnClassesThat().resideInAnyPackage("..analyzer.mptcp..", "..analyzer.stats..")
                .check(classes);
    }

    @Test
    void mptcpDoesNotDependOnStats() {
        noClasses().that().resideInAPackage("..analyzer.mptcp..")
                .should().dependOnClassesThat().resideInAnyPackage("..analyzer.stats..")
                .check(classes);
    }

    @Test
    void analyzerUsesNoRenderingLibraries() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..",
                        "javax.imageio..", "org.knowm..", "org.apache.poi..", "picocli..", "com.samskivert..",
                        "org.pcap4j..", "com.sun.jna..")
                .check(classes);
    }
}
