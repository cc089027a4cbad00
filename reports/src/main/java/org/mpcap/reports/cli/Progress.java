package org.mpcap.reports.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place with '\r'. Shown only when stderr is an interactive
 * terminal ({@link System#console()} is not null) and {@code --quiet} is not given; otherwise every method
 * does nothing, so logs and pipes stay clean. Thread-safe.
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

    Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** A progress bar for {@code err} unless quiet or stderr is not a terminal. */
    static Progress forTerminal(PrintWriter err, boolean quiet) {
        return new Progress(err, !quiet && System.console() != null);
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
