package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: POI's streaming sheets go to temporary files; they are made in the report's staging directory, never
 * in {@code java.io.tmpdir/poifiles} (where a killed run would leave them for good).
 */
class XlsxTempFilesTest {

    /**
     * With {@code java.io.tmpdir} a regular file, POI's default temp files cannot be made at all: the workbook is
     * written only if they go elsewhere. A separate JVM, so that the property does not reach other tests.
     */
    @Test
    void xlsxIsWrittenWithoutTheSystemTempDirectoryAndLeavesNoPoiFolder(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("tmpdir-is-a-file"), "");
        Path out = dir.resolve("report");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + notADirectory, "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "report",
                Path.of("..", "sample-pcaps", "default", "run-01.pcap").toString(), "--format", "xlsx", "-o",
                out.toString(), "-q").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        assertThat(out.resolve("tables.xlsx")).isNotEmptyFile();
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.map(Path::getFileName).map(Path::toString))
                    .noneMatch(n -> n.equals(XlsxOutput.POI_TEMP) || n.startsWith("poi-sxssf"));
        }
    }
}
