package org.mpcap.reports.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.decode.DecoderCounters;
import org.mpcap.analyzer.mptcp.MptcpConnectionInfo;
import org.mpcap.analyzer.mptcp.SubflowInfo;
import org.mpcap.analyzer.stats.tcp.TcpAnalysisCollector;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.reports.table.JsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mpcap summary}: a readable overview of each capture and its MPTCP connections. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Overview of each capture: format, packets, duration, damage, MPTCP connections and their "
                + "subflows, plain TCP conversations.")
final class SummaryCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Option(names = "--losses", description = "Also count TCP retransmissions (fast ones apart) and duplicate ACKs "
            + "per subflow and direction, as tshark's tcp.analysis flags (one more analysis per packet).")
    boolean losses;

    @Parameters(paramLabel = "CAPTURE", arity = "1..*",
            description = "Capture files (pcap, pcapng, optionally gzip-compressed) or directories of them.")
    List<Path> captures;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = CaptureInputs.expand(captures);
        Analyzer analyzer = CaptureArguments.analyzer(null);
        if (losses) analyzer = analyzer.withTcpAnalysis();
        List<CaptureAnalysis> analyses = new ArrayList<>();
        for (Path f : files) analyses.add(CaptureArguments.analyze(analyzer, f, common, err));
        if (json) {
            StringBuilder doc = new StringBuilder();
            JsonWriter j = new JsonWriter(doc).beginObject().name("captures").beginArray();
            for (CaptureAnalysis a : analyses) json(j, a);
            j.endArray().endObject();
            out.println(doc);
        } else {
            for (int i = 0; i < analyses.size(); i++) {
                if (i > 0) out.println();
                text(out, analyses.get(i));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static List<String> linkTypes(CaptureAnalysis a) {
        List<String> out = new ArrayList<>();
        for (int t : new TreeSet<>(a.linkTypes())) out.add(org.mpcap.analyzer.decode.LinkTypes.describe(t));
        return out;
    }

    /** Decoder counters worth telling, as "name count" pairs; empty when all is well. */
    private static List<String[]> decoderNotes(DecoderCounters d) {
        List<String[]> notes = new ArrayList<>();
        add(notes, "truncated packets", d.truncated());
        add(notes, "malformed packets", d.malformed());
        add(notes, "TCP options cut by snaplen", d.truncatedTcpOptions());
        add(notes, "malformed TCP options", d.malformedTcpOptions());
        add(notes, "malformed MPTCP options", d.malformedMptcpOptions());
        add(notes, "unknown MPTCP subtypes", d.unknownMptcpSubtypes());
        add(notes, "non-first IP fragments", d.nonFirstFragments());
        add(notes, "IP datagrams longer than their frame", d.incompleteDatagrams());
        add(notes, "decoder faults (bugs)", d.decoderFaults());
        for (Map.Entry<Integer, Long> e : d.unsupportedLinkTypes().entrySet()) {
            add(notes, "unsupported link type " + org.mpcap.analyzer.decode.LinkTypes.describe(e.getKey()),
                    e.getValue());
        }
        return notes;
    }

    private static void add(List<String[]> notes, String name, long count) {
        if (count > 0) notes.add(new String[] {name, Long.toString(count)});
    }

    private static String seconds(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%.6f", nanos / 1e9);
    }

    /** The capture being printed (for the loss columns). */
    private CaptureAnalysis current;

    private void text(PrintWriter out, CaptureAnalysis a) {
        current = a;
        List<String[]> head = new ArrayList<>();
        head.add(new String[] {"capture", a.path().toString()});
        head.add(new String[] {"format", a.format().label()});
        head.add(new String[] {"link types", String.join(", ", linkTypes(a))});
        head.add(new String[] {"packets", Long.toString(a.packets())});
        head.add(new String[] {"duration", String.format(Locale.ROOT, "%.6f s", a.durationSeconds())});
        head.add(new String[] {"damaged records", a.damagedRecords() == 0 ? "0"
                : a.damagedRecords() + " (first at byte offset " + a.firstDamageOffset() + ")"});
        for (String[] n : decoderNotes(a.decoder())) head.add(n);
        long plain = a.tracking().plainTcpStreams();
        head.add(new String[] {"TCP conversations", a.tcpStreams().size() + " (" + (a.tcpStreams().size() - plain)
                + " MPTCP subflows, " + plain + " plain TCP)"});
        List<MptcpConnectionInfo> conns = a.connections();
        head.add(new String[] {"MPTCP connections", conns.size() + states(conns)});
        int w = 0;
        for (String[] r : head) w = Math.max(w, r[0].length());
        for (String[] r : head) out.println(pad(r[0], w) + "  " + r[1]);

        int[] listed = largest(conns.size(), LISTED_CONNECTIONS, i -> {
            MptcpConnectionInfo c = conns.get(i);
            return c.dataBytesC2s() + c.dataBytesS2c();
        });
        for (int index : listed) {
            MptcpConnectionInfo c = conns.get(index);
            out.println();
            out.println("connection " + c.connection() + ": " + (c.version() < 0 ? "version ?" : "v" + c.version())
                    + ", " + c.state().label() + ", " + c.client() + " -> " + c.server());
            out.println("  tokens: client " + orDash(MptcpConnectionInfo.tokenText(c.clientToken())) + ", server "
                    + orDash(MptcpConnectionInfo.tokenText(c.serverToken())));
            out.println("  time: " + seconds(c.startNanos()) + " s to " + seconds(c.endNanos()) + " s; data "
                    + (c.dataFromMappings() ? "mapped by DSS" : "(subflow payload, no DSS)") + ": " + c.dataBytesC2s()
                    + " B client->server, " + c.dataBytesS2c() + " B server->client");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"subflow", "stream", "role", "client", "server", "backup", "addr id", "syn time",
                    "bytes c->s", "bytes s->c", "end", "join hmac"});
            Map<String, Object[]> loss = lossRows(a);
            if (loss != null) rows.set(0, concat(rows.get(0), LOSS_HEADERS));
            List<SubflowInfo> subs = c.subflows();
            int[] shown = largest(subs.size(), LISTED_SUBFLOWS, i -> subs.get(i).payloadC2s() + subs.get(i).payloadS2c());
            for (int k : shown) {
                SubflowInfo s = subs.get(k);
                String[] r = {Integer.toString(s.subflow()), Integer.toString(s.tcpStream()),
                        s.role().label(), s.client().toString(), s.server().toString(), s.backup() ? "yes" : "no",
                        s.addressId() < 0 ? "-" : Integer.toString(s.addressId()), seconds(s.synNanos()),
                        Long.toString(s.payloadC2s()), Long.toString(s.payloadS2c()), s.endLabel(),
                        s.joinHmac().label()};
                rows.add(loss == null ? r : concat(r, lossCells(loss, s.tcpStream())));
            }
            int[] widths = new int[rows.get(0).length];
            for (String[] r : rows) for (int i = 0; i < r.length; i++) widths[i] = Math.max(widths[i], r[i].length());
            for (String[] r : rows) {
                StringBuilder sb = new StringBuilder("  ");
                for (int i = 0; i < r.length; i++) {
                    boolean numeric = i == 0 || i == 1 || i == 6 || i == 7 || i == 8 || i == 9 || i >= 12;
                    sb.append(numeric ? padLeft(r[i], widths[i]) : pad(r[i], widths[i]));
                    if (i < r.length - 1) sb.append("  ");
                }
                out.println(sb.toString().stripTrailing());
            }
            if (shown.length < subs.size()) out.println("  " + notListedSubflows(subs, shown));
        }
        if (listed.length < conns.size()) {
            out.println();
            out.println(String.format(Locale.ROOT, "%d more connections not listed: above are the %d with the most "
                    + "data bytes; `mpcap export --table connections` lists every one.", conns.size() - listed.length,
                    listed.length));
        }
    }

    /** Connections listed by the text summary (the ones with most data bytes when there are more). */
    static final int LISTED_CONNECTIONS = 100;
    /** Subflows listed per connection (the ones with most payload when there are more, e.g. a join flood). */
    static final int LISTED_SUBFLOWS = 50;

    /**
     * Indices 0..n-1 of the {@code limit} largest by {@code size} (ties: lower index), in index order; all of
     * them when n ≤ limit. One pass with a heap of {@code limit} entries, so a million connections are fine.
     */
    static int[] largest(int n, int limit, java.util.function.IntToLongFunction size) {
        if (n <= limit) return java.util.stream.IntStream.range(0, n).toArray();
        // min-heap on (size, -index): the root is the smallest kept, the one to drop first
        java.util.PriorityQueue<long[]> heap = new java.util.PriorityQueue<>(limit,
                java.util.Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> -e[1]));
        for (int i = 0; i < n; i++) {
            long v = size.applyAsLong(i);
            if (heap.size() < limit) {
                heap.add(new long[] {v, i});
            } else if (v > heap.peek()[0]) {
                heap.poll();
                heap.add(new long[] {v, i});
            }
        }
        return heap.stream().mapToInt(e -> (int) e[1]).sorted().toArray();
    }

    /** " (N established, M unanswered, …)" over every connection, or "" for none. */
    private static String states(List<MptcpConnectionInfo> conns) {
        Map<String, Long> byState = new java.util.TreeMap<>();
        for (MptcpConnectionInfo c : conns) byState.merge(c.state().label(), 1L, Long::sum);
        if (byState.isEmpty()) return "";
        List<String> parts = new ArrayList<>();
        byState.forEach((state, n) -> parts.add(n + " " + state));
        return " (" + String.join(", ", parts) + ")";
    }

    /** One line on the subflows of a connection not listed: how many, their roles, bytes, HMAC checks and ends. */
    private static String notListedSubflows(List<SubflowInfo> subs, int[] shown) {
        java.util.BitSet listed = new java.util.BitSet(subs.size());
        for (int k : shown) listed.set(k);
        Map<String, Long> roles = new java.util.TreeMap<>(), hmac = new java.util.TreeMap<>(),
                ends = new java.util.TreeMap<>();
        long bytes = 0, n = 0;
        for (int k = 0; k < subs.size(); k++) {
            if (listed.get(k)) continue;
            SubflowInfo s = subs.get(k);
            n++;
            bytes += s.payloadC2s() + s.payloadS2c();
            roles.merge(s.role().label(), 1L, Long::sum);
            hmac.merge(s.joinHmac().label(), 1L, Long::sum);
            ends.merge(s.endLabel(), 1L, Long::sum);
        }
        return String.format(Locale.ROOT, "%d more subflows not listed (%s; %d payload bytes in all; join hmac %s; "
                + "end %s): above are the %d with the most payload; `mpcap export --table subflows` lists every "
                + "one.", n, counts(roles), bytes, counts(hmac), counts(ends), shown.length);
    }

    private static String counts(Map<String, Long> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(v + " " + k));
        return String.join(", ", parts);
    }

    private static final String[] LOSS_HEADERS = {"retrans c->s", "fast c->s", "retrans s->c", "fast s->c",
            "dup acks c->s", "dup acks s->c", "loss % c->s", "loss % s->c"};

    /** Rows of table tcp-retransmissions by "tcp_stream/direction", or null without the TCP analysis. */
    private static Map<String, Object[]> lossRows(CaptureAnalysis a) {
        DataTable t = a.tables().get(TcpAnalysisCollector.SUMMARY);
        if (t == null) return null;
        Map<String, Object[]> m = new java.util.HashMap<>();
        int stream = t.columnIndex("tcp_stream"), dir = t.columnIndex("direction");
        for (Object[] r : t.rows()) m.put(r[stream] + "/" + r[dir], r);
        return m;
    }

    private static Object lossValue(CaptureAnalysis a, Map<String, Object[]> rows, int stream, String dir,
                                    String column) {
        Object[] r = rows.get(stream + "/" + dir);
        return r == null ? null : r[a.tables().get(TcpAnalysisCollector.SUMMARY).columnIndex(column)];
    }

    private String[] lossCells(Map<String, Object[]> rows, int stream) {
        CaptureAnalysis a = current;
        String[] out = new String[LOSS_HEADERS.length];
        String[][] spec = {{"c2s", "retransmissions"}, {"c2s", "fast_retransmissions"}, {"s2c", "retransmissions"},
                {"s2c", "fast_retransmissions"}, {"c2s", "duplicate_acks"}, {"s2c", "duplicate_acks"},
                {"c2s", "loss_rate_percent"}, {"s2c", "loss_rate_percent"}};
        for (int i = 0; i < spec.length; i++) {
            Object v = lossValue(a, rows, stream, spec[i][0], spec[i][1]);
            out[i] = v == null ? "-" : v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v.toString();
        }
        return out;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String orDash(String s) { return s.isEmpty() ? "-" : s; }

    private static String pad(String s, int w) { return s + " ".repeat(Math.max(0, w - s.length())); }

    private static String padLeft(String s, int w) { return " ".repeat(Math.max(0, w - s.length())) + s; }

    private void json(JsonWriter j, CaptureAnalysis a) {
        j.beginObject();
        j.name("capture").value(a.path().toString());
        j.name("format").value(a.format().label());
        j.name("link_types").beginArray();
        for (int t : new TreeSet<>(a.linkTypes())) j.value(t);
        j.endArray();
        j.name("packets").value(a.packets());
        j.name("duration_s").value(a.durationSeconds(), 6);
        j.name("damaged_records").value(a.damagedRecords());
        j.name("first_damage_offset").value(a.firstDamageOffset());
        DecoderCounters d = a.decoder();
        j.name("decoder").beginObject();
        j.name("truncated").value(d.truncated());
        j.name("malformed").value(d.malformed());
        j.name("not_ip").value(d.notIp());
        j.name("non_first_fragments").value(d.nonFirstFragments());
        j.name("truncated_tcp_options").value(d.truncatedTcpOptions());
        j.name("malformed_tcp_options").value(d.malformedTcpOptions());
        j.name("malformed_mptcp_options").value(d.malformedMptcpOptions());
        j.name("unknown_mptcp_subtypes").value(d.unknownMptcpSubtypes());
        j.name("decoder_faults").value(d.decoderFaults());
        j.name("incomplete_datagrams").value(d.incompleteDatagrams());
        j.name("unsupported_link_types").beginObject();
        for (Map.Entry<Integer, Long> e : d.unsupportedLinkTypes().entrySet()) {
            j.name(Integer.toString(e.getKey())).value(e.getValue());
        }
        j.endObject().endObject();
        j.name("tcp_streams").value(a.tcpStreams().size());
        j.name("plain_tcp_streams").value(a.tracking().plainTcpStreams());
        j.name("connections").beginArray();
        for (MptcpConnectionInfo c : a.connections()) {
            j.beginObject();
            j.name("connection").value(c.connection());
            j.name("version");
            if (c.version() < 0) j.value((String) null);
            else j.value(c.version());
            j.name("state").value(c.state().label());
            j.name("client_addr").value(c.client().address());
            j.name("client_port").value(c.client().port());
            j.name("server_addr").value(c.server().address());
            j.name("server_port").value(c.server().port());
            j.name("client_token").value(emptyToNull(MptcpConnectionInfo.tokenText(c.clientToken())));
            j.name("server_token").value(emptyToNull(MptcpConnectionInfo.tokenText(c.serverToken())));
            j.name("start_time").rawValue(jsonSeconds(c.startNanos()));
            j.name("end_time").rawValue(jsonSeconds(c.endNanos()));
            j.name("data_bytes_c2s").value(c.dataBytesC2s());
            j.name("data_bytes_s2c").value(c.dataBytesS2c());
            j.name("data_from_dss").value(c.dataFromMappings());
            j.name("mapped_bytes_c2s").value(c.dataBytesC2s());
            j.name("mapped_bytes_s2c").value(c.dataBytesS2c());
            j.name("subflows").beginArray();
            for (SubflowInfo s : c.subflows()) {
                j.beginObject();
                j.name("subflow").value(s.subflow());
                j.name("tcp_stream").value(s.tcpStream());
                j.name("role").value(s.role().label());
                j.name("client_addr").value(s.client().address());
                j.name("client_port").value(s.client().port());
                j.name("server_addr").value(s.server().address());
                j.name("server_port").value(s.server().port());
                j.name("backup").value(s.backup());
                j.name("address_id");
                if (s.addressId() < 0) j.value((String) null);
                else j.value(s.addressId());
                j.name("syn_time").rawValue(jsonSeconds(s.synNanos()));
                j.name("established_time").rawValue(jsonSeconds(s.establishedNanos()));
                j.name("end_time").rawValue(jsonSeconds(s.endNanos()));
                j.name("packets").value(s.packets());
                j.name("payload_bytes_c2s").value(s.payloadC2s());
                j.name("payload_bytes_s2c").value(s.payloadS2c());
                j.name("join_hmac").value(s.joinHmac().label());
                j.name("close").value(s.endLabel());
                Map<String, Object[]> loss = lossRows(a);
                if (loss != null) {
                    for (String dir : new String[] {"c2s", "s2c"}) {
                        j.name("tcp_analysis_" + dir).beginObject();
                        for (String col : new String[] {"data_segments", "retransmissions", "fast_retransmissions",
                                "spurious_retransmissions", "out_of_order", "lost_segments", "duplicate_acks",
                                "loss_rate_percent"}) {
                            Object v = lossValue(a, loss, s.tcpStream(), dir, col);
                            j.name(col);
                            if (v instanceof Long l) j.value(l);
                            else if (v instanceof Double dv) j.value(dv);
                            else j.value((String) null);
                        }
                        j.endObject();
                    }
                }
                j.endObject();
            }
            j.endArray().endObject();
        }
        j.endArray().endObject();
    }

    /** Seconds with 6 decimals, or null when negative nanos say "not seen". */
    private static String jsonSeconds(long nanos) {
        return nanos < 0 ? "null" : String.format(Locale.ROOT, "%.6f", nanos / 1e9);
    }

    private static String emptyToNull(String s) { return s.isEmpty() ? null : s; }
}
