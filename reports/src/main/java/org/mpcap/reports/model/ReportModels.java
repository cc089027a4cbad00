package org.mpcap.reports.model;

import org.mpcap.analyzer.decode.LinkTypes;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.decode.DecoderCounters;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.reports.chart.ChartSpec;
import org.mpcap.reports.chart.ChartSpec.Kind;
import org.mpcap.reports.model.ReportModel.ChartView;
import org.mpcap.reports.model.ReportModel.Fact;
import org.mpcap.reports.model.ReportModel.Part;
import org.mpcap.reports.model.ReportModel.Section;
import org.mpcap.reports.model.ReportModel.TableView;
import org.mpcap.reports.model.Tables.Row;

/**
 * Builds the {@link ReportModel} of {@code mpcap report} from analyses: which tables each section shows, which
 * rows (the capture's largest connections, the chosen RTT estimator, the data direction) and which chart specs.
 * Tables are looked up by their contract names; an absent table leaves a note in its section, never made-up
 * data. Nothing is computed here (byte and bit-rate prefixes are chosen when a chart is drawn).
 */
public final class ReportModels {
    /**
     * What a snap length too short for the TCP options (tcpdump -s 64, the old 68/96-byte defaults) costs, said by
     * the report's warnings and by every command's warning on stderr.
     */
    public static final String SNAP_LENGTH_CONSEQUENCE = "their MPTCP options are lost, so MPTCP connections may show "
            + "as plain TCP (capture with tcpdump -s 128 or more)";

    /**
     * Most series of one chart: a connection's subflows (or client interfaces) with the most payload. A join flood
     * gives one connection thousands of subflows, and a chart of thousands of series is neither readable nor small;
     * the others are summed up in table {@value #NOT_CHARTED_TABLE} and said so in the chart's caption (RTT
     * scatter plots draw their samples as one more series, "other subflows").
     */
    public static final int CHART_SERIES = 7; // seven, and "other subflows", fill the charts' 8-colour palette

    /** Name of the section table that sums up the subflows a chart leaves out. */
    public static final String NOT_CHARTED_TABLE = "subflows-not-charted";

    /** Connections or subflows named one by one in a warning; the rest are counted. */
    static final int WARNING_NAMES = 10;

    /** Name of the table of capture facts this model adds (one row per capture). */
    public static final String CAPTURES_TABLE = "captures";

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportModels() {}

    /**
     * The report over {@code analyses} (in input order).
     *
     * @param analyses one per capture, non-empty
     */
    public static ReportModel report(List<CaptureAnalysis> analyses, ReportOptions options) {
        if (analyses.isEmpty()) throw new IllegalArgumentException("no capture to report on");
        List<Path> paths = new ArrayList<>();
        for (CaptureAnalysis a : analyses) paths.add(a.path());
        List<String> labels = CaptureLabels.labels(paths);
        return report(analyses, labels, CaptureLabels.ids(labels), options);
    }

    /**
     * The report over {@code analyses} named by the given labels and part ids (one each, in order): those of a
     * larger set of captures when only some of them are reported on (compare's runs with their own report keep
     * the names they have in its runs table).
     */
    static ReportModel report(List<CaptureAnalysis> analyses, List<String> labels, List<String> ids,
                              ReportOptions options) {
        if (analyses.isEmpty()) throw new IllegalArgumentException("no capture to report on");
        List<Map<String, DataTable>> relabelled = new ArrayList<>();
        for (int i = 0; i < analyses.size(); i++) relabelled.add(relabel(analyses.get(i), labels.get(i), options));

        DataTable captures = capturesTable(analyses, labels, relabelled);
        List<Part> parts = new ArrayList<>();
        List<ReportModel.TableChart> tableCharts = new ArrayList<>();
        if (analyses.size() > 1) {
            parts.add(new Part("overview", "All captures", List.of(), List.of(), List.of(new Section("captures",
                    "Captures", "One row per capture; each has its own part below.",
                    List.of(view(captures, options)), List.of(), List.of()))));
        }
        for (int i = 0; i < analyses.size(); i++) {
            CapturePart cp = new CapturePart(analyses.get(i), labels.get(i), ids.get(i), relabelled.get(i), options);
            parts.add(cp.build());
            tableCharts.addAll(cp.tableCharts);
        }
        return new ReportModel("MPTCP capture report", analyses.size() == 1 ? labels.get(0)
                : analyses.size() + " captures", parts, fullTables(captures, relabelled), tableCharts);
    }

    /** Every table once, all captures' rows, the captures table first, names in order of first appearance. */
    static List<DataTable> fullTables(DataTable captures, List<Map<String, DataTable>> perCapture) {
        Map<String, List<DataTable>> byName = new LinkedHashMap<>();
        for (Map<String, DataTable> m : perCapture) {
            m.forEach((name, t) -> byName.computeIfAbsent(name, k -> new ArrayList<>()).add(t));
        }
        List<DataTable> out = new ArrayList<>();
        out.add(captures);
        byName.forEach((name, list) -> out.add(list.size() == 1 ? list.get(0) : Tables.concat(list)));
        return out;
    }

    /** The analysis' tables with the {@code capture} column set to {@code label} (a copy only when it differs). */
    static Map<String, DataTable> relabel(CaptureAnalysis a, String label) {
        return relabel(a, label, ReportOptions.DEFAULTS);
    }

    /**
     * The analysis' tables with the {@code capture} column set to {@code label}, and with the options' aliases an
     * {@code interface} column at the end of tables with client addresses (columns are only ever added at the end).
     */
    static Map<String, DataTable> relabel(CaptureAnalysis a, String label, ReportOptions o) {
        Map<String, DataTable> out = new LinkedHashMap<>();
        for (Map.Entry<String, DataTable> e : a.tables().entrySet()) {
            DataTable t = Tables.withInterfaceNamesAtEnd(e.getValue(), o);
            int c = t.columnIndex("capture");
            if (c < 0 || label.equals(a.captureName())) {
                out.put(e.getKey(), t);
                continue;
            }
            // made on access from the table's own rows (a copy of every row would double the biggest tables)
            List<Object[]> rows = t.rows();
            out.put(e.getKey(), DataTable.generated(t.name(), t.title(), t.columns(), t.rowCount(), i -> {
                Object[] v = rows.get(i).clone();
                v[c] = label;
                return v;
            }));
        }
        return out;
    }

    static DataTable capturesTable(List<CaptureAnalysis> analyses, List<String> labels,
                                   List<Map<String, DataTable>> tables) {
        DataTable t = new DataTable(CAPTURES_TABLE, "Captures", List.of(
                Column.text("capture", "Capture, as named in every other table"),
                Column.text("path", "File as given on the command line"),
                Column.text("format", "File format, from the magic bytes"),
                Column.text("link_types", "LINKTYPE values of the capture's interfaces"),
                Column.integer("packets", "", "Records read"),
                Column.text("first_packet", "Time of the first record (UTC)"),
                Column.decimal("duration_s", 6, "s", "Last record minus first record"),
                Column.integer("damaged_records", "", "Records skipped because damaged"),
                Column.integer("connections", "", "Rows of table connections (MPTCP connections)"),
                Column.integer("subflows", "", "Rows of table subflows")));
        for (int i = 0; i < analyses.size(); i++) {
            CaptureAnalysis a = analyses.get(i);
            DataTable conns = tables.get(i).get("connections");
            DataTable subs = tables.get(i).get("subflows");
            t.add(labels.get(i), a.path().toString(), a.format().label(), linkTypes(a), a.packets(),
                    a.packets() == 0 ? null : UTC.format(Instant.ofEpochSecond(0, a.firstTimestampNanos())),
                    a.durationSeconds(), a.damagedRecords(), conns == null ? null : (long) conns.rowCount(),
                    subs == null ? null : (long) subs.rowCount());
        }
        return t;
    }

    static String linkTypes(CaptureAnalysis a) {
        List<String> names = new ArrayList<>();
        a.linkTypes().stream().sorted().forEach(l -> names.add(linkTypeName(l)));
        return String.join(", ", names);
    }

    /** The shared LINKTYPE_ name table ({@link LinkTypes}). */
    static String linkTypeName(int linkType) {
        return LinkTypes.describe(linkType);
    }

    /**
     * Rows of a per-frame listing (tcp-analysis) shown in HTML, Markdown and LaTeX, at most: 200 rows for each of
     * ten captures were 430 kB of compare's index.html (the whole table is in csv/ and tables.xlsx).
     */
    static final int FRAME_LIST_ROWS = 50;

    static TableView view(DataTable t, ReportOptions o) {
        return new TableView(Tables.head(t, o.documentRows()), t.rowCount(), t.name());
    }

    /** Builds one capture's part. */
    private static final class CapturePart {
        private final CaptureAnalysis a;
        private final String label;
        private final String id;
        private final Map<String, DataTable> tables;
        private final ReportOptions o;
        /** Connections charted, largest first. */
        private final List<Long> charted = new ArrayList<>();
        /** Display names of subflows, by "connection/subflow". */
        private final Map<String, String> subflowNames = new LinkedHashMap<>();
        /** Payload bytes (both directions) of subflows, by "connection/subflow": which ones get chart series. */
        private final Map<String, Long> subflowBytes = new LinkedHashMap<>();
        /** Subflows of charted connections left out of a chart, by connection. */
        private final Map<Long, java.util.Set<Long>> notCharted = new LinkedHashMap<>();
        private final Map<Long, String> directions = new LinkedHashMap<>();
        private final Map<Long, String> connectionNames = new LinkedHashMap<>();
        /** Spreadsheet charts over this capture's rows of the full tables. */
        final List<ReportModel.TableChart> tableCharts = new ArrayList<>();

        CapturePart(CaptureAnalysis a, String label, String id, Map<String, DataTable> tables, ReportOptions o) {
            this.a = a;
            this.label = label;
            this.id = id;
            this.tables = tables;
            this.o = o;
        }

        Part build() {
            pickConnections();
            List<Section> sections = new ArrayList<>();
            sections.add(connections());
            sections.add(addresses());
            sections.add(rtt());
            sections.add(bytes());
            sections.add(transfers());
            sections.add(losses());
            sections.add(goodput());
            sections.add(sequence());
            sections.add(headOfLine());
            sections.add(events());
            return new Part(id, label, facts(), warnings(), sections);
        }

        private DataTable t(String name) { return tables.get(name); }

        private String missing(String name) {
            return "The analyzer produced no " + name + " table for this capture, so it is not shown.";
        }

        /** The connections to chart: by data bytes (transfers, else connections), largest first. */
        private void pickConnections() {
            DataTable conns = t("connections");
            DataTable transfers = t("transfers");
            List<long[]> sizes = new ArrayList<>(); // {connection, bytes}
            if (transfers != null) {
                for (Row r : Tables.rows(transfers)) {
                    long c = r.integer("connection", -1);
                    if (c >= 0) {
                        sizes.add(new long[] {c, r.integer("data_bytes", 0)});
                        if (r.text("direction") != null) directions.put(c, r.text("direction"));
                    }
                }
            } else if (conns != null) {
                for (Row r : Tables.rows(conns)) {
                    long c = r.integer("connection", -1);
                    long c2s = r.integer("data_bytes_c2s", 0), s2c = r.integer("data_bytes_s2c", 0);
                    if (c >= 0) sizes.add(new long[] {c, Math.max(c2s, s2c)});
                    if (c >= 0) directions.put(c, s2c > c2s ? "s2c" : "c2s");
                }
            }
            sizes.sort(Comparator.<long[]>comparingLong(s -> -s[1]).thenComparingLong(s -> s[0]));
            for (long[] s : sizes) if (charted.size() < o.chartedConnections() && !charted.contains(s[0])) charted.add(s[0]);
            if (conns != null) {
                for (Row r : Tables.rows(conns)) {
                    connectionNames.put(r.integer("connection", -1), String.format(Locale.ROOT,
                            "connection %d (%s port %d → %s port %d)", r.integer("connection", -1),
                            r.text("client_addr"), r.integer("client_port", 0), r.text("server_addr"),
                            r.integer("server_port", 0)));
                }
            }
            DataTable subs = t("subflows");
            if (subs != null) {
                for (Row r : Tables.rows(subs)) {
                    long c = r.integer("connection", -1);
                    if (!charted.contains(c)) continue; // names and weights are needed for charted connections only
                    String key = c + "/" + r.integer("subflow", -1);
                    subflowNames.put(key, String.format(Locale.ROOT, "flow%d %s → %s", r.integer("subflow", -1) + 1,
                            o.interfaceName(r.text("client_addr")), o.interfaceName(r.text("server_addr"))));
                    subflowBytes.put(key, r.integer("payload_bytes_c2s", 0) + r.integer("payload_bytes_s2c", 0));
                }
            }
        }

        private String connectionName(long c) {
            return connectionNames.getOrDefault(c, "connection " + c);
        }

        private String subflowName(long c, long s) {
            return subflowNames.getOrDefault(c + "/" + s, "flow" + (s + 1));
        }

        private long subflowBytes(long c, long s) {
            return subflowBytes.getOrDefault(c + "/" + s, 0L);
        }

        /**
         * The subflows of connection {@code c} among {@code subflows} that get a series of their own: all when
         * there are at most {@link #CHART_SERIES}, else the {@link #CHART_SERIES} with the most payload (ties: lower
         * subflow number). The others are remembered for table {@value #NOT_CHARTED_TABLE}.
         */
        private java.util.Set<Long> drawn(long c, java.util.Collection<Long> subflows) {
            java.util.Set<Long> all = new java.util.TreeSet<>(subflows);
            if (all.size() <= CHART_SERIES) return all;
            List<Long> byBytes = new ArrayList<>(all);
            byBytes.sort(Comparator.<Long>comparingLong(s -> -subflowBytes(c, s)).thenComparingLong(s -> s));
            java.util.Set<Long> keep = new java.util.TreeSet<>(byBytes.subList(0, CHART_SERIES));
            for (Long s : all) if (!keep.contains(s)) notCharted.computeIfAbsent(c, k -> new java.util.TreeSet<>()).add(s);
            return keep;
        }

        /** Caption words for the subflows of {@code c} left out of one chart ({@code left} of them), or "". */
        private static String leftOut(int left, String what) {
            return left == 0 ? "" : String.format(Locale.ROOT, " Only the %d %s with the most payload are drawn; "
                    + "%d more are summed up in table %s.", CHART_SERIES, what, left, NOT_CHARTED_TABLE);
        }

        private String direction(long c) {
            return directions.getOrDefault(c, "c2s");
        }

        private static String directionText(String d) {
            return "s2c".equals(d) ? "server to client" : "client to server";
        }

        /** Whether the RTT axis of a chart of these samples is logarithmic (--rtt-axis). */
        private boolean logRtt(List<Row> rows) {
            if (o.rttAxis().equals("log")) return true;
            if (o.rttAxis().equals("linear")) return false;
            double[] v = java.util.Arrays.stream(Tables.column(rows, "rtt_ms")).filter(Double::isFinite).sorted()
                    .toArray();
            if (v.length < 2 || !(v[0] > 0)) return false;
            return v[v.length - 1] > ReportOptions.AUTO_LOG_RATIO * v[v.length / 2];
        }

        /** The empirical CDF of {@code values} as a step series: x the sorted values, y = i / n. */
        private static ChartSpec.Series cdfSeries(String name, double[] values) {
            double[] x = java.util.Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) y[i] = (i + 1) / (double) x.length;
            return new ChartSpec.Series(name, x, y);
        }

        private static String estimatorText(String est) {
            return switch (est) {
                case "ack" -> "ack estimator, Wireshark's tcp.analysis.ack_rtt";
                case "ts" -> "ts estimator, TCP timestamps";
                case "initial" -> "initial estimator, handshake";
                case "data" -> "data estimator, MPTCP data level";
                default -> est + " estimator";
            };
        }

        private String chartId(String what, long connection) {
            return id + "-" + what + "-c" + connection;
        }

        private List<Fact> facts() {
            List<Fact> f = new ArrayList<>();
            f.add(new Fact("file", a.path().toString()));
            f.add(new Fact("format", a.format().label()));
            f.add(new Fact("link types", linkTypes(a)));
            f.add(new Fact("packets", Long.toString(a.packets())));
            if (a.packets() > 0) {
                f.add(new Fact("first packet", UTC.format(Instant.ofEpochSecond(0, a.firstTimestampNanos()))));
                f.add(new Fact("duration", String.format(Locale.ROOT, "%.6f s", a.durationSeconds())));
            }
            DataTable conns = t("connections");
            if (conns != null) f.add(new Fact("MPTCP connections", Integer.toString(conns.rowCount())));
            DataTable subs = t("subflows");
            if (subs != null) f.add(new Fact("subflows", Integer.toString(subs.rowCount())));
            f.add(new Fact("damaged records", Long.toString(a.damagedRecords())));
            return f;
        }

        private List<String> warnings() {
            List<String> w = new ArrayList<>();
            if (a.damagedRecords() > 0) {
                w.add(String.format(Locale.ROOT, "%d damaged record(s) skipped (first at byte offset %d).",
                        a.damagedRecords(), a.firstDamageOffset()));
            }
            if (a.timeOutlierWarning() != null) w.add(a.timeOutlierWarning() + ".");
            String keys = a.echoedKeyMismatchWarning();
            if (keys != null) w.add(Character.toUpperCase(keys.charAt(0)) + keys.substring(1) + ".");
            DecoderCounters d = a.decoder();
            if (d != null) {
                count(w, d.truncated(), "packet(s) truncated (snap length shorter than the headers)");
                count(w, d.malformed(), "malformed packet(s)");
                count(w, d.incompleteDatagrams(), "IP datagram(s) whose length field claims more than the frame "
                        + "carried on the wire (not a snap-length cut): only the bytes present count as payload");
                count(w, d.truncatedTcpOptions(), "packet(s) with TCP options cut by the snap length: "
                        + SNAP_LENGTH_CONSEQUENCE);
                count(w, d.malformedTcpOptions(), "packet(s) with malformed TCP options");
                count(w, d.malformedMptcpOptions(), "malformed MPTCP option(s)");
                count(w, d.unknownMptcpSubtypes(), "MPTCP option(s) of unknown subtype");
                count(w, d.decoderFaults(), "decoder fault(s) (a bug in mpcap: please report it)");
                d.unsupportedLinkTypes().forEach((lt, n) -> w.add(String.format(Locale.ROOT,
                        "%d packet(s) of unsupported link type %s were not decoded.", n, linkTypeName(lt))));
            }
            DataTable conns = t("connections");
            if (conns != null) {
                if (conns.rowCount() == 0) w.add("No MPTCP connection was found in this capture.");
                // one warning per state, naming the first connections: a SYN flood must not give a million lines
                Map<String, List<Long>> byState = new LinkedHashMap<>();
                for (Object[] row : conns.rows()) {
                    Row r = new Row(conns, row);
                    String state = r.text("state");
                    if (state != null && !state.equals("established")) {
                        byState.computeIfAbsent(state, k -> new ArrayList<>()).add(r.integer("connection", -1));
                    }
                }
                byState.forEach((state, ids) -> w.add(String.format(Locale.ROOT, "%s: %s.",
                        named(ids, "Connection", "connections", id -> Long.toString(id)), switch (state) {
                            case "fallback" -> "fell back to plain TCP";
                            case "unanswered" -> "MP_CAPABLE SYN not answered with MP_CAPABLE";
                            case "partial" -> "handshake not captured (capture started mid-connection)";
                            default -> state;
                        })));
            }
            DataTable subs = t("subflows");
            if (subs != null) {
                List<long[]> invalid = new ArrayList<>();
                for (Row r : Tables.rows(subs, r -> "invalid".equals(r.text("join_hmac")))) {
                    invalid.add(new long[] {r.integer("connection", -1), r.integer("subflow", -1)});
                }
                if (invalid.size() == 1) {
                    w.add(String.format(Locale.ROOT, "Connection %d, flow%d: MP_JOIN HMAC invalid.", invalid.get(0)[0],
                            invalid.get(0)[1] + 1));
                } else if (!invalid.isEmpty()) {
                    w.add(named(invalid, "Connection", "subflows", cs -> String.format(Locale.ROOT,
                            "connection %d flow%d", cs[0], cs[1] + 1)) + ": MP_JOIN HMAC invalid.");
                }
            }
            return w;
        }

        /**
         * "Connection 3" for one item; "12 connections (0, 1, 2, …, and 2 more)" naming at most
         * {@link #WARNING_NAMES} for several.
         */
        private static <T> String named(List<T> items, String one, String many, java.util.function.Function<T, String> name) {
            if (items.size() == 1) return one + " " + name.apply(items.get(0));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < Math.min(WARNING_NAMES, items.size()); i++) names.add(name.apply(items.get(i)));
            String more = items.size() > WARNING_NAMES ? " and " + (items.size() - WARNING_NAMES) + " more" : "";
            return String.format(Locale.ROOT, "%d %s (%s%s)", items.size(), many, String.join(", ", names), more);
        }

        private static void count(List<String> w, long n, String what) {
            if (n > 0) w.add(n + " " + what + ".");
        }

        private Section connections() {
            List<TableView> tv = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<ChartView> charts = new ArrayList<>();
            table(tv, notes, "connections");
            table(tv, notes, "subflows");
            DataTable subs = t("subflows");
            if (subs != null) {
                for (long c : charted) {
                    List<ChartSpec.Series> rows = new ArrayList<>();
                    List<Row> of = Tables.rows(subs, r -> r.integer("connection", -1) == c);
                    List<Long> ids = new ArrayList<>();
                    for (Row r : of) ids.add(r.integer("subflow", -1));
                    java.util.Set<Long> drawn = drawn(c, ids);
                    for (Row r : of) {
                        if (!drawn.contains(r.integer("subflow", -1))) continue;
                        double start = r.number("syn_time");
                        double est = r.number("established_time");
                        if (Double.isNaN(start)) start = est;
                        double end = r.number("end_time");
                        if (Double.isNaN(start)) continue;
                        rows.add(new ChartSpec.Series(subflowName(c, r.integer("subflow", -1)),
                                new double[] {start, est, end}, new double[] {0, 0, 0}));
                    }
                    if (rows.isEmpty()) continue;
                    charts.add(new ChartView(chartId("subflow-timeline", c), ChartSpec.timeline(
                            "Subflow establishment and lifetime, " + connectionName(c), "subflow",
                            "time since first packet", rows),
                            "Left: establishment, time since the connection's first SYN (open circle: SYN; thick "
                                    + "line: handshake; dot: established), on a scale that separates joins a "
                                    + "fraction of a millisecond apart. Right: each subflow from its first SYN to "
                                    + "its last packet. The intervals are in table intervals (csv/intervals.csv)."
                                    + leftOut(ids.size() - drawn.size(), "subflows")));
                }
                DataTable summary = notChartedTable(subs);
                if (summary.rowCount() > 0) tv.add(view(summary, o));
            }
            return new Section("connections", "Connections and subflows",
                    "MPTCP connections and their subflows (flowN is subflow N-1; flow1 is the initial subflow).",
                    tv, charts, notes);
        }

        /**
         * The subflows some chart of a charted connection left out, summed up per connection, role, HMAC check and
         * close: how many, their packets and payload, when their SYNs came and from how many client addresses.
         * A display summary of table {@code subflows} (every subflow is in csv/subflows.csv), not a statistic.
         */
        private DataTable notChartedTable(DataTable subs) {
            DataTable t = new DataTable(NOT_CHARTED_TABLE, "Subflows not charted, summed up", List.of(
                    Column.integer("connection", "", "Connection index"),
                    Column.text("role", "initial, join or unknown"),
                    Column.text("join_hmac", "MP_JOIN HMAC check"),
                    Column.text("close", "How the subflows ended"),
                    Column.integer("subflows", "", "Subflows in this group"),
                    Column.integer("client_addrs", "", "Distinct client addresses"),
                    Column.integer("packets", "", "TCP segments, both directions"),
                    Column.integer("payload_bytes", "B", "TCP payload, both directions"),
                    Column.seconds("first_syn", "Earliest SYN of the group"),
                    Column.seconds("last_syn", "Latest SYN of the group")));
            Map<List<Object>, Object[]> groups = new LinkedHashMap<>();
            Map<List<Object>, java.util.Set<String>> addrs = new LinkedHashMap<>();
            for (Row r : Tables.rows(subs)) {
                long c = r.integer("connection", -1);
                java.util.Set<Long> left = notCharted.get(c);
                if (left == null || !left.contains(r.integer("subflow", -1))) continue;
                List<Object> key = java.util.Arrays.asList(c, r.text("role"), r.text("join_hmac"), r.text("close"));
                Object[] g = groups.computeIfAbsent(key, k -> new Object[] {c, k.get(1), k.get(2), k.get(3), 0L, 0L,
                        0L, 0L, null, null});
                addrs.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(r.text("client_addr"));
                g[4] = (Long) g[4] + 1;
                g[6] = (Long) g[6] + r.integer("packets", 0);
                g[7] = (Long) g[7] + r.integer("payload_bytes_c2s", 0) + r.integer("payload_bytes_s2c", 0);
                double syn = r.number("syn_time");
                if (!Double.isNaN(syn)) {
                    if (g[8] == null || syn < (Double) g[8]) g[8] = syn;
                    if (g[9] == null || syn > (Double) g[9]) g[9] = syn;
                }
            }
            groups.forEach((k, g) -> {
                g[5] = (long) addrs.get(k).size();
                t.add(g);
            });
            return t;
        }

        /** The value of {@code column} in the last of {@code rows} (NaN for none). */
        private static double last(List<Row> rows, String column) {
            return rows.isEmpty() ? Double.NaN : rows.get(rows.size() - 1).number(column);
        }

        /**
         * Adds the document view of table {@code name}, without its {@code capture} column: the part is one
         * capture, named in its heading (the full table in csv/ and the xlsx keeps the column).
         */
        private void table(List<TableView> tv, List<String> notes, String name) {
            table(tv, notes, name, o.documentRows());
        }

        private void table(List<TableView> tv, List<String> notes, String name, int rows) {
            DataTable t = t(name);
            if (t == null) {
                notes.add(missing(name));
                return;
            }
            TableView v = new TableView(Tables.head(t, Math.min(rows, o.documentRows())), t.rowCount(), t.name());
            // The full table has the interface column at its end; a document shows it next to the address.
            DataTable shown = Tables.drop(Tables.drop(v.table(), "capture"), o.aliases().isEmpty() ? "" : "interface");
            tv.add(new TableView(Tables.withInterfaceNames(shown, o), v.totalRows(),
                    v.fullName()));
        }

        private Section addresses() {
            List<TableView> tv = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<ChartView> charts = new ArrayList<>();
            table(tv, notes, "addresses");
            table(tv, notes, "interface-share");
            DataTable addr = t("addresses");
            if (addr != null && addr.rowCount() > 0) {
                List<Row> rows = Tables.rows(addr);
                if (rows.size() > 40) rows = rows.subList(0, 40);
                List<String> cats = new ArrayList<>();
                for (Row r : rows) cats.add(o.interfaceName(r.text("address")));
                charts.add(new ChartView(id + "-addresses", ChartSpec.bars("Packets per address", "address",
                        "packets", "", cats, List.of(new ChartSpec.Series("packets", null,
                                Tables.column(rows, "count")))),
                        addr.rowCount() > 40 ? "The first 40 addresses of the table." : "As Wireshark's "
                                + "Statistics › IPv4/IPv6 Statistics › All Addresses."));
                tableCharts.add(new ReportModel.TableChart(false, "Packets per address, " + label, "addresses",
                        o.aliases().isEmpty() ? "address" : "interface", "count", null, Map.of("capture", label)));
            }
            return new Section("addresses", "Packets per address",
                    "Packet distribution per IP address, as Wireshark's ip_hosts statistics (report Table 2), "
                            + "and each client interface's share of the MPTCP packets and payload.",
                    tv, charts, notes);
        }

        private Section rtt() {
            List<TableView> tv = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<ChartView> charts = new ArrayList<>();
            table(tv, notes, "rtt-summary");
            DataTable rtt = t("rtt");
            if (rtt == null) {
                notes.add(missing("rtt"));
            } else {
                if (rtt.title().contains(" kept")) {
                    // The analyzer thinned the sample table (a report asks for a smaller cap): say so, in its words.
                    notes.add("The charts and table rtt (csv/rtt.csv, tables.xlsx) hold the " + rtt.title()
                            + "; the summary above uses every sample, and mpcap export --table rtt keeps up to "
                            + "500 000 samples.");
                }
                for (long c : charted) {
                    String dir = direction(c);
                    for (String est : o.estimators()) {
                        List<Row> rows = Tables.rows(rtt, r -> r.integer("connection", -1) == c
                                && est.equals(r.text("estimator")) && dir.equals(r.text("direction")));
                        if (rows.isEmpty()) {
                            notes.add(String.format(Locale.ROOT, "No %s RTT samples for %s (%s).", est,
                                    connectionName(c), directionText(dir)));
                            continue;
                        }
                        List<ChartSpec.Series> byTime = new ArrayList<>();
                        List<ChartSpec.Series> bySeq = new ArrayList<>();
                        List<ChartSpec.Series> cdf = new ArrayList<>();
                        Map<String, List<Row>> groups = Tables.groupBy(rows, "subflow");
                        List<Long> ids = new ArrayList<>();
                        for (List<Row> g : groups.values()) ids.add(g.get(0).integer("subflow", -1));
                        java.util.Set<Long> drawn = drawn(c, ids);
                        List<Row> others = new ArrayList<>();
                        int otherSeries = 0;
                        for (List<Row> g : groups.values()) {
                            long s = g.get(0).integer("subflow", -1);
                            if (!drawn.contains(s)) {
                                others.addAll(g);
                                otherSeries++;
                                continue;
                            }
                            String name = s < 0 ? "connection (data level)" : subflowName(c, s);
                            double[] y = Tables.column(g, "rtt_ms");
                            byTime.add(new ChartSpec.Series(name, Tables.column(g, "time"), y));
                            bySeq.add(new ChartSpec.Series(name, Tables.column(g, "seq"), y));
                            cdf.add(cdfSeries(name, y));
                        }
                        if (!others.isEmpty()) { // one series for the rest: the flood's RTTs stay visible
                            String name = "other subflows (" + otherSeries + ")";
                            double[] y = Tables.column(others, "rtt_ms");
                            byTime.add(new ChartSpec.Series(name, Tables.column(others, "time"), y));
                            bySeq.add(new ChartSpec.Series(name, Tables.column(others, "seq"), y));
                            cdf.add(cdfSeries(name, y));
                        }
                        String otherNote = otherSeries == 0 ? "" : String.format(Locale.ROOT, " The %d subflows "
                                + "with the most payload have a series each; the samples of %d more are drawn as "
                                + "one series, \"other subflows\".", CHART_SERIES, otherSeries);
                        String what = String.format(Locale.ROOT, "%s, data %s", "connection " + c,
                                directionText(dir));
                        String axis = "RTT, " + est + " estimator";
                        boolean log = logRtt(rows);
                        ChartSpec.Layout panels = ChartSpec.Layout.PLAIN.withPanels(true).withLogY(log);
                        String scale = log ? " RTT axis logarithmic." : "";
                        charts.add(new ChartView(chartId("rtt-time-" + est, c), ChartSpec.xy(Kind.SCATTER,
                                "RTT per subflow (" + est + " estimator), " + what, "time since first packet", "s",
                                axis, "ms", byTime).withLayout(panels),
                                "RTT samples (" + estimatorText(est) + ") against time, one panel per subflow "
                                        + "with shared axes (report Figures 8-10)." + scale + otherNote));
                        charts.add(new ChartView(chartId("rtt-seq-" + est, c), ChartSpec.xy(Kind.SCATTER,
                                "RTT per subflow by sequence number (" + est + " estimator), " + what,
                                est.equals("data") ? "relative data sequence number" : "relative sequence number",
                                "B", axis, "ms", bySeq).withLayout(panels),
                                "RTT samples (" + estimatorText(est) + ") against the acknowledged relative "
                                        + "sequence number (kB = 10^3 bytes, MB = 10^6 bytes), one panel per "
                                        + "subflow." + scale + otherNote));
                        charts.add(new ChartView(chartId("rtt-cdf-" + est, c), ChartSpec.xy(Kind.STEP,
                                "RTT distribution per subflow (" + est + " estimator), " + what, axis, "ms",
                                "fraction of samples ≤ RTT", "", cdf).withLayout(ChartSpec.Layout.PLAIN
                                .withLogX(log)),
                                "Empirical CDF of the RTT samples (" + estimatorText(est) + ") of each subflow."
                                        + scale + otherNote));
                    }
                }
            }
            return new Section("rtt", "Round-trip time", "RTT per subflow and direction by estimator: ack "
                    + "(Wireshark's tcp.analysis.ack_rtt), ts (TCP timestamps), initial (handshake), data "
                    + "(MPTCP data level). Charts show the estimator(s) chosen with --estimator (and say which); "
                    + "--rtt-axis chooses a linear or logarithmic RTT axis (default: logarithmic when a few large "
                    + "samples would squash the others).", tv, charts, notes);
        }

        private Section bytes() {
            List<String> notes = new ArrayList<>();
            List<ChartView> charts = new ArrayList<>();
            DataTable cum = t("cumulative");
            boolean levels = cum != null && cum.columnIndex("level") >= 0;
            if (cum == null) {
                notes.add(missing("cumulative"));
            } else {
                for (long c : charted) {
                    String dir = direction(c);
                    List<Row> rows = Tables.rows(cum, r -> r.integer("connection", -1) == c
                            && (!levels || "interface".equals(r.text("level")))
                            && (r.get("direction") == null || dir.equals(r.text("direction"))));
                    if (rows.isEmpty()) continue;
                    List<ChartSpec.Series> series = new ArrayList<>();
                    Map<String, List<Row>> perInterface = Tables.groupBy(rows, levels ? "client_addr" : "subflow");
                    if (levels) {
                        // Interfaces in address order, whichever sent first.
                        Map<String, List<Row>> sorted = new java.util.TreeMap<>(
                                org.mpcap.analyzer.table.Addresses.ORDER);
                        sorted.putAll(perInterface);
                        perInterface = sorted;
                    }
                    // the interfaces (or subflows) that sent most: the last row of a cumulative series is its total
                    Map<String, List<Row>> groups = perInterface;
                    List<String> keys = new ArrayList<>(groups.keySet());
                    keys.sort(Comparator.<String>comparingDouble(k -> -last(groups.get(k), "bytes")));
                    java.util.Set<String> kept = new java.util.HashSet<>(keys.subList(0, Math.min(CHART_SERIES,
                            keys.size())));
                    groups.forEach((k, g) -> {
                        if (kept.contains(k)) series.add(new ChartSpec.Series(levels ? o.interfaceName(k)
                                : subflowName(c, g.get(0).integer("subflow", -1)), Tables.column(g, "time"),
                                Tables.column(g, "bytes")));
                    });
                    int leftInterfaces = groups.size() - kept.size();
                    if (levels && c == charted.get(0)) {
                        Map<String, String> where = new LinkedHashMap<>();
                        where.put("capture", label);
                        where.put("connection", Long.toString(c));
                        where.put("level", "interface");
                        if (cum.columnIndex("direction") >= 0) where.put("direction", dir);
                        tableCharts.add(new ReportModel.TableChart(true, "Cumulative bytes per client interface, "
                                + label + ", connection " + c, "cumulative", "time", "bytes",
                                o.aliases().isEmpty() ? "client_addr" : "interface", where));
                    }
                    charts.add(new ChartView(chartId("cumulative", c), ChartSpec.xy(Kind.LINE,
                            "Cumulative bytes per client interface, connection " + c + ", " + directionText(dir),
                            "time since first packet", "s", "bytes sent", "B", series),
                            "TCP payload sent through each client address, retransmissions included "
                                    + "(report Figure 11; kB = 10^3 bytes, MB = 10^6 bytes)." + (leftInterfaces == 0 ? ""
                                    : String.format(Locale.ROOT, " Only the %d client addresses that sent most are "
                                    + "drawn; %d more are in csv/cumulative.csv.", CHART_SERIES, leftInterfaces))));
                }
            }
            DataTable thr = t("throughput");
            if (thr == null) {
                notes.add(missing("throughput"));
            } else {
                boolean thrLevels = thr.columnIndex("level") >= 0;
                for (long c : charted) {
                    String dir = direction(c);
                    List<Row> rows = Tables.rows(thr, r -> r.integer("connection", -1) == c
                            && (!thrLevels || "subflow".equals(r.text("level")))
                            && (r.get("direction") == null || dir.equals(r.text("direction"))));
                    if (rows.isEmpty()) continue;
                    List<ChartSpec.Series> series = new ArrayList<>();
                    Map<String, List<Row>> groups = Tables.groupBy(rows, "subflow");
                    List<Long> ids = new ArrayList<>();
                    for (List<Row> g : groups.values()) ids.add(g.get(0).integer("subflow", -1));
                    java.util.Set<Long> drawn = drawn(c, ids);
                    groups.forEach((k, g) -> {
                        long s = g.get(0).integer("subflow", -1);
                        if (drawn.contains(s)) series.add(new ChartSpec.Series(subflowName(c, s),
                                Tables.column(g, "time"), Tables.column(g, "bits_per_s")));
                    });
                    charts.add(new ChartView(chartId("throughput", c), ChartSpec.xy(Kind.LINE,
                            "Throughput per subflow, connection " + c + ", " + directionText(dir),
                            "time since first packet", "s", "throughput", "bit/s", series),
                            "Per subflow: " + thr.title() + "." + leftOut(ids.size() - drawn.size(), "subflows")));
                }
            }
            return new Section("bytes", "Bytes over time", "Cumulative bytes per client interface and throughput "
                    + "per subflow of the largest connections. The series are in csv/cumulative.csv and "
                    + "csv/throughput.csv.", List.of(), charts, notes);
        }

        private Section transfers() {
            List<TableView> tv = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            table(tv, notes, "transfers");
            table(tv, notes, "intervals");
            table(tv, notes, "subflow-share");
            return new Section("transfers", "Transfers and subflow establishment", "Data transfer rate and time "
                    + "per connection (report Table 3), time between subflow establishments (Table 4) and "
                    + "each subflow's share of the data.", tv, List.of(), notes);
        }

        /** TCP-level losses per subflow (tables tcp-retransmissions, tcp-analysis), as tshark's tcp.analysis flags. */
        private Section losses() {
            List<TableView> tv = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<ChartView> charts = new ArrayList<>();
            table(tv, notes, "tcp-retransmissions");
            // a per-frame listing, not a table for a paper: its first rows in the documents, all in csv/ and xlsx
            table(tv, notes, "tcp-analysis", FRAME_LIST_ROWS);
            DataTable sum = t("tcp-retransmissions");
            if (sum != null) {
                for (long c : charted) {
                    String d = direction(c);
                    List<Row> rows = Tables.rows(sum, r -> r.integer("connection", -1) == c
                            && d.equals(r.text("direction")));
                    if (rows.isEmpty()) continue;
                    List<Long> ids = new ArrayList<>();
                    for (Row r : rows) ids.add(r.integer("subflow", -1));
                    java.util.Set<Long> drawn = drawn(c, ids); // a join flood: one bar group per subflow is unreadable
                    rows = rows.stream().filter(r -> drawn.contains(r.integer("subflow", -1))).toList();
                    List<String> cats = new ArrayList<>();
                    for (Row r : rows) cats.add(subflowName(c, r.integer("subflow", -1)));
                    charts.add(new ChartView(chartId("retransmissions", c), ChartSpec.bars("TCP retransmissions per "
                            + "subflow, " + connectionName(c) + ", " + directionText(d), "subflow", "segments", "",
                            cats, List.of(new ChartSpec.Series("retransmissions", null,
                                    Tables.column(rows, "retransmissions")),
                                    new ChartSpec.Series("fast retransmissions", null,
                                            Tables.column(rows, "fast_retransmissions")),
                                    new ChartSpec.Series("spurious retransmissions", null,
                                            Tables.column(rows, "spurious_retransmissions")))),
                            "Frames tshark would mark tcp.analysis.retransmission (fast and spurious ones included) "
                                    + "in the data direction." + leftOut(ids.size() - drawn.size(), "subflows")));
                }
            }
            return new Section("losses", "TCP retransmissions and duplicate ACKs", "Per subflow and direction: "
                    + "retransmissions, fast and spurious retransmissions, out-of-order segments, gaps in the capture "
                    + "and duplicate ACKs, frame for frame as tshark's tcp.analysis flags; loss_rate_percent is "
                    + "(retransmissions - spurious) per original data segment. The flagged frames follow.", tv,
                    charts, notes);
        }

        /** Goodput next to throughput, reinjected and retransmitted bytes; the scheduler's share of the new data. */
        private Section goodput() {
            List<TableView> tv = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<ChartView> charts = new ArrayList<>();
            table(tv, notes, "goodput");
            DataTable ot = t("goodput-over-time");
            if (ot == null) notes.add(missing("goodput-over-time"));
            DataTable sh = t("scheduler-share");
            if (sh == null) notes.add(missing("scheduler-share"));
            for (long c : charted) {
                String d = direction(c);
                if (ot != null) {
                    List<Row> rows = Tables.rows(ot, r -> r.integer("connection", -1) == c
                            && d.equals(r.text("direction")) && "connection".equals(r.text("level")));
                    if (!rows.isEmpty()) {
                        double[] x = Tables.column(rows, "time");
                        List<ChartSpec.Series> series = List.of(
                                new ChartSpec.Series("throughput (all payload)", x, Tables.column(rows, "throughput_bps")),
                                new ChartSpec.Series("goodput (new data)", x, Tables.column(rows, "goodput_bps")),
                                new ChartSpec.Series("reinjected", x, Tables.column(rows, "reinjected_bps")),
                                new ChartSpec.Series("TCP retransmitted", x, Tables.column(rows, "retransmitted_bps")));
                        charts.add(new ChartView(chartId("goodput", c), ChartSpec.xy(Kind.STEP, "Goodput and "
                                + "throughput, " + connectionName(c) + ", " + directionText(d),
                                "time since first packet", "s", "rate", "bit/s", series),
                                "Per " + binText(rows) + " bin, all subflows: TCP payload (throughput), data sent for "
                                        + "the first time at the MPTCP level (goodput), bytes reinjected from another "
                                        + "subflow and bytes of TCP retransmissions (table goodput-over-time)."));
                    }
                }
                if (sh != null) {
                    List<Row> rows = Tables.rows(sh, r -> r.integer("connection", -1) == c
                            && d.equals(r.text("direction")));
                    if (rows.isEmpty()) continue;
                    Map<String, List<Row>> groups = Tables.groupBy(rows, "subflow");
                    List<Long> ids = new ArrayList<>();
                    for (List<Row> g : groups.values()) ids.add(g.get(0).integer("subflow", -1));
                    java.util.Set<Long> drawn = drawn(c, ids);
                    List<ChartSpec.Series> series = new ArrayList<>();
                    groups.forEach((k, g) -> {
                        long s = g.get(0).integer("subflow", -1);
                        if (drawn.contains(s)) series.add(new ChartSpec.Series(subflowName(c, s),
                                Tables.column(g, "time"), Tables.column(g, "share_percent")));
                    });
                    charts.add(new ChartView(chartId("scheduler-share", c), ChartSpec.xy(Kind.STEP, "Scheduler "
                            + "share of the new data per subflow, " + connectionName(c) + ", " + directionText(d),
                            "time since first packet", "s", "share of the new data", "%", series),
                            "Per " + windowText(rows) + " window with new data: the percentage of it each subflow "
                                    + "sent first (table scheduler-share)." + leftOut(ids.size() - drawn.size(),
                                    "subflows")));
                }
            }
            return new Section("goodput", "Goodput, reinjections and scheduler share", "Per connection and subflow: "
                    + "all TCP payload (throughput), the data sent for the first time at the MPTCP level (goodput), "
                    + "bytes reinjected from another subflow (as table reinjections) and TCP-retransmitted bytes (as "
                    + "tcp-retransmissions); over time in csv/goodput-over-time.csv and the scheduler's share of the "
                    + "new data per subflow and window in csv/scheduler-share.csv.", tv, charts, notes);
        }

        /** The data-sequence graph, flight size and receive window of the charted connections. */
        private Section sequence() {
            List<TableView> tv = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<ChartView> charts = new ArrayList<>();
            DataTable dsn = t("dsn");
            if (dsn == null) notes.add(missing("dsn"));
            else if (dsn.title().contains("kept")) notes.add("Table dsn: " + dsn.title() + ".");
            DataTable fl = t("flight-size");
            if (fl == null) notes.add(missing("flight-size"));
            else if (fl.title().contains("kept")) notes.add("Table flight-size: " + fl.title() + ".");
            for (long c : charted) {
                String d = direction(c);
                if (dsn != null) {
                    List<Row> rows = Tables.rows(dsn, r -> r.integer("connection", -1) == c
                            && d.equals(r.text("direction")));
                    if (!rows.isEmpty()) charts.add(dsnChart(c, d, rows));
                }
                if (fl != null) {
                    List<Row> rows = Tables.rows(fl, r -> r.integer("connection", -1) == c
                            && d.equals(r.text("direction")));
                    List<ChartSpec.Series> series = new ArrayList<>();
                    for (String[] m : new String[][] {{"flight_size", "flight size"},
                            {"receive_window", "advertised receive window"}}) {
                        List<Row> g = rows.stream().filter(r -> m[0].equals(r.text("metric"))).toList();
                        if (!g.isEmpty()) series.add(new ChartSpec.Series(m[1], Tables.column(g, "time"),
                                Tables.column(g, "bytes")));
                    }
                    if (!series.isEmpty()) {
                        charts.add(new ChartView(chartId("flight-size", c), ChartSpec.xy(Kind.STEP, "Data-level "
                                + "flight size and receive window, " + connectionName(c) + ", " + directionText(d),
                                "time since first packet", "s", "bytes", "B", series),
                                "Flight size: highest DSN + length sent minus the highest data ACK; receive "
                                        + "window: TCP window × 2^scale advertised by the data's receiver with its "
                                        + "data ACKs (RFC 7323 §2.3, relative to the data ACK: RFC 8684 §3.3.4) "
                                        + "(mptcptrace -F; table flight-size)."));
                    }
                }
            }
            return new Section("sequence", "Data sequence, flight size and receive window", "The data-sequence "
                    + "graph of the largest connections (mptcptrace -s): every data frame at its DSN relative to "
                    + "the sender's IDSN + 1, one colour per subflow, data ACKs, reinjections and TCP "
                    + "retransmissions marked; then the data-level flight size and the advertised receive window "
                    + "over time. The points are in csv/dsn.csv and csv/flight-size.csv.", tv, charts, notes);
        }

        private ChartView dsnChart(long c, String d, List<Row> rows) {
            List<Row> data = rows.stream().filter(r -> "data".equals(r.text("kind"))).toList();
            Map<String, List<Row>> groups = Tables.groupBy(data, "subflow");
            List<Long> ids = new ArrayList<>();
            for (List<Row> g : groups.values()) ids.add(g.get(0).integer("subflow", -1));
            java.util.Set<Long> drawn = drawn(c, ids);
            List<ChartSpec.Series> series = new ArrayList<>();
            List<Row> others = new ArrayList<>();
            groups.values().forEach(g -> {
                long s = g.get(0).integer("subflow", -1);
                if (drawn.contains(s)) series.add(new ChartSpec.Series(subflowName(c, s), Tables.column(g, "time"),
                        Tables.column(g, "dsn")));
                else others.addAll(g);
            });
            if (!others.isEmpty()) {
                series.add(new ChartSpec.Series("other subflows (" + (ids.size() - drawn.size()) + ")",
                        Tables.column(others, "time"), Tables.column(others, "dsn")));
            }
            for (String[] k : new String[][] {{"data_ack", "data ACK"}, {"reinjection", "reinjection"},
                    {"retransmission", "TCP retransmission"}}) {
                List<Row> g = rows.stream().filter(r -> k[0].equals(r.text("kind"))).toList();
                if (!g.isEmpty()) series.add(new ChartSpec.Series(k[1], Tables.column(g, "time"),
                        Tables.column(g, "dsn")));
            }
            return new ChartView(chartId("dsn", c), ChartSpec.xy(Kind.SCATTER, "Data sequence numbers, "
                    + connectionName(c) + ", " + directionText(d), "time since first packet", "s",
                    "relative data sequence number", "B", series),
                    "Each data frame at its DSN (relative to the sender's IDSN + 1; without its key, to the first "
                            + "data frame captured), one colour per subflow that sent it; frames carrying data "
                            + "another subflow had sent (reinjections) and frames tshark marks as TCP "
                            + "retransmissions have their own markers; data ACKs (the acknowledged DSN, "
                            + "where it changed) too." + (others.isEmpty() ? "" : String.format(Locale.ROOT,
                            " The %d subflows with the most payload have a colour each; the frames of %d more are "
                                    + "drawn as one series.", CHART_SERIES, ids.size() - drawn.size())));
        }

        /** Head-of-line blocking delay at the capture point: summary table and a CDF per charted connection. */
        private Section headOfLine() {
            List<TableView> tv = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<ChartView> charts = new ArrayList<>();
            table(tv, notes, "hol-delay-summary");
            DataTable cdf = t("hol-delay");
            if (cdf == null) notes.add(missing("hol-delay"));
            else {
                for (long c : charted) {
                    List<Row> rows = Tables.rows(cdf, r -> r.integer("connection", -1) == c);
                    if (rows.isEmpty()) continue;
                    List<ChartSpec.Series> series = new ArrayList<>();
                    Tables.groupBy(rows, "direction").forEach((dir, g) -> series.add(new ChartSpec.Series(
                            directionText(dir), Tables.column(g, "delay_ms"), Tables.column(g, "fraction"))));
                    charts.add(new ChartView(chartId("hol-delay", c), ChartSpec.xy(Kind.STEP, "Head-of-line "
                            + "blocking delay, " + connectionName(c), "delay until all earlier data had arrived",
                            "ms", "fraction of data segments ≤ delay", "", series),
                            "Empirical CDF over the data segments that brought new data: the time from a segment's "
                                    + "capture until all data before its DSN had been captured (0 in order); "
                                    + "measured at the capture point (table hol-delay)."));
                }
            }
            return new Section("hol", "Head-of-line blocking", "Per connection and direction: for each data segment, "
                    + "the time from its arrival until all data before its DSN had arrived (0 when in order), with "
                    + "percentiles. Measured at the capture point: it is the receiver's delay exactly when the "
                    + "capture was taken at the receiver; at the sender it shows the reordering the scheduler's "
                    + "spread over subflows causes before the network adds its own.", tv, charts, notes);
        }

        private static String binText(List<Row> rows) {
            return seconds(rows.get(0).number("bin_s"));
        }

        private static String windowText(List<Row> rows) {
            return seconds(rows.get(0).number("window_s"));
        }

        private static String seconds(double s) {
            return java.math.BigDecimal.valueOf(s).stripTrailingZeros().toPlainString() + " s";
        }

        private Section events() {
            List<TableView> tv = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<ChartView> charts = new ArrayList<>();
            table(tv, notes, "reinjections");
            table(tv, notes, "events");
            return new Section("events", "Reinjections and MPTCP events", "Data sent again on another subflow, "
                    + "and the connection's signals (joins, ADD_ADDR, MP_PRIO, closes) in time order. Subflow "
                    + "establishment is drawn in the timeline of the first section.", tv, charts,
                    notes);
        }
    }
}
