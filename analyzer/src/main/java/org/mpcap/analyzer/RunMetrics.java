package org.mpcap.analyzer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Per-run metrics for comparing scenarios ({@code mpcap compare}): one row per capture (one capture per run)
 * in table {@code runs}, from the capture's own tables. The run's <em>main connection</em> is the MPTCP
 * connection with the most data bytes (table {@code transfers}; ties: lowest index). Columns:
 *
 * <ul>
 *   <li>{@code group, run, capture}: scenario name, 1-based run number within the group, capture label;</li>
 *   <li>{@code connection, data_bytes, duration_s, rate_kBps}: the main connection's transfer (report Table 3);</li>
 *   <li>{@code subflows, subflows_up}: its subflows, and those whose handshake completed;</li>
 *   <li>{@code interval_flowI_flowJ_s}: its establishment intervals (report Table 4), one column per label of
 *       table {@code intervals} seen in any run, in order of first appearance;</li>
 *   <li>{@code packet_share_ADDR}, {@code payload_share_ADDR} (%): table {@code interface-share} per client
 *       address, one column pair per address seen in any run (empty where a run has no such address);</li>
 *   <li>{@code rtt_mean_ms}: mean of all RTT samples of the main connection's subflows in its data direction by
 *       the chosen estimator (Σ samples·mean / Σ samples over table {@code rtt-summary}), and
 *       {@code rtt_mean_ms_flowK} per subflow.</li>
 * </ul>
 * A metric whose source table is absent, or has no row for the run, is an empty cell, never 0.
 */
public final class RunMetrics {
    /** Name of the table. */
    public static final String TABLE = "runs";
    /** Columns that identify a run rather than measure it. */
    public static final Set<String> IDENTIFIERS = Set.of("group", "run", "capture", "connection");

    /**
     * One run: a capture of a group (scenario).
     *
     * @param group    scenario name
     * @param run      1-based run number within the group
     * @param label    capture name as shown in reports
     * @param analysis the capture's analysis
     */
    public record Run(String group, int run, String label, CaptureAnalysis analysis) {
        public Run {
            Objects.requireNonNull(group);
            Objects.requireNonNull(label);
            Objects.requireNonNull(analysis);
        }
    }

    private RunMetrics() {}

    /** Table {@code runs}: one row per run, in the order given. */
    public static DataTable runs(List<Run> runs, String estimator) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Run r : runs) rows.add(metrics(r, estimator));
        return table(rows, estimator);
    }

    /**
     * Table {@code runs} from rows of {@link #metrics}, in the order given: {@code runs(runs, e)} is
     * {@code table(metrics of each run, e)}. Lets the metrics of each run be computed where its capture is (a Spark
     * executor) and the table built where all rows are.
     */
    public static DataTable table(List<Map<String, Object>> rows, String estimator) {
        Set<String> intervalLabels = new LinkedHashSet<>();
        // Columns per client address in address order, whatever order the runs met them in.
        Set<String> addresses = new java.util.TreeSet<>(org.mpcap.analyzer.table.Addresses.ORDER);
        int maxSubflows = 0;
        for (Map<String, Object> row : rows) {
            for (String k : row.keySet()) {
                if (k.startsWith("interval_")) intervalLabels.add(k);
                if (k.startsWith("packet_share_")) addresses.add(k.substring("packet_share_".length()));
                if (k.startsWith("rtt_mean_ms_flow")) {
                    maxSubflows = Math.max(maxSubflows, Integer.parseInt(k.substring("rtt_mean_ms_flow".length())));
                }
            }
        }
        List<Column> cols = new ArrayList<>(List.of(
                Column.text("group", "Scenario (NAME of NAME=PATH)"),
                Column.integer("run", "", "Run number within the group: from the capture's name (run-03.pcap "
                        + "is 3), else its position (1-based, path order)"),
                Column.text("capture", "Capture of the run"),
                Column.integer("connection", "", "Main connection: the MPTCP connection with most data bytes"),
                Column.integer("data_bytes", "B", "Data bytes of the main connection (table transfers)"),
                Column.decimal("duration_s", 6, "s", "Transfer time of the main connection (table transfers)"),
                Column.decimal("rate_kBps", 3, "kB/s (1 kB = 1000 B)", "Transfer rate of the main connection"),
                Column.integer("subflows", "", "Subflows of the main connection"),
                Column.integer("subflows_up", "", "Subflows of the main connection whose handshake completed")));
        for (String l : intervalLabels) {
            cols.add(Column.decimal(l, 6, "s", "Time between the first SYNs of "
                    + l.substring("interval_".length(), l.length() - 2).replace('_', '-') + " (table intervals)"));
        }
        for (String a : addresses) {
            cols.add(Column.decimal("packet_share_" + a, 2, "%", "Share of MPTCP packets through client address "
                    + a + " (table interface-share)"));
            cols.add(Column.decimal("payload_share_" + a, 2, "%", "Share of MPTCP payload through client address "
                    + a + " (table interface-share)"));
        }
        cols.add(Column.decimal("rtt_mean_ms", 6, "ms", "Mean RTT (" + estimator + " estimator) of all samples of "
                + "the main connection in its data direction"));
        for (int k = 1; k <= maxSubflows; k++) {
            cols.add(Column.decimal("rtt_mean_ms_flow" + k, 6, "ms", "Mean RTT (" + estimator + ") of flow" + k
                    + " (subflow " + (k - 1) + ") of the main connection, data direction"));
        }
        DataTable t = new DataTable(TABLE, "Per-run metrics", cols);
        for (Map<String, Object> row : rows) {
            Object[] v = new Object[cols.size()];
            for (int i = 0; i < cols.size(); i++) v[i] = row.get(cols.get(i).name());
            t.add(v);
        }
        return t;
    }

    /** The metric names of a {@code runs} table: every numeric column but the identifiers. */
    public static List<String> metricColumns(DataTable runs) {
        List<String> out = new ArrayList<>();
        for (Column c : runs.columns()) {
            if (IDENTIFIERS.contains(c.name())) continue;
            if (c.type() == DataTable.ColumnType.INTEGER || c.type() == DataTable.ColumnType.DECIMAL
                    || c.type() == DataTable.ColumnType.SECONDS) {
                out.add(c.name());
            }
        }
        return out;
    }

    /**
     * One run's metrics by column name of table {@code runs} (values String, Long or Double; absent = empty cell).
     * The map is a {@link LinkedHashMap}, serializable.
     */
    public static LinkedHashMap<String, Object> metrics(Run r, String estimator) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("group", r.group());
        m.put("run", (long) r.run());
        m.put("capture", r.label());
        Map<String, DataTable> tables = r.analysis().tables();
        DataTable transfers = tables.get("transfers");
        long main = -1;
        String direction = "c2s";
        if (transfers != null) {
            long best = -1;
            for (int i = 0; i < transfers.rowCount(); i++) {
                Long c = (Long) transfers.get(i, "connection");
                Long bytes = (Long) transfers.get(i, "data_bytes");
                if (c == null || bytes == null) continue;
                if (bytes > best || (bytes == best && c < main)) {
                    best = bytes;
                    main = c;
                    m.put("data_bytes", bytes);
                    m.put("duration_s", transfers.get(i, "duration_s"));
                    m.put("rate_kBps", transfers.get(i, "rate_kBps"));
                    Object d = column(transfers, i, "direction");
                    direction = d == null ? "c2s" : d.toString();
                }
            }
        }
        if (main < 0) return m;
        m.put("connection", main);
        DataTable subflows = tables.get("subflows");
        if (subflows != null) {
            long n = 0, up = 0;
            for (int i = 0; i < subflows.rowCount(); i++) {
                if (!Long.valueOf(main).equals(subflows.get(i, "connection"))) continue;
                n++;
                if (subflows.get(i, "established_time") != null) up++;
            }
            m.put("subflows", n);
            m.put("subflows_up", up);
        }
        DataTable intervals = tables.get("intervals");
        if (intervals != null) {
            for (int i = 0; i < intervals.rowCount(); i++) {
                if (!Long.valueOf(main).equals(intervals.get(i, "connection"))) continue;
                long from = (Long) intervals.get(i, "from_subflow"), to = (Long) intervals.get(i, "to_subflow");
                m.put("interval_flow" + (from + 1) + "_flow" + (to + 1) + "_s", intervals.get(i, "interval_s"));
            }
        }
        DataTable shares = tables.get("interface-share");
        if (shares != null) {
            for (int i = 0; i < shares.rowCount(); i++) {
                Object addr = shares.get(i, "client_addr");
                if (addr == null) continue;
                m.put("packet_share_" + addr, shares.get(i, "packet_share"));
                m.put("payload_share_" + addr, shares.get(i, "payload_share"));
            }
        }
        DataTable rtt = tables.get("rtt-summary");
        if (rtt != null) {
            double weighted = 0;
            long samples = 0;
            for (int i = 0; i < rtt.rowCount(); i++) {
                if (!Long.valueOf(main).equals(rtt.get(i, "connection"))
                        || !estimator.equals(rtt.get(i, "estimator"))
                        || !direction.equals(rtt.get(i, "direction"))) {
                    continue;
                }
                Object sub = rtt.get(i, "subflow");
                Object n = rtt.get(i, "samples");
                Object mean = rtt.get(i, "mean_ms");
                if (!(n instanceof Long count) || count == 0 || !(mean instanceof Double mu)) continue;
                if (sub instanceof Long s) m.put("rtt_mean_ms_flow" + (s + 1), mu);
                if (sub instanceof Long) {
                    weighted += mu * count;
                    samples += count;
                }
            }
            if (samples > 0) m.put("rtt_mean_ms", weighted / samples);
        }
        return m;
    }

    private static Object column(DataTable t, int row, String name) {
        return t.columnIndex(name) < 0 ? null : t.get(row, name);
    }
}
