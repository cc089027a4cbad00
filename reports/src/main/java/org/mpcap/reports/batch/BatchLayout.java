package org.mpcap.reports.batch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * The partitioned layout shared by {@code mpcap batch} and the Spark job: one dataset per table,
 * {@code OUT/TABLE/scenario=S/run=R/part-0.parquet}, Hive-style, so that DuckDB, Spark, pandas/pyarrow and
 * Hive read {@code scenario} and {@code run} from the path. Values are escaped as Hive does ({@code %XX} for
 * characters other than letters, digits and {@code . _ + -}).
 */
public final class BatchLayout {
    /** Name of the one file in each partition. */
    public static final String PART_FILE = "part-0.parquet";
    /** Table of capture facts (one row per capture) written next to the analyzer's tables. */
    public static final String CAPTURES_TABLE = "captures";

    private BatchLayout() {}

    /** {@code TABLE/scenario=S/run=R} relative to the output root. */
    public static String partition(String table, String scenario, String run) {
        return table + "/scenario=" + escape(scenario) + "/run=" + escape(run);
    }

    /** Hive's path escaping of a partition value. */
    public static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '+' || c == '-')) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return b.toString();
    }

    /** The run name of a capture: its file name without the capture extensions ({@code run-01.pcap.gz} → {@code run-01}). */
    public static String runName(Path capture) {
        String n = capture.getFileName().toString();
        String stripped = n.replaceAll("(?i)(\\.(pcapng|pcap|cap|dmp))?(\\.gz)?$", "");
        return stripped.isEmpty() ? n : stripped;
    }

    /**
     * The tables written for one capture: the analysis' tables named in {@code tables} (all when null), then
     * {@link #CAPTURES_TABLE}.
     */
    public static List<DataTable> tables(CaptureAnalysis a, List<String> tables) {
        List<DataTable> out = new ArrayList<>();
        for (String n : a.tableNames()) if (tables == null || tables.contains(n)) out.add(a.table(n));
        out.add(captures(a));
        return out;
    }

    /** One row of capture facts; {@code start_time}/{@code end_time} (0 and the duration) gain their UTC twins in Parquet. */
    public static DataTable captures(CaptureAnalysis a) {
        DataTable t = new DataTable(CAPTURES_TABLE, "Captures", List.of(
                Column.text("capture", "capture file name"),
                Column.text("format", "file format (from the magic bytes)"),
                Column.integer("packets", "", "records read (damaged records not counted)"),
                Column.integer("damaged_records", "", "records skipped because damaged"),
                Column.seconds("start_time", "first packet (0 by definition; its UTC twin is the capture's start)"),
                Column.seconds("end_time", "last packet, relative to the first"),
                Column.integer("mptcp_connections", "", "MPTCP connections found"),
                Column.integer("tcp_streams", "", "TCP conversations (tcp.stream) found")));
        boolean any = a.packets() > 0;
        t.add(a.captureName(), a.format() == null ? null : a.format().label(),
                a.packets(), a.damagedRecords(), any ? 0.0 : null, any ? a.durationSeconds() : null,
                (long) a.connections().size(), (long) a.tcpStreams().size());
        return t;
    }
}
