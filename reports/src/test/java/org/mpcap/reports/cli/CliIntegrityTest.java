package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's consistency and data-integrity rules, end to end through {@link Main#newCommandLine}: one input
 * expander for every command, commands named in usage errors, output problems with their own exit code,
 * observations matched by run name and never by folder position, several observation CSVs for aggregate, one
 * link-type name table.
 */
class CliIntegrityTest {
    static final Path SAMPLES = Path.of("../sample-pcaps");
    static final Path V1_JOIN = Path.of("../analyzer/src/test/resources/fixtures/v1-join.pcap");

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    // ------------------------------------------------------------------ one input expander

    @Test
    void summaryAndExportSearchADirectoryRecursivelyLikeReport() {
        Run s = run("summary", "--json", SAMPLES.toString());
        assertThat(s.code()).as(s.err()).isEqualTo(ExitCodes.OK);
        assertThat(s.out().split("\"format\"", -1)).hasSize(11); // 10 captures
        Run e = run("export", "--table", "transfers", SAMPLES.toString());
        assertThat(e.code()).as(e.err()).isEqualTo(ExitCodes.OK);
        assertThat(e.out().lines().skip(1)).hasSize(10);
    }

    @Test
    void exportKeepsSameNamedCapturesInDifferentFoldersApart() {
        Run e = run("export", "--table", "transfers", SAMPLES.toString());
        List<String> names = e.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(names).contains("default/run-01.pcap", "fullmesh/run-01.pcap").doesNotHaveDuplicates();
    }

    // ------------------------------------------------------------------ messages and exit codes

    @Test
    void usageErrorOfAnOptionCheckedInAMixinNamesTheCommand(@TempDir Path dir) {
        Run r = run("report", "--bin", "-1", V1_JOIN.toString(), "-o", dir.resolve("r").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Try 'mpcap report --help'").doesNotContain("<main class>");
        Run f = run("compare", "--format", "nope", "a=" + V1_JOIN, "-o", dir.resolve("c").toString());
        assertThat(f.err()).contains("Try 'mpcap compare --help'").doesNotContain("<main class>");
    }

    @Test
    void existingOutputDirectoryIsAnOutputErrorSayingWhatToDo(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "x");
        Run r = run("report", V1_JOIN.toString(), "-o", out.toString(), "-q");
        assertThat(r.code()).isEqualTo(ExitCodes.OUTPUT);
        assertThat(r.err()).hasLineCount(1).contains(out.toString()).contains("--force");
        assertThat(out.resolve("keep.txt")).hasContent("x");
    }

    @Test
    void outputUnderARegularFileNamesTheFileInTheWay(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Run r = run("report", V1_JOIN.toString(), "-o", file.resolve("sub").toString(), "-q");
        assertThat(r.code()).isEqualTo(ExitCodes.OUTPUT);
        assertThat(r.err()).hasLineCount(1).contains(file + " is a file, not a directory");
        Run e = run("export", "--table", "connections", "-o", file.resolve("x.csv").toString(), V1_JOIN.toString());
        assertThat(e.code()).isEqualTo(ExitCodes.OUTPUT);
        assertThat(e.err()).hasLineCount(1).contains(file + " is a file, not a directory");
        Run a = run("aggregate", SAMPLES.resolve("default/runs.csv").toString(), "--group-by", "scenario", "-o",
                file.resolve("agg.csv").toString());
        assertThat(a.code()).isEqualTo(ExitCodes.OUTPUT);
    }

    @Test
    void outOfMemoryIsOneLineNamingTheHeapAndExitOne() {
        StringWriter err = new StringWriter();
        int code = Main.report(new OutOfMemoryError("Java heap space"), new PrintWriter(err, true), false);
        assertThat(code).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString()).hasLineCount(1).contains("out of memory").contains("MPCAP_JAVA_OPTS")
                .doesNotContain("at org.");
        StringWriter verbose = new StringWriter();
        Main.report(new IllegalStateException("boom"), new PrintWriter(verbose, true), true);
        assertThat(verbose.toString()).contains("internal error: IllegalStateException: boom").contains("\tat ");
    }

    // ------------------------------------------------------------------ observations matched by run

    /** The scenario folder with run-03.pcap left out, and its runs.csv that still lists runs 1-5. */
    private static Path withoutRun3(Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("default"));
        for (String r : List.of("run-01", "run-02", "run-04", "run-05")) {
            Files.copy(SAMPLES.resolve("default/" + r + ".pcap"), d.resolve(r + ".pcap"));
        }
        Files.copy(SAMPLES.resolve("default/runs.csv"), d.resolve("runs.csv"));
        return d;
    }

    @Test
    void aRowForAMissingCaptureIsAnErrorNotLentToTheNextCapture(@TempDir Path dir) throws IOException {
        Path d = withoutRun3(dir);
        Run r = run("compare", "default=" + d, "--observations", d.resolve("runs.csv").toString(), "-o",
                dir.resolve("cmp").toString(), "-q");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).hasLineCount(1).contains("runs.csv").contains("run 3").contains("--allow-unmatched");
        assertThat(dir.resolve("cmp")).doesNotExist();
    }

    @Test
    void allowUnmatchedKeepsEachCapturesOwnObservation(@TempDir Path dir) throws IOException {
        Path d = withoutRun3(dir);
        Path out = dir.resolve("cmp");
        Run r = run("compare", "default=" + d, "--observations", d.resolve("runs.csv").toString(),
                "--allow-unmatched", "-o", out.toString(), "--format", "csv");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).contains("warning").contains("run 3");
        List<String> obs = Files.readAllLines(d.resolve("runs.csv"));
        List<String> runs = Files.readAllLines(out.resolve("csv/runs.csv"));
        List<String> head = Arrays.asList(runs.get(0).split(","));
        int run = head.indexOf("run"), capture = head.indexOf("capture"), time = head.indexOf("obs_time_s");
        for (String line : runs.subList(1, runs.size())) {
            String[] v = line.split(",");
            String expected = obs.stream().filter(l -> l.split(",")[1].equals(v[run])).findFirst().orElseThrow()
                    .split(",")[3];
            assertThat(v[capture]).isEqualTo(String.format("run-%02d.pcap", Integer.parseInt(v[run])));
            assertThat(Double.parseDouble(v[time])).as(line).isEqualTo(Double.parseDouble(expected));
        }
        assertThat(runs).hasSize(5).noneMatch(l -> l.startsWith("default,3,"));
    }

    @Test
    void aRunWithoutAnObservationRowIsAnError(@TempDir Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("default"));
        Files.copy(SAMPLES.resolve("default/run-01.pcap"), d.resolve("run-01.pcap"));
        Files.copy(SAMPLES.resolve("default/run-02.pcap"), d.resolve("run-02.pcap"));
        Path csv = Files.writeString(dir.resolve("obs.csv"), "scenario,run,time_s\ndefault,1,0.5\n");
        Run r = run("compare", "default=" + d, "--observations", csv.toString(), "-o", dir.resolve("c").toString(),
                "-q");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).hasLineCount(1).contains("no observation row for scenario default run 2");
    }

    @Test
    void aCaptureColumnMatchesRowsByFileName(@TempDir Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("default"));
        Files.copy(SAMPLES.resolve("default/run-01.pcap"), d.resolve("first.pcap"));
        Files.copy(SAMPLES.resolve("default/run-02.pcap"), d.resolve("second.pcap"));
        Path csv = Files.writeString(dir.resolve("obs.csv"), "capture,energy_j\nsecond.pcap,7\nfirst.pcap,3\n");
        Path out = dir.resolve("c");
        Run r = run("compare", "default=" + d, "--observations", csv.toString(), "-o", out.toString(), "-q",
                "--format", "csv");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        List<String> runs = Files.readAllLines(out.resolve("csv/runs.csv"));
        List<String> head = Arrays.asList(runs.get(0).split(","));
        int capture = head.indexOf("capture"), energy = head.indexOf("obs_energy_j");
        for (String line : runs.subList(1, runs.size())) {
            String[] v = line.split(",");
            assertThat(Double.parseDouble(v[energy])).isEqualTo(v[capture].equals("first.pcap") ? 3.0 : 7.0);
        }
    }

    @Test
    void runNumbersComeFromCaptureNames() {
        assertThat(Aggregation.runNumber(Path.of("x/run-03.pcap"))).isEqualTo(3);
        assertThat(Aggregation.runNumber(Path.of("fullmesh_run12.pcapng.gz"))).isEqualTo(12);
        assertThat(Aggregation.runNumber(Path.of("rerun.pcap"))).isEqualTo(-1);
        assertThat(Aggregation.runNumbers(List.of(Path.of("a/run-1.pcap"), Path.of("b/run-01.pcap")))).isNull();
    }

    @Test
    void aggregateReadsSeveralObservationFilesAsOneTable() {
        Run r = run("aggregate", SAMPLES.resolve("default/runs.csv").toString(),
                SAMPLES.resolve("fullmesh/runs.csv").toString(), "--group-by", "scenario", "--format", "csv");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("default,time_s,5,").contains("fullmesh,time_s,5,");
    }

    // ------------------------------------------------------------------ hostile timestamps

    /** fullmesh/run-01.pcap (LE pcap, 1754 records) with record {@code index}'s seconds set to {@code seconds}. */
    static Path withTimestamp(Path dir, String name, int index, long seconds) throws IOException {
        byte[] b = Files.readAllBytes(SAMPLES.resolve("fullmesh/run-01.pcap"));
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int at = 24;
        for (int r = 0; r < index; r++) at += 16 + bb.getInt(at + 8);
        if (index < 0) { // the last record
            int last = at;
            while (at + 16 <= b.length) {
                last = at;
                at += 16 + bb.getInt(at + 8);
            }
            at = last;
        }
        bb.putInt(at, (int) (seconds < 0 ? bb.getInt(at) + seconds : seconds));
        return Files.write(dir.resolve(name), b);
    }

    static double duration(Run summary) {
        String line = summary.out().lines().filter(l -> l.startsWith("duration")).findFirst().orElseThrow();
        return Double.parseDouble(line.replaceAll("[^0-9.-]", ""));
    }

    @Test
    void aRecordDecadesAwayIsNamedAndDoesNotStretchTheBins(@TempDir Path dir) throws IOException {
        Path f = withTimestamp(dir, "future.pcap", 877, 0xffffff00L); // frame 878: year 2106
        Run s = run("summary", f.toString());
        assertThat(s.code()).isEqualTo(ExitCodes.OK);
        assertThat(s.err()).hasLineCount(1).contains("frame 878").contains("2106-");
        assertThat(duration(s)).isEqualTo(duration(run("summary", SAMPLES.resolve("fullmesh/run-01.pcap").toString())));
        long normal = run("export", "--table", "cumulative", SAMPLES.resolve("fullmesh/run-01.pcap").toString())
                .out().lines().count();
        Run e = run("export", "--table", "cumulative", "-q", f.toString());
        assertThat(e.code()).isEqualTo(ExitCodes.OK);
        assertThat(e.out().lines().count()).isEqualTo(normal); // same 100 ms grid, not folded over 80 years
        Path out = dir.resolve("r");
        Run r = run("report", f.toString(), "-o", out.toString(), "--format", "md");
        assertThat(r.err()).contains("frame 878");
        assertThat(Files.readString(out.resolve("report.md"))).contains("frame 878");
    }

    @Test
    void aFirstRecordDecadesAwayMovesTheTimeBaseToTheOthers(@TempDir Path dir) throws IOException {
        Path f = withTimestamp(dir, "first.pcap", 0, 1000);
        Run s = run("summary", f.toString());
        assertThat(s.err()).contains("frame 1,");
        assertThat(duration(s)).isBetween(0.38, 0.39);
    }

    @Test
    void durationIsLatestMinusEarliestNeverNegative(@TempDir Path dir) throws IOException {
        Path f = withTimestamp(dir, "back.pcap", -1, -10); // the last record 10 s before its neighbours
        Run s = run("summary", f.toString());
        assertThat(s.code()).isEqualTo(ExitCodes.OK);
        assertThat(duration(s)).isGreaterThan(9.5).isLessThan(10.5);
        Path g = withTimestamp(dir, "far-back.pcap", -1, 1000); // the last record in 1970: an outlier
        assertThat(duration(run("summary", "-q", g.toString()))).isBetween(0.38, 0.39);
    }

    // ------------------------------------------------------------------ gzip offsets

    @Test
    void gzipDamageNamesTheDecompressedOffsetAndTheCompressedPosition(@TempDir Path dir) throws IOException {
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (var g = new java.util.zip.GZIPOutputStream(z)) {
            g.write(Files.readAllBytes(SAMPLES.resolve("fullmesh/run-01.pcap")));
        }
        byte[] gz = z.toByteArray();
        Path cut = Files.write(dir.resolve("cut.pcap.gz"), Arrays.copyOf(gz, gz.length / 3));
        Run r = run("summary", cut.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).contains("decompressed byte offset").contains("compressed byte")
                .contains("of " + gz.length / 3);
        byte[] header = Arrays.copyOf(gz, gz.length);
        Path bad = dir.resolve("bad.pcap.gz");
        z.reset();
        try (var g = new java.util.zip.GZIPOutputStream(z)) {
            g.write("not a capture at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Files.write(bad, z.toByteArray());
        Run b = run("summary", bad.toString());
        assertThat(b.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(b.err()).hasLineCount(1).contains("at decompressed byte offset 0");
        assertThat(header).isNotEmpty();
    }

    // ------------------------------------------------------------------ hostile names

    @Test
    void aCaptureNamedLikeAFormulaIsTextInCsv(@TempDir Path dir) throws IOException {
        Path f = Files.copy(V1_JOIN, dir.resolve("=1+2.pcap"));
        Run e = run("export", "--table", "connections", f.toString());
        assertThat(e.code()).as(e.err()).isEqualTo(ExitCodes.OK);
        assertThat(e.out().lines().skip(1)).allMatch(l -> l.startsWith("'=1+2.pcap,"));
    }

    @Test
    void observationCellsStartingLikeAFormulaAreTextInTheRunsCsv(@TempDir Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("s"));
        Files.copy(SAMPLES.resolve("default/run-01.pcap"), d.resolve("run-01.pcap"));
        Path csv = Files.writeString(dir.resolve("obs.csv"), "run,note\n1,@SUM(A1)\n");
        Path out = dir.resolve("c");
        Run r = run("compare", "s=" + d, "--observations", csv.toString(), "-o", out.toString(), "-q",
                "--format", "csv");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(out.resolve("csv/runs.csv"))).contains(",'@SUM(A1)").doesNotContain(",@SUM");
    }

    @Test
    void aCaptureNameWithHtmlOrAMarkdownLinkIsEscapedInTheReport(@TempDir Path dir) throws IOException {
        String name = "<img src=x onerror=alert(1)>[x](javascript:alert(2)).pcap";
        Path f = Files.copy(V1_JOIN, dir.resolve(name));
        Path out = dir.resolve("r");
        Run r = run("report", f.toString(), "-o", out.toString(), "-q", "--format", "html,md");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).doesNotContain("<img src=x").contains("&lt;img src");
        String md = Files.readString(out.resolve("report.md"));
        // every < and [ of the name is backslash-escaped: no element, no link
        assertThat(md).doesNotContainPattern("[^\\\\]<img").doesNotContainPattern("[^\\\\]\\[x")
                .contains("\\<img src=x onerror=alert(1)\\>\\[x\\](javascript:alert(2)).pcap");
    }

    // ------------------------------------------------------------------ one link-type table

    @Test
    void pppCaptureIsNamedPppInSummaryAndReport(@TempDir Path dir) throws IOException {
        Path ppp = dir.resolve("ppp.pcap");
        Files.write(ppp, asPpp(Files.readAllBytes(V1_JOIN)));
        Run s = run("summary", ppp.toString());
        assertThat(s.code()).as(s.err()).isEqualTo(ExitCodes.OK);
        assertThat(s.out()).contains("PPP (9)").doesNotContain("(link type)");
        Run r = run("report", ppp.toString(), "-o", dir.resolve("r").toString(), "-q", "--format", "md");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(dir.resolve("r/report.md"))).contains("PPP (9)");
    }

    /** An Ethernet pcap's frames rewritten as PPP (RFC 1662 framing: FF 03, then protocol 0x0021 = IPv4). */
    static byte[] asPpp(byte[] eth) {
        ByteBuffer in = ByteBuffer.wrap(eth).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(eth.length + 1024).order(ByteOrder.LITTLE_ENDIAN);
        out.put(eth, 0, 20).putInt(9);
        in.position(24);
        while (in.remaining() >= 16) {
            int ts = in.getInt(), us = in.getInt(), incl = in.getInt(), orig = in.getInt();
            byte[] frame = new byte[incl];
            in.get(frame);
            out.putInt(ts).putInt(us).putInt(incl - 14 + 4).putInt(orig - 14 + 4);
            out.put((byte) 0xff).put((byte) 0x03).put((byte) 0x00).put((byte) 0x21).put(frame, 14, incl - 14);
        }
        return Arrays.copyOf(out.array(), out.position());
    }
}
