package org.mpcap.reports.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place with '\r'. Shown only when stderr is an interactive
 * terminal (on Linux: file descriptor 2 is a tty or pseudo-terminal; elsewhere {@link System#console()} is not
 * null) and {@code --quiet} is not given; otherwise every method does nothing, so logs and pipes stay clean.
 * While analysing, the bar shows overall bytes read of all captures and the current file's own percentage.
 * Thread-safe.
 */
final class Progress {
    private static final int WIDTH = 28;
    private final PrintWriter err;
    private final boolean enabled;
    private String phase = "";
    private long total;
    private long done;
    private String detail = "";
    private int lastLength;
    /** Per-file phase: bytes read of each file, its size, and the file last reported. */
    private long[] fileBytes = new long[0];
    private long[] fileSizes = new long[0];
    private long finishedFiles;
    private long lastDraw;

    Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** A progress bar for {@code err} unless quiet or stderr is not a terminal. */
    static Progress forTerminal(PrintWriter err, boolean quiet) {
        return new Progress(err, !quiet && stderrIsTerminal());
    }

    /** True if the process' standard error is a terminal. */
    static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** Starts a phase over files of the given sizes (bytes); progress is reported per file with {@link #file}. */
    synchronized void startFiles(String phase, long[] sizes) {
        long total = 0;
        for (long s : sizes) total += Math.max(0, s);
        fileSizes = sizes.clone();
        fileBytes = new long[sizes.length];
        finishedFiles = 0;
        start(phase, total);
    }

    /**
     * Bytes read so far of file {@code index} (from {@code Analyzer.analyze(Path, LongConsumer)}; negative =
     * unknown), or its end when {@code done}. Redraws at most every 100 ms, except at a file's end.
     */
    synchronized void file(int index, String name, long bytesRead, boolean done) {
        if (!enabled || index < 0 || index >= fileSizes.length) return;
        long size = Math.max(0, fileSizes[index]);
        long b = done ? size : Math.max(0, Math.min(size, bytesRead));
        if (done) finishedFiles++;
        long sum = 0;
        fileBytes[index] = b;
        for (long x : fileBytes) sum += x;
        done(sum);
        String pct = size == 0 ? "" : String.format(Locale.ROOT, " %d%%", 100 * b / size);
        this.detail = finishedFiles + "/" + fileSizes.length + " " + name + pct;
        long now = System.nanoTime();
        if (done || now - lastDraw > 100_000_000L) {
            lastDraw = now;
            draw();
        }
    }

    private void done(long units) {
        this.done = Math.min(total, units);
    }

    boolean enabled() { return enabled; }

    /** Starts a phase of {@code total} units ({@code total} may be 0). */
    synchronized void start(String phase, long total) {
        this.phase = phase;
        this.total = Math.max(0, total);
        this.done = 0;
        this.detail = "";
        draw();
    }

    /** Names the item in progress (e.g. the capture being analysed). */
    synchronized void detail(String detail) {
        this.detail = detail;
        draw();
    }

    /** Adds {@code units} to the phase's progress. */
    synchronized void advance(long units, String detail) {
        done = Math.min(total, done + units);
        this.detail = detail;
        draw();
    }

    /** Clears the line. */
    synchronized void finish() {
        if (!enabled) return;
        err.print("\r" + " ".repeat(lastLength) + "\r");
        err.flush();
        lastLength = 0;
    }

    private void draw() {
        if (!enabled) return;
        int filled = total == 0 ? 0 : (int) (WIDTH * done / total);
        String pct = total == 0 ? "" : String.format(Locale.ROOT, "%3d%% ", 100 * done / total);
        String d = detail.length() > 40 ? "…" + detail.substring(detail.length() - 39) : detail;
        String line = String.format(Locale.ROOT, "%s [%s%s] %s%s", phase, "#".repeat(filled),
                " ".repeat(WIDTH - filled), pct, d);
        err.print("\r" + line + (line.length() < lastLength ? " ".repeat(lastLength - line.length()) : ""));
        err.flush();
        lastLength = line.length();
    }
}
