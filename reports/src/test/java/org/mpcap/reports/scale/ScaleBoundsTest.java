package org.mpcap.reports.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.reports.cli.Main;
import org.mpcap.reports.model.ReportModel;
import org.mpcap.reports.model.ReportModels;
import org.mpcap.reports.model.ReportOptions;

/**
 * Hostile and many-connection captures (made by {@link SyntheticCaptures}) give bounded, readable output: a join
 * flood's report charts a few subflows and sums up the rest, the summary lists the largest connections, export
 * writes every row. The large sizes (10 k to 1 M connections, time and memory) are in {@code bench/scale.sh}.
 */
class ScaleBoundsTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path capture(Path dir, String kind, int n) throws IOException {
        Path f = dir.resolve(kind + "-" + n + ".pcap");
        SyntheticCaptures.write(kind, n, f);
        return f;
    }

    @Test
    void joinFloodReportChartsAtMostSevenSubflowsPerChartAndSumsUpTheRest(@TempDir Path dir) throws IOException {
        CaptureAnalysis a = new Analyzer().analyze(capture(dir, "flood", 1500));
        assertThat(a.connections()).hasSize(1);
        assertThat(a.connections().get(0).subflows()).hasSize(1503);
        ReportModel m = ReportModels.report(List.of(a), ReportOptions.DEFAULTS);
        List<ReportModel.Section> sections = m.parts().get(0).sections();
        for (ReportModel.Section s : sections) {
            for (ReportModel.ChartView c : s.charts()) {
                // seven subflows with most payload, and at most one "other subflows" series for scatter plots
                assertThat(c.spec().series()).as(c.id()).hasSizeLessThanOrEqualTo(ReportModels.CHART_SERIES + 1);
            }
        }
        ReportModel.Section connections = sections.get(0);
        ReportModel.TableView rest = connections.tables().stream()
                .filter(t -> t.table().name().equals(ReportModels.NOT_CHARTED_TABLE)).findFirst().orElseThrow();
        // the three data-carrying subflows are charted; 1503 - 7 flood joins are summed up in one row
        assertThat(rest.table().rowCount()).isEqualTo(1);
        assertThat(rest.table().get(0, "subflows")).isEqualTo(1503L - ReportModels.CHART_SERIES);
        assertThat(rest.table().get(0, "role")).isEqualTo("join");
        assertThat(rest.table().get(0, "payload_bytes")).isEqualTo(0L);
        assertThat(rest.table().get(0, "client_addrs")).isEqualTo(256L);
        ReportModel.ChartView timeline = connections.charts().get(0);
        assertThat(timeline.spec().series()).extracting(s -> s.name()).first().asString().startsWith("flow1 ");
        assertThat(timeline.caption()).contains("1496 more are summed up in table " + ReportModels.NOT_CHARTED_TABLE);
    }

    @Test
    void joinFloodReportSizeDoesNotGrowWithTheFlood(@TempDir Path dir) throws IOException {
        long small = reportHtmlBytes(dir, "flood", 600);
        long large = reportHtmlBytes(dir, "flood", 3000);
        assertThat(large).as("index.html of 3000 join SYNs against 600").isLessThan(small + small / 5);
        assertThat(large).isLessThan(2_000_000);
    }

    private static long reportHtmlBytes(Path dir, String kind, int n) throws IOException {
        Path out = dir.resolve("report-" + n);
        Run r = run("report", "-q", capture(dir, kind, n).toString(), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return Files.size(out.resolve("index.html"));
    }

    @Test
    void summaryOfManyConnectionAttemptsListsTheLargestAndCountsTheRest(@TempDir Path dir) throws IOException {
        Run r = run("summary", capture(dir, "syn", 3000).toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("MPTCP connections  3000 (3000 unanswered)");
        assertThat(r.out().lines().filter(l -> l.startsWith("connection "))).hasSize(100);
        assertThat(r.out()).contains("2900 more connections not listed");
        assertThat(r.out().length()).isLessThan(100_000);
    }

    @Test
    void summaryOfAJoinFloodListsFiftySubflowsAndSumsUpTheRest(@TempDir Path dir) throws IOException {
        Run r = run("summary", capture(dir, "flood", 1000).toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("953 more subflows not listed (953 join; 0 payload bytes in all; join hmac "
                + "953 valid; end 953 open)");
        // the three subflows that carried data are listed first among the fifty
        assertThat(r.out()).containsPattern("\\n\\s+0\\s+0\\s+initial\\s+10\\.0\\.0\\.1:40000");
        assertThat(r.out()).containsPattern("\\n\\s+2\\s+2\\s+join\\s+10\\.2\\.0\\.1:40002 .* 5000 ");
    }

    /**
     * Streams seen first with a DSS (handshakes not captured) find their connections by data-sequence evidence
     * among thousands of connections (indexed, not tested one by one: the time is in {@code bench/scale.sh}).
     */
    @Test
    void partialStreamsAmongThousandsOfConnectionsJoinTheirOwnConnection(@TempDir Path dir) throws IOException {
        CaptureAnalysis a = new Analyzer().analyze(capture(dir, "partial", 3000));
        assertThat(a.connections()).hasSize(3000);
        assertThat(a.connections()).allSatisfy(c -> {
            assertThat(c.state()).isEqualTo(org.mpcap.analyzer.mptcp.ConnectionState.PARTIAL);
            assertThat(c.subflows()).hasSize(2);
            // the two subflows of a connection are the same client's, to ports 443 and 8443
            assertThat(c.subflows().get(0).client()).isEqualTo(c.subflows().get(1).client());
            assertThat(c.subflows().get(1).server().port()).isEqualTo(8443);
        });
    }

    /** Issue 9: a two-hour quiet capture; bins follow the data, not the span (the 100-connection run is in bench). */
    @Test
    void twoHourQuietCaptureExportsEveryTransferWithBinsBoundedByTheData(@TempDir Path dir) throws IOException {
        Path f = capture(dir, "quiet", 3);
        Run r = run("export", "--table", "transfers", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> rows = r.out().lines().skip(1).toList();
        assertThat(rows).hasSize(3).allMatch(l -> l.contains(",36000,") && l.contains(",7180.0"));
        CaptureAnalysis a = new Analyzer().analyze(f);
        assertThat(a.durationSeconds()).isGreaterThan(7200);
        // 3 connections x 2 directions x (subflow, connection, interface) series: far below one bin per 100 ms
        assertThat(a.table("cumulative").rowCount()).isLessThan(3 * 2 * 3 * 4000);
    }

    /** A heap too small for the capture: one line naming the limit and MPCAP_JAVA_OPTS, exit 1, no stack trace. */
    @Test
    void runningOutOfMemoryIsOneLineNamingTheHeapLimitAndMpcapJavaOpts(@TempDir Path dir) throws Exception {
        Path f = capture(dir, "syn", 100_000);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx40m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "export",
                "--table", "transfers", f.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(1);
        assertThat(err.lines()).hasSize(1);
        assertThat(err).startsWith("mpcap: out of memory: ").contains("MB Java heap").contains("MPCAP_JAVA_OPTS=-Xmx4g")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void exportOfManyConnectionsWritesEveryRow(@TempDir Path dir) throws IOException {
        Path f = capture(dir, "mptcp", 2000);
        Path csv = dir.resolve("connections.csv");
        Run r = run("export", "--table", "connections", "-o", csv.toString(), f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(2001);
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.contains(",established,") && l.endsWith(",100,0,100,0,true"));
        Run subflows = run("export", "--table", "subflows", f.toString(), f.toString());
        assertThat(subflows.out().lines()).hasSize(4001); // two captures under one header
    }
}
