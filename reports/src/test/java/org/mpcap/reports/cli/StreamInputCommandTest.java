package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command reads a capture that arrives as a stream: a FIFO, {@code /dev/stdin} on a pipe, or {@code -}
 * (standard input), with the same results as from the file (no "Illegal seek").
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamInputCommandTest {
    private static final Path CAPTURE = Path.of("../sample-pcaps/fullmesh/run-01.pcap");

    @TempDir
    Path dir;

    private Path fifo(String name) throws Exception {
        Path f = dir.resolve(name);
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", f.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo on this machine: " + e.getMessage());
            return null;
        }
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo failed");
        return f;
    }

    /** Writes the capture into the FIFO on another thread (opening a FIFO for writing waits for the reader). */
    private static CompletableFuture<Void> feed(Path fifo, Path content) {
        return CompletableFuture.runAsync(() -> {
            try (OutputStream os = Files.newOutputStream(fifo)) {
                Files.copy(content, os);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void exportOfAFifoEqualsExportOfTheFile() throws Exception {
        SummaryExportCommandTest.Run file = SummaryExportCommandTest.run("export", "--table", "subflows",
                CAPTURE.toString());
        Path fifo = fifo("run-01.pcap");
        CompletableFuture<Void> writer = feed(fifo, CAPTURE);
        SummaryExportCommandTest.Run stream = SummaryExportCommandTest.run("export", "--table", "subflows",
                fifo.toString());
        writer.get(30, TimeUnit.SECONDS);
        assertThat(stream.err()).isEmpty();
        assertThat(stream.code()).isZero();
        assertThat(stream.out()).isEqualTo(file.out()).contains("run-01.pcap");
    }

    @Test
    void reportOfAFifoWritesTheSameTablesAsOfTheFile() throws Exception {
        Path fromFile = dir.resolve("file-report");
        Path fromFifo = dir.resolve("fifo-report");
        assertThat(SummaryExportCommandTest.run("report", "--format", "csv", "-o", fromFile.toString(),
                CAPTURE.toString()).code()).isZero();
        Path fifo = fifo("run-01.pcap");
        CompletableFuture<Void> writer = feed(fifo, CAPTURE);
        SummaryExportCommandTest.Run r = SummaryExportCommandTest.run("report", "--format", "csv", "-o",
                fromFifo.toString(), fifo.toString());
        writer.get(30, TimeUnit.SECONDS);
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        List<Path> tables;
        try (var s = Files.list(fromFile.resolve("csv"))) {
            tables = s.sorted().toList();
        }
        assertThat(tables).isNotEmpty();
        for (Path t : tables) {
            // captures.csv names the path read: the FIFO's instead of the file's
            assertThat(Files.readString(fromFifo.resolve("csv").resolve(t.getFileName())))
                    .as(t.getFileName().toString())
                    .isEqualTo(Files.readString(t).replace(CAPTURE.toString(), fifo.toString()));
        }
    }

    /** Runs the real command line in a child JVM with {@code stdin} piped in (a pipe, not a file). */
    private static String[] runWithPipedStdin(Path stdin, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.awt.headless=true", Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream os = p.getOutputStream()) {
            Files.copy(stdin, os);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[] {String.valueOf(p.exitValue()), out.get(), err.get()};
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void dashReadsTheCaptureFromStandardInputNamedStdin() throws Exception {
        SummaryExportCommandTest.Run file = SummaryExportCommandTest.run("export", "--table", "connections",
                CAPTURE.toString());
        String[] dash = runWithPipedStdin(CAPTURE, "export", "--table", "connections", "-");
        assertThat(dash[2]).isEmpty();
        assertThat(dash[0]).isEqualTo("0");
        assertThat(dash[1].replace("\r\n", "\n")).isEqualTo(file.out().replace("\r\n", "\n")
                .replace("run-01.pcap,", "stdin,"));
    }

    @Test
    void devStdinOnAPipeIsReadAsAStream() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/stdin")), "no /dev/stdin on this machine");
        String[] r = runWithPipedStdin(CAPTURE, "summary", "/dev/stdin");
        assertThat(r[2]).doesNotContain("Illegal seek").isEmpty();
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).isEqualTo(SummaryExportCommandTest.run("summary", CAPTURE.toString()).out()
                .replace(CAPTURE.toString(), "/dev/stdin").replace("run-01.pcap", "stdin"));
    }

    @Test
    void dashTwiceIsBadInput() {
        SummaryExportCommandTest.Run r = SummaryExportCommandTest.run("summary", "-", "-");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("mpcap: -: standard input can be given only once" + System.lineSeparator());
    }
}
