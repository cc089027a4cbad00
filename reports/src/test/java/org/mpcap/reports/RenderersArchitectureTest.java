package org.mpcap.reports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rendering layer formats given content only: no CLI, no statistics, no renderer-to-renderer calls. */
class RenderersArchitectureTest {
    private static final String[] RENDERING = {"org.mpcap.reports.table..", "org.mpcap.reports.output..",
            "org.mpcap.reports.chart..", "org.mpcap.reports.xlsx..", "org.mpcap.reports.html.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mpcap.reports");

    /** libpcap (pcap4j, JNA) stays in the live capture package: nothing else needs a native library. */
    @Test
    void onlyTheLivePackageUsesPcap4j() {
        noClasses().that().resideOutsideOfPackage("org.mpcap.reports.live..").should().dependOnClassesThat()
                .resideInAnyPackage("org.pcap4j..", "com.sun.jna..").check(CLASSES);
    }

    /** The capture sources know nothing of the command line or the renderers. */
    @Test
    void theLivePackageDoesNotDependOnTheCliOrRenderers() {
        noClasses().that().resideInAPackage("org.mpcap.reports.live..").should().dependOnClassesThat()
                .resideInAnyPackage("org.mpcap.reports.cli..", "org.mpcap.reports.model..",
                        "org.mpcap.reports.html..", "org.mpcap.reports.chart..").check(CLASSES);
    }

    @Test
    void renderingDoesNotDependOnTheCli() {
        noClasses().that().resideInAnyPackage(RENDERING).should().dependOnClassesThat()
                .resideInAPackage("org.mpcap.reports.cli..").check(CLASSES);
    }

    @Test
    void renderingSeesOnlyTheTableModelOfTheAnalyzer() {
        noClasses().that().resideInAnyPackage(RENDERING).should().dependOnClassesThat()
                .resideInAnyPackage("org.mpcap.analyzer.capture..", "org.mpcap.analyzer.decode..",
                        "org.mpcap.analyzer.stats..", "org.mpcap.analyzer.flow..", "org.mpcap.analyzer.mptcp..")
                .check(CLASSES);
    }

    @Test
    void htmlAndChartsDoNotCallOtherRenderers() {
        noClasses().that().resideInAPackage("org.mpcap.reports.html..").should().dependOnClassesThat()
                .resideInAnyPackage("org.mpcap.reports.chart..", "org.mpcap.reports.xlsx..").check(CLASSES);
        noClasses().that().resideInAPackage("org.mpcap.reports.chart..").should().dependOnClassesThat()
                .resideInAnyPackage("org.mpcap.reports.html..", "org.mpcap.reports.xlsx..",
                        "org.mpcap.reports.table..").check(CLASSES);
    }
}
