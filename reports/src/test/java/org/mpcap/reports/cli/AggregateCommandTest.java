package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.newCommandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(AggregateCommandTest.class.getResource("aggregate/" + name).toURI());
    }

    /** Compares with a golden file; {@code -Dgolden.update=true} rewrites it (then review the diff). */
    private static void assertGolden(String actual, String golden) throws IOException, URISyntaxException {
        Path file = resource(golden);
        if (Boolean.getBoolean("golden.update")) {
            Path src = Path.of("src/test/resources/org/mpcap/reports/cli/aggregate", golden);
            Files.writeString(src, actual, StandardCharsets.UTF_8);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static List<String[]> csv(String text) {
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\r\n")) rows.add(line.split(",", -1));
        return rows;
    }

    @Test
    void aggregateCsvOfReportTable3MatchesGoldenAndReportValues() throws Exception {
        int code = run("aggregate", resource("table3-transfer.csv").toString(), "--group-by", "config",
                "--format", "csv");
        assertThat(err.toString()).isEmpty();
        assertThat(code).isEqualTo(0);
        List<String[]> rows = csv(out.toString());
        assertThat(rows.get(0)).containsExactly("group", "metric", "n", "mean", "std_sample", "std_population",
                "sem", "ci95_low", "ci95_high", "min", "median", "max");
        // obs is an identifier column: metrics are rate_kBps and time_s
        assertThat(rows).extracting(r -> r[0] + "/" + r[1]).containsExactly("group/metric",
                "fullmesh/rate_kBps", "fullmesh/time_s", "default/rate_kBps", "default/time_s");
        assertThat(rows.get(1)[3]).isEqualTo("508.5");
        assertThat(Double.parseDouble(rows.get(1)[5])).isBetween(31.24815, 31.24825);
        assertThat(Double.parseDouble(rows.get(1)[4])).isBetween(32.93845, 32.93855);
        assertThat(Double.parseDouble(rows.get(3)[5])).isBetween(3.072455, 3.072465);
        assertGolden(out.toString(), "table3-aggregate.csv");
    }

    @Test
    void comparisonTableOfReportTable4MatchesGolden() throws Exception {
        int code = run("aggregate", resource("table4-flows.csv").toString(), "--group-by", "config",
                "--table", "comparison", "--format", "csv");
        assertThat(code).isEqualTo(0);
        List<String[]> rows = csv(out.toString());
        assertThat(rows.get(0)).containsExactly("group_a", "group_b", "metric", "n_a", "n_b", "mean_a", "mean_b",
                "diff", "welch_t", "welch_df", "welch_p", "mw_u", "mw_p", "mw_method", "diff_ci95_low",
                "diff_ci95_high");
        assertThat(rows).hasSize(4);
        assertGolden(out.toString(), "table4-comparison.csv");
    }

    @Test
    void explicitMetricsAreAggregatedInTheGivenOrder() throws Exception {
        int code = run("aggregate", resource("table3-transfer.csv").toString(), "--group-by", "config",
                "--metrics", "time_s,obs", "--format", "csv");
        assertThat(code).isEqualTo(0);
        assertThat(csv(out.toString())).extracting(r -> r[1]).containsExactly("metric", "time_s", "obs",
                "time_s", "obs");
    }

    @Test
    void jsonOutputIsOneTableWithTypedNumbers() throws Exception {
        int code = run("aggregate", resource("table3-transfer.csv").toString(), "--group-by", "config",
                "--format", "json", "--metrics", "rate_kBps");
        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).startsWith("{\"table\":\"aggregate\"")
                .contains("\"group\":\"fullmesh\",\"metric\":\"rate_kBps\",\"n\":10,\"mean\":508.5,");
    }

    @Test
    void textFormatPrintsBothTables() throws Exception {
        int code = run("aggregate", resource("table3-transfer.csv").toString(), "--group-by", "config");
        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).startsWith("aggregate: ").contains("\ncomparison: ")
                .contains("| fullmesh | default | rate_kBps |");
    }

    @Test
    void outputFileIsWrittenAndStdoutStaysEmpty(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("agg.csv");
        int code = run("aggregate", resource("table3-transfer.csv").toString(), "--group-by", "config",
                "--format", "csv", "-o", target.toString());
        assertThat(code).isEqualTo(0);
        assertThat(out.toString()).isEmpty();
        assertThat(Files.readString(target)).startsWith("group,metric,n,");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target); // no temporary left behind
        }
    }

    @Test
    void missingGroupColumnIsBadInputNamingFileAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("runs.csv");
        Files.writeString(f, "scenario,run,rate\na,1,2\n");
        int code = run("aggregate", f.toString(), "--group-by", "config");
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("mpcap: " + f + ":1: column config: no such column; the header has "
                + "[scenario, run, rate]" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void nonNumericValueIsBadInputNamingFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("runs.csv");
        Files.writeString(f, "scenario,rate\na,2\na,fast\n");
        int code = run("aggregate", f.toString(), "--group-by", "scenario", "--metrics", "rate");
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("mpcap: " + f + ":3: column rate: not a number: \"fast\""
                + System.lineSeparator());
    }

    @Test
    void raggedRowIsBadInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("runs.csv");
        Files.writeString(f, "scenario,rate\na,2,3\n");
        assertThat(run("aggregate", f.toString(), "--group-by", "scenario")).isEqualTo(3);
        assertThat(err.toString()).contains(f + ":2: 3 fields, the header has 2");
    }

    @Test
    void emptyFileIsBadInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("runs.csv");
        Files.writeString(f, "");
        assertThat(run("aggregate", f.toString(), "--group-by", "scenario")).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("mpcap: " + f + ": empty file (no header line)"
                + System.lineSeparator());
    }

    @Test
    void missingFileIsBadInput() {
        assertThat(run("aggregate", "/nonexistent/runs.csv", "--group-by", "scenario")).isEqualTo(3);
        assertThat(err.toString()).contains("/nonexistent/runs.csv");
    }

    @Test
    void noNumericColumnIsBadInput(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("runs.csv");
        Files.writeString(f, "scenario,run,kernel\na,1,v6\n");
        assertThat(run("aggregate", f.toString(), "--group-by", "scenario")).isEqualTo(3);
        assertThat(err.toString()).contains("no numeric column");
    }

    @Test
    void groupByIsRequired() throws Exception {
        assertThat(run("aggregate", resource("table3-transfer.csv").toString())).isEqualTo(2);
        assertThat(Arrays.asList(err.toString().split("\n"))).anyMatch(l -> l.contains("--group-by"));
    }
}
