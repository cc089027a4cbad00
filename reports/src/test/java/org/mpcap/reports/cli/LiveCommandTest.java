package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.reports.live.Pcap4jSource;

/**
 * {@code mpcap live} without a network: {@code -r} streams (a file, a FIFO that stays open), the three views, the
 * capture and report it writes, and its one-line errors. The capture on real interfaces is LiveTestbedTest.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LiveCommandTest {
    private static final Path FULLMESH = Path.of("../sample-pcaps/fullmesh/run-01.pcap");
    private static final Path EVENTS = Path.of("../analyzer/src/test/resources/realcaps/ev-any.pcap");

    @TempDir
    Path dir;

    private static SummaryExportCommandTest.Run run(String... args) {
        return SummaryExportCommandTest.run(args);
    }

    /** Every text output of a report (PNG, PDF and xlsx are compared by the renderers' own tests). */
    private static List<Path> texts(Path report) throws IOException {
        try (var s = Files.walk(report)) {
            return s.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".png")
                    && !f.toString().endsWith(".pdf") && !f.toString().endsWith(".xlsx") && !f.toString().endsWith(".pcapng")).sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void theLiveReportIsTheOfflineReportOfTheCaptureItWrote() throws IOException {
        Path capture = dir.resolve("live.pcapng");
        Path live = dir.resolve("live");
        SummaryExportCommandTest.Run r = run("live", "-r", EVENTS.toString(), "-w", capture.toString(), "-o",
                live.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("mpcap: wrote " + capture + " (").contains("mpcap: wrote " + live);
        Path offline = dir.resolve("offline");
        assertThat(run("report", "-o", offline.toString(), capture.toString()).code()).isZero();
        List<Path> files = texts(offline);
        assertThat(files).hasSizeGreaterThan(15);
        for (Path f : files) {
            Path rel = offline.relativize(f);
            assertThat(Files.readString(live.resolve(rel.toString()))).as(rel.toString()).isEqualTo(Files.readString(f));
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
    }

    @Test
    void theWrittenCaptureHoldsEveryRecordOfTheStreamUnchanged() throws IOException {
        Path capture = dir.resolve("copy.pcapng");
        assertThat(run("live", "-q", "-r", FULLMESH.toString(), "-w", capture.toString()).code()).isZero();
        assertThat(records(capture)).isEqualTo(records(FULLMESH));
    }

    private static List<String> records(Path p) throws IOException {
        List<String> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(p)) {
            RawPacket raw = new RawPacket();
            while (r.next(raw)) {
                out.add(raw.frameNumber() + " " + raw.timestampNanos() + " " + raw.linkType() + " "
                        + raw.originalLength() + " " + Arrays.hashCode(Arrays.copyOfRange(raw.data(), raw.offset(),
                        raw.offset() + raw.capturedLength())));
            }
        }
        return out;
    }

    @Test
    void withoutWriteTheCaptureGoesIntoOutdir() throws IOException {
        Path live = dir.resolve("out");
        assertThat(run("live", "-q", "-r", FULLMESH.toString(), "-o", live.toString()).code()).isZero();
        assertThat(live.resolve("capture.pcapng")).isRegularFile();
        assertThat(Files.readString(live.resolve("csv/captures.csv"))).contains("capture.pcapng,"
                + live.resolve("capture.pcapng") + ",pcapng,");
    }

    @Test
    void plainLinesShowEachSubflowComingUpAndGoingDownAndEverySignal() {
        SummaryExportCommandTest.Run r = run("live", "-r", EVENTS.toString());
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).filteredOn(l -> l.contains("subflow_established")).isNotEmpty();
        assertThat(lines).filteredOn(l -> l.contains(" add_addr ")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.contains(" remove_addr ")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.contains(" mp_prio ")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.contains(" mp_tcprst ")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.contains("subflow_closed")).isNotEmpty();
        assertThat(lines).noneMatch(l -> l.contains("\033["));
        assertThat(lines.get(lines.size() - 1)).contains("stopped: ").contains(" packets, ");
        // events in capture-time order
        List<Double> times = lines.stream().filter(l -> l.contains(" s  conn ") && l.contains(" subflow "))
                .map(l -> Double.parseDouble(l.trim().split(" ")[0])).toList();
        assertThat(times).isSorted();
    }

    @Test
    void jsonLinesAreOneObjectPerLineEndingWithTheEnd() {
        SummaryExportCommandTest.Run r = run("live", "--json-lines", "-r", FULLMESH.toString());
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).allMatch(l -> l.startsWith("{\"type\":\"") && l.endsWith("}"));
        assertThat(lines).filteredOn(l -> l.contains("\"event\":\"subflow_established\"")).hasSize(9);
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"type\":\"end\"").contains("\"packets\":1754")
                .contains("\"subflows_down\":9");
    }

    @Test
    void durationStopsAStreamThatStaysOpenAndStillWritesTheReport() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo failed");
        byte[] all = Files.readAllBytes(FULLMESH);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream os = Files.newOutputStream(fifo)) {
                os.write(all, 0, all.length / 2); // half of it, then the writer stays open
                os.flush();
                Thread.sleep(20_000);
            } catch (IOException | InterruptedException e) {
                // the reader went away: expected
            }
        });
        long t0 = System.nanoTime();
        Path out = dir.resolve("out");
        SummaryExportCommandTest.Run r = run("live", "-r", fifo.toString(), "--duration", "1", "-o", out.toString());
        double took = (System.nanoTime() - t0) / 1e9;
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(took).isLessThan(15);
        assertThat(out.resolve("index.html")).isRegularFile();
        assertThat(records(out.resolve("capture.pcapng"))).isNotEmpty();
        writer.cancel(true);
    }

    @Test
    void aFilterWithAStreamIsAUsageError() {
        SummaryExportCommandTest.Run r = run("live", "-r", "-", "--filter", "tcp");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("mpcap: --filter applies to -i only");
    }

    @Test
    void aStreamThatIsNotACaptureIsBadInputInOneLine() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "no packets here\n");
        SummaryExportCommandTest.Run r = run("live", "-r", notes.toString(), "-w", dir.resolve("x.pcapng").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        assertThat(r.err().lines().filter(l -> l.startsWith("mpcap: ") && !l.startsWith("mpcap: reading")))
                .containsExactly("mpcap: " + notes + ": not a pcap or pcapng file: got magic 0x6e6f2070 (expected "
                        + "a1b2c3d4, a1b23c4d, 0a0d0d0a or gzip 1f8b) at byte offset 0");
    }

    private static boolean libpcapLoads() {
        try {
            Pcap4jSource.libraryVersion();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void anUnknownInterfaceListsTheAvailableOnes() throws IOException {
        Assumptions.assumeTrue(libpcapLoads(), "libpcap cannot be loaded here");
        SummaryExportCommandTest.Run r = run("live", "-i", "nosuchif0", "--duration", "1");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        String names = String.join(", ", Pcap4jSource.interfaceNames());
        assertThat(r.err().lines().filter(l -> !l.startsWith("mpcap: capturing")))
                .containsExactly("mpcap: unknown interface 'nosuchif0'; available: " + names);
        assertThat(names).contains("lo");
    }

    /** The command line in a child JVM, with extra JVM options and a command prefix (e.g. setpriv). */
    private static String[] child(List<String> prefix, List<String> jvm, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        String err = read(p.getErrorStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[] {String.valueOf(p.exitValue()), out.get(), err};
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void withoutLibpcapItSaysWhatToInstallAndHowToReadAStreamInstead() throws Exception {
        String[] r = child(List.of(), List.of("-Dorg.pcap4j.core.pcapLibName=/nonexistent/libpcap.so.0"),
                "live", "-i", "lo", "--duration", "1");
        assertThat(r[0]).isEqualTo("3");
        assertThat(r[2].lines()).hasSize(1);
        assertThat(r[2]).startsWith("mpcap: libpcap could not be loaded (").contains("apt-get install libpcap0.8")
                .contains("tcpdump -U -w - | mpcap live -r -").doesNotContain("Exception");
    }

    @Test
    void withoutCapNetRawItSaysRootOrCapNetRaw() throws Exception {
        Assumptions.assumeTrue(libpcapLoads(), "libpcap cannot be loaded here");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "no setpriv to drop CAP_NET_RAW");
        String[] r = child(List.of("/usr/bin/setpriv", "--bounding-set", "-net_raw,-net_admin", "--inh-caps",
                "-net_raw,-net_admin"), List.of(), "live", "-i", "lo", "--duration", "1");
        Assumptions.assumeFalse(r[2].contains("setpriv:"), "setpriv cannot drop capabilities here: " + r[2]);
        assertThat(r[0]).isEqualTo("3");
        assertThat(r[2].lines()).hasSize(1);
        assertThat(r[2]).startsWith("mpcap: lo: no permission to capture (").contains("run as root")
                .contains("setcap cap_net_raw,cap_net_admin=eip");
    }
}
