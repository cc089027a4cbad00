package org.mpcap.reports.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.stats.MptcpOptionsCollector;
import org.mpcap.reports.model.ReportModels;
import org.mpcap.analyzer.stats.TrackingTables;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.capture.CaptureFormatException;

/** Turns capture arguments (files and directories) into analyses, with the CLI's error and warning rules. */
final class CaptureArguments {
    private CaptureArguments() {}

    /**
     * Analyses one capture, mapping read errors to a one-line {@link InputException} that names the file, and
     * warning (unless quiet) about damaged records that were skipped.
     */
    static CaptureAnalysis analyze(Analyzer analyzer, Path file, CommonOptions common, java.io.PrintWriter err) {
        CaptureAnalysis a;
        try {
            a = analyzer.analyze(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new InputException(file + ": " + message(file, e), e);
        }
        boolean warn = common == null || !common.quiet();
        if (a.damagedRecords() > 0) {
            String damage = a.damagedRecords() + " damaged record" + (a.damagedRecords() == 1 ? "" : "s")
                    + (isGzip(file) ? " (first at decompressed byte offset " + a.firstDamageOffset()
                            + GzipDamage.compressedNote(file) : " (first at byte offset " + a.firstDamageOffset())
                    + ")";
            // Nothing usable (e.g. a pcapng without its interface description block): an error, not a warning.
            if (a.packets() == 0) throw new InputException(file + ": no readable packet: " + damage + " skipped");
            if (warn) err.println("mpcap: warning: " + file + ": " + damage.replace(" (first", " skipped (first"));
        }
        if (a.timeOutlierWarning() != null && warn) {
            err.println("mpcap: warning: " + file + ": " + a.timeOutlierWarning());
        }
        if (a.echoedKeyMismatchWarning() != null && warn) {
            err.println("mpcap: warning: " + file + ": " + a.echoedKeyMismatchWarning());
        }
        long cut = a.decoder() == null ? 0 : a.decoder().truncatedTcpOptions();
        if (cut > 0 && warn) err.println("mpcap: warning: " + file + ": " + snapLengthWarning(cut));
        err.flush();
        return a;
    }

    /** The warning for a capture whose snap length cut the TCP options of {@code segments} segments. */
    static String snapLengthWarning(long segments) {
        return "the snap length cut the TCP options of " + segments + " segment" + (segments == 1 ? "" : "s") + ": "
                + ReportModels.SNAP_LENGTH_CONSEQUENCE;
    }

    /**
     * A read error's message; for a gzip-compressed capture its offsets are said to be in the decompressed data,
     * and where the compressed stream breaks is added when it does.
     */
    static String message(Path file, IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!isGzip(file)) return m;
        return m.replace(" at byte offset ", " at decompressed byte offset ") + GzipDamage.compressedNote(file);
    }

    /** True if the file starts with the gzip magic (its damage offsets count decompressed bytes). */
    static boolean isGzip(Path p) {
        // A stream (FIFO, stdin) cannot be read a second time: opening a FIFO again would wait for a writer.
        if (!Files.isRegularFile(p)) return false;
        byte[] b = new byte[2];
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(b, 0, 2) == 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Analyzer for a command that needs {@code table} ({@code null}: only the tracking tables, as summary): the
     * statistics collectors run only when the table is not one of the tracking tables, the per-option rows only
     * for {@code mptcp-options}.
     */
    static Analyzer analyzer(String table) {
        return analyzer(table, false);
    }

    /**
     * The analyzer for {@code table} (null: the trackers only, as {@code summary}): the trackers alone for the
     * tracking tables, otherwise only the statistics that table needs, or every statistic with {@code every}.
     */
    static Analyzer analyzer(String table, boolean every) {
        boolean tracking = table == null || TrackingTables.CONNECTIONS.equals(table)
                || TrackingTables.SUBFLOWS.equals(table) || MptcpOptionsCollector.NAME.equals(table);
        Analyzer a = new Analyzer(AnalysisOptions.DEFAULTS.withMptcpOptionRows(MptcpOptionsCollector.NAME.equals(table))
                .withStatistics(!tracking));
        return tracking || every ? a : a.forTables(java.util.Set.of(table));
    }
}
