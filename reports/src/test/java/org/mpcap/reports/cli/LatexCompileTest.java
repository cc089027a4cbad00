package org.mpcap.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LaTeX of {@code report} and {@code compare} compiles with pdflatex as written: {@code report.tex} (a
 * complete document) around {@code tables.tex}. Needs pdflatex with booktabs (texlive-latex-base and
 * texlive-latex-recommended, which {@code .ci/run} installs); skipped, saying so, where pdflatex is absent.
 */
class LatexCompileTest {
    @TempDir
    Path tmp;

    static boolean hasPdflatex() {
        try {
            Process p = new ProcessBuilder("pdflatex", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips the test unless the capture readers and pdflatex are there. */
    private static void assumeCanCompile() throws Exception {
        ReportCommandTest.assumeReaders();
        Assumptions.assumeTrue(hasPdflatex(), "pdflatex not installed (apt-get install texlive-latex-base "
                + "texlive-latex-recommended; .ci/run does)");
    }

    /** Runs pdflatex on dir/report.tex; returns the log. */
    static String compile(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                "report.tex").directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("pdflatex finished").isTrue();
        assertThat(p.exitValue()).as("pdflatex exit status; output:\n%s", out).isZero();
        assertThat(dir.resolve("report.pdf")).isNotEmptyFile();
        return Files.readString(dir.resolve("report.log"), StandardCharsets.ISO_8859_1);
    }

    static void assertPlainAscii(Path tex) throws IOException {
        byte[] b = Files.readAllBytes(tex);
        for (int i = 0; i < b.length; i++) {
            assertThat(b[i] & 0xff).as("%s byte %d", tex.getFileName(), i).isLessThan(128);
        }
    }

    @Test
    void reportTexOfSeveralCapturesCompilesWithPdflatex() throws Exception {
        assumeCanCompile();
        Path out = tmp.resolve("r");
        // Several captures: many floats and long tables, which is what made the old tables.tex fail.
        var r = ReportCommandTest.run("report", ReportCommandTest.SAMPLES.resolve("default").toString(),
                ReportCommandTest.SAMPLES.resolve("fullmesh/run-01.pcap").toString(), "-o", out.toString(),
                "--format", "tex", "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertPlainAscii(out.resolve("tables.tex"));
        String log = compile(out);
        assertThat(log).doesNotContain("LaTeX Error").doesNotContain("Missing character");
    }

    @Test
    void compareTexCompilesWithPdflatex() throws Exception {
        assumeCanCompile();
        Path out = tmp.resolve("c");
        var r = ReportCommandTest.run("compare", "default=" + ReportCommandTest.SAMPLES.resolve("default"),
                "fullmesh=" + ReportCommandTest.SAMPLES.resolve("fullmesh"), "--observations",
                ReportCommandTest.SAMPLES.resolve("default/runs.csv").toString(), "--observations",
                ReportCommandTest.SAMPLES.resolve("fullmesh/runs.csv").toString(), "-o", out.toString(),
                "--format", "tex", "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertPlainAscii(out.resolve("tables.tex"));
        assertThat(Files.readString(out.resolve("tables.tex"))).contains("\\ensuremath{\\sigma}");
        String log = compile(out);
        assertThat(log).doesNotContain("LaTeX Error").doesNotContain("Missing character");
    }

    @Test
    void reportTexWithChartsIncludesEveryFigureAndCompiles() throws Exception {
        assumeCanCompile();
        Path out = tmp.resolve("f");
        var r = ReportCommandTest.run("report", ReportCommandTest.SAMPLES.resolve("fullmesh").toString(),
                "-o", out.toString(), "--format", "tex,charts", "--paper", "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertPlainAscii(out.resolve("figures.tex"));
        String figures = Files.readString(out.resolve("figures.tex"));
        long pdfs;
        try (var files = Files.list(out.resolve("charts"))) {
            pdfs = files.filter(f -> f.toString().endsWith(".pdf")).count();
        }
        assertThat(pdfs).isPositive();
        assertThat(figures.split("\\\\includegraphics", -1)).as("one figure per chart PDF").hasSize((int) pdfs + 1);
        assertThat(Files.readString(out.resolve("report.tex"))).contains("\\input{figures}");
        String log = compile(out);
        assertThat(log).doesNotContain("LaTeX Error").doesNotContain("Too many unprocessed floats");
    }
}
