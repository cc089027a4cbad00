package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code summary --losses} and {@code export --table tcp-retransmissions} on a capture with losses. */
class TcpAnalysisCommandTest {
    static final String LOSS = "../analyzer/src/test/resources/loss/single-router-drop.client.pcap";

    @Test
    void summaryWithLossesShowsTheRetransmissionsOfTheExportTable() {
        SummaryExportCommandTest.Run export = SummaryExportCommandTest.run("export", "--table", "tcp-retransmissions",
                LOSS);
        assertThat(export.code()).isEqualTo(ExitCodes.OK);
        List<String> lines = export.out().lines().toList();
        assertThat(lines.get(0)).startsWith("capture,connection,subflow,tcp_stream,direction,");
        String c2s = lines.stream().filter(l -> l.contains(",c2s,")).findFirst().orElseThrow();
        String retransmissions = c2s.split(",")[12];
        assertThat(Long.parseLong(retransmissions)).isPositive();

        SummaryExportCommandTest.Run summary = SummaryExportCommandTest.run("summary", "--losses", LOSS);
        assertThat(summary.code()).isEqualTo(ExitCodes.OK);
        assertThat(summary.out()).contains("retrans c->s");
        String row = summary.out().lines().filter(l -> l.trim().startsWith("0 ")).findFirst().orElseThrow();
        assertThat(row.trim().split("\\s+")).contains(retransmissions);
    }

    @Test
    void reportPairWritesOneWayDelayTablesOfBothCaptures(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path out = dir.resolve("r");
        SummaryExportCommandTest.Run r = SummaryExportCommandTest.run("report", "--format", "csv", "--pair", LOSS,
                LOSS.replace(".client.", ".server."), "-o", out.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("2 captures, paired");
        List<String> summary = java.nio.file.Files.readAllLines(out.resolve("csv/owd-summary.csv"));
        assertThat(summary.get(0)).startsWith("capture,server_capture,connection,subflow,tcp_stream,direction,");
        assertThat(summary).hasSize(3); // header, c2s, s2c of the one subflow
        assertThat(java.nio.file.Files.exists(out.resolve("csv/tcp-retransmissions.csv"))).isTrue();
    }

    @Test
    void reportPairWithAMissingFileIsBadInputNamingIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String absent = dir.resolve("absent.pcap").toString();
        SummaryExportCommandTest.Run r = SummaryExportCommandTest.run("report", "--pair", LOSS, absent, "-o",
                dir.resolve("r").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains(absent).doesNotContain("Exception");
    }

    @Test
    void summaryWithoutLossesHasNoLossColumns() {
        SummaryExportCommandTest.Run summary = SummaryExportCommandTest.run("summary", LOSS);
        assertThat(summary.code()).isEqualTo(ExitCodes.OK);
        assertThat(summary.out()).doesNotContain("retrans");
    }
}
