package org.mpcap.analyzer.stats.pair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mpcap.analyzer.flow.Endpoint;
import org.mpcap.analyzer.flow.TcpStreamInfo;
import org.mpcap.analyzer.mptcp.SubflowInfo;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Two captures of the same connections, one taken at the client and one at the server (mptcpanalyzer's "tcp owd"
 * / "mptcp owd" set-up): one-way delay per subflow and direction, and the packets lost between the two points.
 *
 * <p>Matching rule. A subflow of the server-side capture is the client-side subflow with the same 4-tuple (client
 * address and port, server address and port: no NAT between the two points). A packet is the same packet in both
 * captures when its {@link PacketKeyCollector key} is equal (addresses, ports, sequence and acknowledgement
 * numbers, payload length, flags, window, IPv4 identification, TCP timestamp value); when several packets of a
 * capture share a key (a true duplicate), the k-th of one capture matches the k-th of the other, in time order.
 * mptcpanalyzer merges the sender's and the receiver's packets on a per-packet hash of header fields in the same
 * way (its {@code map_tcp_packets_via_hash}); mpcap states the fields.
 *
 * <p>Loss. A packet the sender side captured and the receiver side did not is lost between the two points,
 * counted only while both captures were running: sent after the receiver-side capture started and at least the
 * direction's largest one-way delay before it ended. Packets seen only at the receiver (sent before the sender-side
 * capture started, or not captured there) are counted apart ({@code unmatched_at_receiver}).
 *
 * <p>Clock caveat. The delay is receiver-side time minus sender-side time, read from two clocks. On one host (this
 * project's testbed: network namespaces share the clock) it is exact. Between two machines it includes the clock
 * offset, with opposite signs in the two directions: client→server delay + offset, server→client delay − offset;
 * their sum (≈ the minimum RTT for the minima) is free of the offset, and on a symmetric path half their difference
 * estimates it. Negative delays mean the clocks disagree by more than the delay.
 */
public final class CapturePairing {
    public static final String SUMMARY = "owd-summary";
    public static final String SAMPLES = "owd";
    /** Most rows of {@value #SAMPLES} (the summary uses every packet). */
    public static final int SAMPLE_CAP = 500_000;

    private CapturePairing() {}

    /** Columns of {@value #SUMMARY} (a contract). */
    public static DataTable summaryTable() {
        return new DataTable(SUMMARY, "One-way delay and packets lost between a client-side and a server-side capture",
                List.of(Column.text("capture", "Client-side capture"),
                        Column.text("server_capture", "Server-side capture"),
                        Column.integer("connection", "", "MPTCP connection (client-side numbering), empty for plain TCP"),
                        Column.integer("subflow", "", "Subflow of the connection, empty for plain TCP"),
                        Column.integer("tcp_stream", "", "tcp.stream in the client-side capture"),
                        Column.text("direction", "c2s (measured client → server) or s2c"),
                        Column.text("src_addr", "Sender address"),
                        Column.integer("src_port", "", "Sender port"),
                        Column.text("dst_addr", "Receiver address"),
                        Column.integer("dst_port", "", "Receiver port"),
                        Column.integer("sent", "packets", "Packets the sender side captured while both captures ran"),
                        Column.integer("received", "packets", "Of these, packets the receiver side captured"),
                        Column.integer("lost", "packets", "sent - received: lost between the two capture points"),
                        Column.decimal("lost_percent", 3, "%", "lost x 100 / sent"),
                        Column.integer("unmatched_at_receiver", "packets", "Packets only the receiver side captured"),
                        Column.decimal("owd_min_ms", 3, "ms", "Smallest one-way delay (receiver time - sender time)"),
                        Column.decimal("owd_median_ms", 3, "ms", "Median one-way delay"),
                        Column.decimal("owd_mean_ms", 3, "ms", "Mean one-way delay"),
                        Column.decimal("owd_p95_ms", 3, "ms", "95th percentile (nearest rank)"),
                        Column.decimal("owd_max_ms", 3, "ms", "Largest one-way delay")));
    }

    /** Columns of {@value #SAMPLES} (a contract). */
    public static DataTable samplesTable(String title) {
        return new DataTable(SAMPLES, title, List.of(
                Column.text("capture", "Client-side capture"),
                Column.integer("connection", "", "MPTCP connection, empty for plain TCP"),
                Column.integer("subflow", "", "Subflow, empty for plain TCP"),
                Column.integer("tcp_stream", "", "tcp.stream in the client-side capture"),
                Column.text("direction", "c2s or s2c"),
                Column.seconds("time", "Send time (sender-side capture) relative to the client-side capture's start"),
                Column.decimal("owd_ms", 3, "ms", "One-way delay; empty when the packet was lost between the points"),
                Column.bool("lost", "True if the receiver side did not capture the packet")));
    }

    /**
     * Matches the two captures' packets.
     *
     * @param client       the client-side capture's name, keys and tracking
     * @param server       the server-side capture's
     * @param clientStartNanos epoch nanos of the client-side capture's first packet (origin of {@code time})
     */
    public static List<DataTable> pair(String clientName, PacketKeyCollector client, TrackingView clientTracking,
                                       String serverName, PacketKeyCollector server, TrackingView serverTracking,
                                       long clientStartNanos) {
        int[] cMatch = new int[client.count], sMatch = new int[server.count];
        match(client, server, cMatch, sMatch);
        // server stream -> client stream, by 4-tuple
        Map<String, Integer> byTuple = new HashMap<>();
        List<TcpStreamInfo> cs = clientTracking.tcpStreams();
        for (TcpStreamInfo s : cs) byTuple.put(tuple(s.client(), s.server()), s.stream());
        List<TcpStreamInfo> ss = serverTracking.tcpStreams();
        int[] serverToClient = new int[ss.size()];
        for (TcpStreamInfo s : ss) serverToClient[s.stream()] = byTuple.getOrDefault(tuple(s.client(), s.server()), -1);

        Map<Long, Group> groups = new HashMap<>();
        // largest delay per direction: a packet sent later than (receiver's end - that) may still have been in flight
        double[] maxDelay = new double[2];
        for (int i = 0; i < client.count; i++) {
            if (client.fromClient[i] == 1 && cMatch[i] >= 0) {
                maxDelay[0] = Math.max(maxDelay[0], server.nanos[cMatch[i]] - client.nanos[i]);
            }
        }
        for (int j = 0; j < server.count; j++) {
            if (server.fromClient[j] == 0 && sMatch[j] >= 0) {
                maxDelay[1] = Math.max(maxDelay[1], client.nanos[sMatch[j]] - server.nanos[j]);
            }
        }
        List<long[]> samples = new ArrayList<>(); // {stream, dir, sendNanos, delayNanos or MIN}
        long dropped = 0;
        for (int i = 0; i < client.count; i++) {
            if (client.fromClient[i] == 1) {
                long t = client.nanos[i];
                if (t < server.firstNanos || t > server.lastNanos - maxDelay[0]) continue;
                Group g = groups.computeIfAbsent(key(client.stream[i], 0), k -> new Group());
                g.sent++;
                long d = cMatch[i] >= 0 ? server.nanos[cMatch[i]] - t : Long.MIN_VALUE;
                if (d != Long.MIN_VALUE) g.delays.add(d);
                if (samples.size() < SAMPLE_CAP) samples.add(new long[] {client.stream[i], 0, t, d});
                else dropped++;
            } else if (cMatch[i] < 0) {
                groups.computeIfAbsent(key(client.stream[i], 1), k -> new Group()).unmatched++;
            }
        }
        for (int j = 0; j < server.count; j++) {
            int stream = server.stream[j] < serverToClient.length ? serverToClient[server.stream[j]] : -1;
            if (stream < 0) continue; // a conversation the client side never saw
            if (server.fromClient[j] == 0) {
                long t = server.nanos[j];
                if (t < client.firstNanos || t > client.lastNanos - maxDelay[1]) continue;
                Group g = groups.computeIfAbsent(key(stream, 1), k -> new Group());
                g.sent++;
                long d = sMatch[j] >= 0 ? client.nanos[sMatch[j]] - t : Long.MIN_VALUE;
                if (d != Long.MIN_VALUE) g.delays.add(d);
                if (samples.size() < SAMPLE_CAP) samples.add(new long[] {stream, 1, t, d});
                else dropped++;
            } else if (sMatch[j] < 0) {
                groups.computeIfAbsent(key(stream, 0), k -> new Group()).unmatched++;
            }
        }

        DataTable summary = summaryTable();
        for (int stream = 0; stream < cs.size(); stream++) {
            for (int dir = 0; dir < 2; dir++) {
                Group g = groups.get(key(stream, dir));
                if (g == null) continue;
                TcpStreamInfo s = cs.get(stream);
                SubflowInfo sf = clientTracking.subflowOfStream(stream);
                Endpoint src = dir == 0 ? s.client() : s.server(), dst = dir == 0 ? s.server() : s.client();
                long[] d = g.delays.toArray();
                Arrays.sort(d);
                long received = d.length;
                summary.add(clientName, serverName, sf == null ? null : (long) sf.connection(),
                        sf == null ? null : (long) sf.subflow(), (long) stream, dir == 0 ? "c2s" : "s2c",
                        src.address(), (long) src.port(), dst.address(), (long) dst.port(), g.sent, received,
                        g.sent - received, g.sent == 0 ? null : (g.sent - received) * 100.0 / g.sent, g.unmatched,
                        ms(d, 0.0), ms(d, 0.5), mean(d), ms(d, 0.95), ms(d, 1.0));
            }
        }
        samples.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : a[1] != b[1] ? Long.compare(a[1], b[1])
                : Long.compare(a[2], b[2]));
        DataTable table = samplesTable(dropped == 0 ? "One-way delay per packet"
                : "One-way delay per packet; the first " + SAMPLE_CAP + " packets (" + dropped + " more in "
                        + SUMMARY + ")");
        for (long[] r : samples) {
            SubflowInfo sf = clientTracking.subflowOfStream((int) r[0]);
            boolean lost = r[3] == Long.MIN_VALUE;
            table.add(clientName, sf == null ? null : (long) sf.connection(), sf == null ? null : (long) sf.subflow(),
                    r[0], r[1] == 0 ? "c2s" : "s2c", (r[2] - clientStartNanos) / 1e9, lost ? null : r[3] / 1e6,
                    lost);
        }
        return List.of(summary, table);
    }

    /** Pairs equal keys, k-th with k-th in time order; unmatched entries get -1. */
    static void match(PacketKeyCollector a, PacketKeyCollector b, int[] aMatch, int[] bMatch) {
        Arrays.fill(aMatch, -1);
        Arrays.fill(bMatch, -1);
        Integer[] ai = order(a), bi = order(b);
        int i = 0, j = 0;
        while (i < ai.length && j < bi.length) {
            long ha = a.hash[ai[i]], hb = b.hash[bi[j]];
            if (ha < hb) i++;
            else if (ha > hb) j++;
            else {
                aMatch[ai[i]] = bi[j];
                bMatch[bi[j]] = ai[i];
                i++;
                j++;
            }
        }
    }

    private static Integer[] order(PacketKeyCollector k) {
        Integer[] idx = new Integer[k.count];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (x, y) -> k.hash[x] != k.hash[y] ? Long.compare(k.hash[x], k.hash[y])
                : Long.compare(k.nanos[x], k.nanos[y]));
        return idx;
    }

    private static String tuple(Endpoint c, Endpoint s) { return c + "|" + s; }

    private static long key(int stream, int dir) { return (long) stream << 1 | dir; }

    private static Double ms(long[] sorted, double q) {
        if (sorted.length == 0) return null;
        int rank = q <= 0 ? 0 : (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }

    private static Double mean(long[] d) {
        if (d.length == 0) return null;
        double s = 0;
        for (long v : d) s += v;
        return s / d.length / 1e6;
    }

    private static final class Group {
        long sent, unmatched;
        final LongList delays = new LongList();
    }

    private static final class LongList {
        long[] a = new long[16];
        int n;

        void add(long v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        long[] toArray() { return Arrays.copyOf(a, n); }
    }
}
