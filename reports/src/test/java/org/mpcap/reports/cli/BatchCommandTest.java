package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.stats.MptcpOptionsCollector;
import org.mpcap.reports.parquet.DuckDb;
import org.mpcap.reports.parquet.ParquetCsv;

/** {@code mpcap batch}: partitioned Parquet equal to export, resumable, failures per capture. */
class BatchCommandTest {
    static final Path SAMPLES = ReportCommandTest.SAMPLES;

    /** A copy of two captures of each sample scenario (tests may change copies, never the samples). */
    static Path copies(Path dir) throws Exception {
        Path in = dir.resolve("in");
        for (String s : List.of("default", "fullmesh")) {
            Files.createDirectories(in.resolve(s));
            for (String r : List.of("run-01.pcap", "run-02.pcap")) {
                Files.copy(SAMPLES.resolve(s).resolve(r), in.resolve(s).resolve(r));
            }
        }
        return in;
    }

    static String glob(Path out, String table) {
        return "read_parquet(" + DuckDb.literal(out.resolve(table).resolve("**").resolve("*.parquet"))
                + ", hive_partitioning = true, file_row_number = true)";
    }

    @Test
    void everyTableIsPartitionedByScenarioAndRunWithTheRowsOfExport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        ReportCommandTest.Run r = ReportCommandTest.run("batch", SAMPLES.toString(), "-o", out.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("10 captures analysed, 0 already done, 0 failed");
        List<String> tables = new Analyzer(AnalysisOptions.DEFAULTS).tableNames();
        try (DuckDb db = new DuckDb()) {
            for (String t : tables) {
                if (t.equals(MptcpOptionsCollector.NAME)) {
                    assertThat(out.resolve(t)).doesNotExist();
                    continue;
                }
                for (String scenario : List.of("default", "fullmesh")) {
                    Path csv = dir.resolve(t + "-" + scenario + ".csv");
                    assertThat(ReportCommandTest.run("export", "--table", t, "-o", csv.toString(),
                            SAMPLES.resolve(scenario).toString()).code()).isZero();
                    assertThat(ParquetCsv.csvOf(db, glob(out, t) + " WHERE scenario = '" + scenario + "'",
                            "run, file_row_number", csv)).as(t + " " + scenario).isEqualTo(Files.readString(csv));
                }
            }
            assertThat(db.query("SELECT scenario, run, capture, packets > 0 FROM " + glob(out, "captures")
                    + " WHERE run = 'run-03' ORDER BY scenario")).containsExactly(
                    List.of("default", "run-03", "run-03.pcap", true), List.of("fullmesh", "run-03", "run-03.pcap", true));
        }
    }

    @Test
    void secondRunSkipsDoneCapturesAndRedoesChangedOrUnfinishedOnes(@TempDir Path dir) throws Exception {
        Path in = copies(dir), out = dir.resolve("out");
        assertThat(ReportCommandTest.run("batch", in.toString(), "-o", out.toString(), "-q").out())
                .contains("4 captures analysed, 0 already done");
        assertThat(ReportCommandTest.run("batch", in.toString(), "-o", out.toString(), "-q").out())
                .contains("0 captures analysed, 4 already done");
        // Interrupted while writing fullmesh/run-02: its marker is missing and a table half there.
        Files.delete(out.resolve("_batch/done/fullmesh/run-02.properties"));
        Path rtt = out.resolve("rtt/scenario=fullmesh/run=run-02/part-0.parquet");
        Files.delete(rtt);
        // default/run-01 was recorded again since.
        Path changed = in.resolve("default/run-01.pcap");
        Files.setLastModifiedTime(changed, FileTime.fromMillis(Files.getLastModifiedTime(changed).toMillis() + 5000));
        assertThat(ReportCommandTest.run("batch", in.toString(), "-o", out.toString(), "-q").out())
                .contains("2 captures analysed, 2 already done");
        assertThat(rtt).isRegularFile();
    }

    @Test
    void aCaptureThatFailsIsReportedAndTheOthersAreWritten(@TempDir Path dir) throws Exception {
        Path in = copies(dir), out = dir.resolve("out");
        Path bad = in.resolve("default/run-03.pcap");
        // A pcap magic followed by a header cut short: recognised as a capture, unreadable.
        Files.write(bad, new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0});
        ReportCommandTest.Run r = ReportCommandTest.run("batch", in.toString(), "-o", out.toString(), "-q");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.out()).contains("4 captures analysed, 0 already done, 1 failed");
        assertThat(r.err().lines()).singleElement().asString().startsWith("mpcap: batch: " + bad + ": ")
                .doesNotContain("Exception");
        assertThat(out.resolve("_batch/failed/default/run-03.txt")).isRegularFile();
        assertThat(out.resolve("subflows/scenario=fullmesh/run=run-02/part-0.parquet")).isRegularFile();
        Files.copy(SAMPLES.resolve("default/run-03.pcap"), bad, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ReportCommandTest.Run again = ReportCommandTest.run("batch", in.toString(), "-o", out.toString(), "-q");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("1 capture analysed, 4 already done, 0 failed");
        assertThat(out.resolve("_batch/failed/default/run-03.txt")).doesNotExist();
    }

    @Test
    void namedScenariosAndSeveralJobsGiveTheSameTables(@TempDir Path dir) throws Exception {
        Path in = copies(dir), one = dir.resolve("one"), two = dir.resolve("two");
        assertThat(ReportCommandTest.run("batch", "a=" + in.resolve("default"), "b=" + in.resolve("fullmesh"), "-j",
                "1", "-o", one.toString(), "-q").code()).isZero();
        assertThat(ReportCommandTest.run("batch", "a=" + in.resolve("default"), "b=" + in.resolve("fullmesh"), "-j",
                "3", "-o", two.toString(), "-q").code()).isZero();
        try (DuckDb db = new DuckDb()) {
            String q = "SELECT * EXCLUDE (file_row_number) FROM %s ORDER BY scenario, run, file_row_number";
            assertThat(db.query(String.format(q, glob(two, "transfers")))).isEqualTo(
                    db.query(String.format(q, glob(one, "transfers")))).isNotEmpty();
            assertThat(db.query("SELECT DISTINCT scenario FROM " + glob(one, "transfers") + " ORDER BY 1"))
                    .containsExactly(List.of("a"), List.of("b"));
        }
    }

    @Test
    void twoCapturesWithTheSameScenarioAndRunAreAUsageError(@TempDir Path dir) throws Exception {
        Path in = copies(dir);
        ReportCommandTest.Run r = ReportCommandTest.run("batch", in.resolve("default").toString(),
                "default=" + in.resolve("fullmesh"), "-o", dir.resolve("out").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("scenario=default run=run-01").contains("NAME=DIR");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
