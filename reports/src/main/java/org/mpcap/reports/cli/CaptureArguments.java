package org.mpcap.reports.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
     * Expands the arguments: a file stays as given; a directory becomes the capture files directly inside it,
     * sorted by name and recognised by their magic bytes (pcap, pcapng, gzip), not by extension.
     *
     * @throws InputException if an argument does not exist or a directory holds no capture
     */
    static List<Path> expand(List<Path> arguments) {
        List<Path> out = new ArrayList<>();
        for (Path p : arguments) {
            if (CaptureInputs.stdin(p, out)) {
                continue;
            }
            if (Files.isDirectory(p)) {
                List<Path> inside = new ArrayList<>();
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(Files::isRegularFile).filter(CaptureArguments::looksLikeCapture).sorted()
                            .forEach(inside::add);
                } catch (IOException e) {
                    throw new InputException(p + ": cannot list directory: " + e.getMessage(), e);
                }
                if (inside.isEmpty()) throw new InputException(p + ": no capture files in this directory");
                out.addAll(inside);
            } else if (!Files.exists(p)) {
                throw new InputException(p + ": no such file");
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** True if the file starts with a pcap, pcapng or gzip magic number. */
    static boolean looksLikeCapture(Path p) {
        byte[] b = new byte[4];
        try (InputStream in = Files.newInputStream(p)) {
            if (in.readNBytes(b, 0, 4) < 4) return false;
        } catch (IOException e) {
            return false;
        }
        int m = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        return m == 0xa1b2c3d4 || m == 0xd4c3b2a1 || m == 0xa1b23c4d || m == 0x4d3cb2a1 || m == 0x0a0d0d0a
                || (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

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
        } catch (CaptureFormatException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        }
        boolean warn = common == null || !common.quiet();
        if (a.damagedRecords() > 0) {
            String damage = a.damagedRecords() + " damaged record" + (a.damagedRecords() == 1 ? "" : "s")
                    + " (first at byte offset " + a.firstDamageOffset()
                    + (isGzip(file) ? " of the decompressed data" : "") + ")";
            // Nothing usable (e.g. a pcapng without its interface description block): an error, not a warning.
            if (a.packets() == 0) throw new InputException(file + ": no readable packet: " + damage + " skipped");
            if (warn) err.println("mpcap: warning: " + file + ": " + damage.replace(" (first", " skipped (first"));
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

    /** True if the file starts with the gzip magic (its damage offsets count decompressed bytes). */
    private static boolean isGzip(Path p) {
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
        boolean tracking = table == null || TrackingTables.CONNECTIONS.equals(table)
                || TrackingTables.SUBFLOWS.equals(table) || MptcpOptionsCollector.NAME.equals(table);
        return new Analyzer(AnalysisOptions.DEFAULTS.withMptcpOptionRows(MptcpOptionsCollector.NAME.equals(table))
                .withStatistics(!tracking));
    }
}
