package org.mpcap.reports.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.reports.cli.Main;

/** Issue 16: {@code report --force} over an old report that cannot be deleted, seen from the command line. */
class ForceReplaceCliTest {

    @Test
    void reportForceOverAnUndeletableOldReportExitsZeroWithTheNewReportAndOneWarning(@TempDir Path dir)
            throws IOException {
        Path out = Files.createDirectory(dir.resolve("report"));
        Files.writeString(out.resolve("old.txt"), "old");
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        var saved = AtomicOutput.oldRemover;
        AtomicOutput.oldRemover = p -> { throw new java.nio.file.AccessDeniedException(p.toString()); };
        int code;
        try {
            code = Main.newCommandLine(new PrintWriter(stdout, true), new PrintWriter(stderr, true)).execute(
                    "report", Path.of("..", "sample-pcaps", "default", "run-01.pcap").toString(), "-o",
                    out.toString(), "--format", "md", "--force");
        } finally {
            AtomicOutput.oldRemover = saved;
        }
        assertThat(code).as(stderr.toString()).isZero();
        assertThat(out.resolve("report.md")).exists();
        assertThat(out.resolve("old.txt")).doesNotExist();
        assertThat(stderr.toString().lines().filter(l -> l.startsWith("mpcap: warning: ")))
                .singleElement().asString().contains("could not be deleted").contains(".report.mpcap-old-");
        try (Stream<Path> s = Files.list(dir)) { // the old report moved aside, nothing else left over
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("report")))
                    .singleElement().asString().startsWith(".report.mpcap-old-");
        }
    }
}
