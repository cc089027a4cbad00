package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.reports.parquet.DuckDb;
import org.mpcap.reports.parquet.ParquetCsv;

/** {@code export --format parquet} and the {@code parquet/} folder of report/compare, read back with DuckDB. */
class ParquetOutputTest {
    static final Path SAMPLES = ReportCommandTest.SAMPLES;

    @Test
    void everyExportedTableHasTheRowsOfItsCsv(@TempDir Path dir) throws Exception {
        List<String> tables = new Analyzer(AnalysisOptions.DEFAULTS.withMptcpOptionRows(true)).tableNames();
        assertThat(tables).hasSizeGreaterThan(10);
        try (DuckDb db = new DuckDb()) {
            for (String t : tables) {
                Path csv = dir.resolve(t + ".csv"), parquet = dir.resolve(t + ".parquet");
                String in = SAMPLES.resolve("fullmesh").toString();
                assertThat(ReportCommandTest.run("export", "--table", t, "-o", csv.toString(), in).code()).isZero();
                ReportCommandTest.Run r = ReportCommandTest.run("export", "--table", t, "--format", "parquet", "-o",
                        parquet.toString(), in);
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(ParquetCsv.csvOf(db, parquet, csv)).as(t).isEqualTo(Files.readString(csv));
            }
        }
    }

    @Test
    void reportAndCompareParquetFoldersMatchTheirCsvFolders(@TempDir Path dir) throws Exception {
        Path rep = dir.resolve("rep"), cmp = dir.resolve("cmp");
        assertThat(ReportCommandTest.run("report", SAMPLES.resolve("default").toString(), "-q", "--format",
                "csv,parquet", "-o", rep.toString()).code()).isZero();
        assertThat(ReportCommandTest.run("compare", "default=" + SAMPLES.resolve("default"), "fullmesh="
                + SAMPLES.resolve("fullmesh"), "-q", "--format", "csv,parquet", "-o", cmp.toString()).code()).isZero();
        try (DuckDb db = new DuckDb()) {
            for (Path out : List.of(rep, cmp)) {
                List<String> csvs = names(out.resolve("csv"), ".csv");
                assertThat(names(out.resolve("parquet"), ".parquet")).isEqualTo(csvs);
                for (String n : csvs) {
                    Path csv = out.resolve("csv/" + n + ".csv");
                    assertThat(ParquetCsv.csvOf(db, out.resolve("parquet/" + n + ".parquet"), csv)).as(out + " " + n)
                            .isEqualTo(Files.readString(csv));
                }
            }
        }
    }

    @Test
    void reportTimesAlsoComeAsUtcTimestampsOfEachCapture(@TempDir Path dir) throws Exception {
        Path rep = dir.resolve("rep");
        assertThat(ReportCommandTest.run("report", SAMPLES.resolve("default").toString(), "-q", "--format",
                "parquet", "-o", rep.toString()).code()).isZero();
        Analyzer analyzer = new Analyzer();
        try (DuckDb db = new DuckDb()) {
            String subflows = DuckDb.literal(rep.resolve("parquet/subflows.parquet"));
            assertThat(db.describe(subflows)).containsEntry("syn_time", "DOUBLE")
                    .containsEntry("syn_time_utc", "TIMESTAMP WITH TIME ZONE").containsEntry("packets", "BIGINT")
                    .containsEntry("client_addr", "VARCHAR").containsEntry("backup", "BOOLEAN");
            for (String run : List.of("run-01.pcap", "run-04.pcap")) {
                long first = analyzer.analyze(SAMPLES.resolve("default/" + run)).firstTimestampNanos();
                assertThat(db.query("SELECT DISTINCT epoch_us(syn_time_utc) - round(syn_time * 1e6)::BIGINT FROM "
                        + subflows + " WHERE capture = '" + run + "'")).containsExactly(List.of(first / 1000));
            }
        }
    }

    @Test
    void compareRunsCarryScenarioAndRun(@TempDir Path dir) throws Exception {
        Path cmp = dir.resolve("cmp");
        assertThat(ReportCommandTest.run("compare", "default=" + SAMPLES.resolve("default"), "fullmesh="
                + SAMPLES.resolve("fullmesh"), "-q", "--format", "parquet", "-o", cmp.toString()).code()).isZero();
        try (DuckDb db = new DuckDb()) {
            assertThat(db.query("SELECT \"group\", count(*), min(run), max(run) FROM "
                    + DuckDb.literal(cmp.resolve("parquet/runs.parquet")) + " GROUP BY 1 ORDER BY 1"))
                    .containsExactly(List.of("default", 5L, 1L, 5L), List.of("fullmesh", 5L, 1L, 5L));
        }
    }

    @Test
    void parquetIsOptInNotPartOfAll() {
        assertThat(OutputFormat.parse(List.of("all"))).doesNotContain(OutputFormat.PARQUET);
        assertThat(OutputFormat.parse(List.of("all,parquet"))).contains(OutputFormat.PARQUET, OutputFormat.HTML);
    }

    @Test
    void parquetExportWithoutOutputFileIsUsageError() {
        ReportCommandTest.Run r = ReportCommandTest.run("export", "--table", "subflows", "--format", "parquet",
                SAMPLES.resolve("default").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("-o FILE");
        assertThat(r.out()).isEmpty();
    }

    private static List<String> names(Path dir, String ext) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(ext))
                    .forEach(n -> out.add(n.substring(0, n.length() - ext.length())));
        }
        out.sort(null);
        return out;
    }
}
