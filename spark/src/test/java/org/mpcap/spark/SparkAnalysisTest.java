package org.mpcap.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.cli.Main;
import org.mpcap.reports.table.TableFormat;
import org.mpcap.reports.table.TableWriter;

/**
 * The Spark job in local mode ({@code local[2]}) on the bundled samples against the single-machine commands:
 * every table of {@code mpcap batch}, and {@code runs}/{@code aggregate}/{@code comparison} of {@code mpcap compare},
 * byte-identical as CSV after sorting the rows.
 */
class SparkAnalysisTest {
    static final Path SAMPLES = Path.of("..", "sample-pcaps");

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static SparkAnalysis.Outcome outcome;
    static Path sparkOut, batchOut, compareOut;

    @BeforeAll
    static void runBoth() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("mpcap-test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
        sparkOut = tmp.resolve("spark");
        batchOut = tmp.resolve("batch");
        compareOut = tmp.resolve("compare");
        List<String> scenarios = List.of("default=" + SAMPLES.resolve("default"), "fullmesh=" + SAMPLES.resolve("fullmesh"));
        outcome = SparkAnalysis.run(spark, scenarios, sparkOut.toString(), "ack");
        List<String> batch = new ArrayList<>(List.of("batch", "-q", "-o", batchOut.toString()));
        batch.addAll(scenarios);
        assertThat(mpcap(batch.toArray(String[]::new))).isZero();
        List<String> compare = new ArrayList<>(List.of("compare", "-q", "--format", "csv", "-o", compareOut.toString()));
        compare.addAll(scenarios);
        assertThat(mpcap(compare.toArray(String[]::new))).isZero();
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    static int mpcap(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        if (code != 0) System.err.println(err);
        return code;
    }

    /** The table's rows read by Spark's own Parquet reader, as sorted CSV-like lines (columns in name order). */
    static List<String> sparkRows(Path dataset) {
        var df = spark.read().parquet(dataset.toString());
        String[] cols = df.columns().clone();
        java.util.Arrays.sort(cols);
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", cols));
        List<String> body = new ArrayList<>();
        for (Row r : df.selectExpr(cols).collectAsList()) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) b.append(',');
                Object v = r.get(i);
                if (v != null) b.append(v instanceof java.sql.Timestamp ts ? ts.toInstant().toString() : v.toString());
            }
            body.add(b.toString());
        }
        body.sort(null);
        lines.addAll(body);
        return lines;
    }

    static List<String> sortedCsv(String csv) {
        List<String> lines = new ArrayList<>(csv.lines().toList());
        List<String> body = new ArrayList<>(lines.subList(1, lines.size()));
        body.sort(null);
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        out.addAll(body);
        return out;
    }

    static String csv(DataTable t) throws Exception {
        StringWriter w = new StringWriter();
        TableWriter.write(t, TableFormat.CSV, w);
        return w.toString();
    }

    @Test
    void everyCaptureTableEqualsTheBatchOutput() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Stream<Path> s = Files.list(batchOut)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_")).sorted().forEach(tables::add);
        }
        // every table the analyzer makes (mptcp-options only on request, as in batch) and batch's own `captures`
        List<String> expected = new ArrayList<>(new org.mpcap.analyzer.Analyzer(
                org.mpcap.analyzer.AnalysisOptions.DEFAULTS.withMptcpOptionRows(true)).tableNames());
        expected.remove("mptcp-options");
        expected.add("captures");
        assertThat(tables).contains("captures", "connections", "subflows", "rtt", "transfers", "events")
                .containsExactlyInAnyOrderElementsOf(expected);
        int rows = 0;
        for (String t : tables) {
            List<String> local = sparkRows(batchOut.resolve(t));
            rows += local.size() - 1;
            assertThat(sparkRows(sparkOut.resolve(t))).as(t).isEqualTo(local);
        }
        assertThat(rows).isGreaterThan(10_000); // not a comparison of empty tables (the samples have no reinjection)
    }

    @Test
    void runsAggregateAndComparisonAreThoseOfCompare() throws Exception {
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.results()).hasSize(10);
        for (DataTable t : List.of(outcome.runs(), outcome.aggregate(), outcome.comparison())) {
            String local = Files.readString(compareOut.resolve("csv").resolve(t.name() + ".csv"));
            assertThat(sortedCsv(csv(t))).as(t.name()).isEqualTo(sortedCsv(local));
            assertThat(spark.read().parquet(sparkOut.resolve(t.name()).toString()).count()).as(t.name())
                    .isEqualTo(t.rowCount());
        }
        assertThat(outcome.aggregate().rowCount()).isGreaterThan(10);
        assertThat(outcome.comparison().rowCount()).isGreaterThan(5);
    }

    @Test
    void aCaptureThatFailsIsReportedAndTheOthersAreWritten(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in/s"));
        Files.copy(SAMPLES.resolve("default/run-01.pcap"), in.resolve("run-01.pcap"));
        Files.write(in.resolve("run-02.pcap"), new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0});
        SparkAnalysis.Outcome o = SparkAnalysis.run(spark, List.of(dir.resolve("in").toString()),
                dir.resolve("out").toString(), "ack");
        assertThat(o.failures()).singleElement().satisfies(f -> assertThat(f.failure()).contains("run-02.pcap")
                .doesNotContain("Exception"));
        assertThat(dir.resolve("out/subflows/scenario=s/run=run-01/part-0.parquet")).isRegularFile();
        assertThat(o.runs().rowCount()).isEqualTo(1);
    }
}
