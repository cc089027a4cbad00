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
    void summaryWithoutLossesHasNoLossColumns() {
        SummaryExportCommandTest.Run summary = SummaryExportCommandTest.run("summary", LOSS);
        assertThat(summary.code()).isEqualTo(ExitCodes.OK);
        assertThat(summary.out()).doesNotContain("retrans");
    }
}
