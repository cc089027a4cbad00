package org.mpcap.analyzer.stats.datalevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.stats.BinnedSeries;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.stats.StatsCollector;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Goodput next to throughput: per subflow and per connection and direction, all TCP payload (throughput), the
 * data sent for the first time at the MPTCP level (goodput: each byte of the data sequence space once, on the
 * subflow that carried it first), the reinjected bytes (RFC 8684 §3.3.6, as table {@code reinjections}) and the
 * TCP-retransmitted bytes (tshark's {@code tcp.analysis.retransmission}, as table {@code tcp-retransmissions});
 * totals ({@value #TOTALS}), per bin ({@value #OVER_TIME}) and the scheduler's share of the new data per subflow
 * and window ({@value #SHARE}).
 *
 * <p>Consumes what the pass publishes per packet ({@link PacketContext#hasDsn}, {@link PacketContext#newDataBytes},
 * {@link PacketContext#reinjectedBytes}, {@link PacketContext#tcpRetransmission}); derives and keeps no DSN itself,
 * so the tracker's corrections of guessed DSNs ({@link PacketContext#rebased}) reach it through those verdicts
 * (the flow statistics' reinjection detection follows them). The
 * categories overlap: a frame can be a TCP retransmission and a reinjection (tshark marks both), and payload
 * without a DSN (before its mapping was seen, a connection fallen back to TCP) is only in {@code payload_bytes}
 * and {@code unmapped_bytes}.
 *
 * <p>Memory: per TCP stream one int; per subflow with payload a few longs and up to four byte series on the
 * shared bin grid ({@link BinnedSeries}: non-empty bins only, at most {@link AnalysisOptions#maxBins()} bins).
 * Nothing is allocated per packet except when a series grows.
 */
public final class GoodputCollector implements StatsCollector {
    public static final String TOTALS = "goodput";
    public static final String OVER_TIME = "goodput-over-time";
    public static final String SHARE = "scheduler-share";

    static final int PAYLOAD = 0, NEW = 1, REINJECTED = 2, RETRANSMITTED = 3, SERIES = 4, UNMAPPED = 4, TOTAL = 5;

    private final BinnedSeries bins;
    private final long windowNanos;

    /** Per TCP stream: its slot, or -1 (no payload of an MPTCP connection yet). */
    /** Per slot: connection, subflow, tcp.stream. */
    private final StreamSlots slots = new StreamSlots();
    /** [(2 × slot + dir) × TOTAL + metric]: bytes. */
    private long[] totals = new long[0];
    /** [(2 × slot + dir) × SERIES + metric]: series id in {@link #bins}, -1 until the first byte. */
    private int[] series = new int[0];

    public GoodputCollector(AnalysisOptions options) {
        this.bins = new BinnedSeries(options.binNanos() == 0 ? 1_000L : options.binNanos(), options.maxBins());
        this.windowNanos = options.throughputWindowNanos();
    }

    @Override
    public void onPacket(PacketContext p) {
        if (p.status != DecodeStatus.TCP || p.tcpStream < 0 || p.connection < 0 || p.subflow < 0
                || p.dataDirection < 0) {
            return;
        }
        int len = p.decoder.tcp().payloadLength();
        if (len <= 0) return;
        int sd = 2 * slot(p.tcpStream, p.connection, p.subflow) + p.dataDirection;
        long t = p.relativeNanos;
        add(sd, PAYLOAD, t, len);
        if (p.hasDsn) {
            if (p.newDataBytes > 0) add(sd, NEW, t, p.newDataBytes);
            if (p.reinjectedBytes > 0) add(sd, REINJECTED, t, p.reinjectedBytes);
        } else {
            totals[sd * TOTAL + UNMAPPED] += len;
        }
        if (p.tcpRetransmission) add(sd, RETRANSMITTED, t, len);
    }

    private void add(int sd, int metric, long t, long bytes) {
        totals[sd * TOTAL + metric] += bytes;
        int k = sd * SERIES + metric;
        int s = series[k];
        if (s < 0) s = series[k] = bins.newSeries();
        bins.add(s, t, bytes);
    }

    private int slot(int stream, int connection, int subflow) {
        int s = slots.find(stream);
        if (s >= 0) return s;
        s = slots.add(stream, connection, subflow);
        totals = DataLevel.grow(totals, (2 * s + 2) * TOTAL - 1);
        series = DataLevel.grow(series, (2 * s + 2) * SERIES - 1, -1);
        return s;
    }

    // ================================================================ tables

    /** Columns of {@value #TOTALS} (a contract). */
    public static DataTable totalsTable() {
        return new DataTable(TOTALS, "Goodput, throughput, reinjected and retransmitted bytes per connection and "
                + "subflow", List.of(
                Column.text("capture", "capture file name"),
                Column.integer("connection", "", "MPTCP connection index"),
                Column.integer("subflow", "", "subflow index (0 = initial); empty on the connection's row"),
                Column.text("direction", "c2s | s2c (connection level: c2s is from the connection's client)"),
                Column.text("level", "connection (all its subflows) | subflow"),
                Column.integer("payload_bytes", "B", "all TCP payload: the throughput's bytes, retransmissions and "
                        + "reinjections included"),
                Column.integer("new_data_bytes", "B", "goodput: data-level bytes sent for the first time (no earlier "
                        + "frame of any subflow carried them); each byte counts once, on the subflow that sent it "
                        + "first"),
                Column.integer("reinjected_bytes", "B", "bytes earlier frames of another subflow carried (RFC 8684 "
                        + "§3.3.6; the reinjections table's reinjected_bytes)"),
                Column.integer("retransmitted_bytes", "B", "payload of frames tshark marks "
                        + "tcp.analysis.retransmission (the tcp-retransmissions table's retransmitted_bytes)"),
                Column.integer("unmapped_bytes", "B", "payload without a data sequence number (no DSS mapping seen "
                        + "for it: before the mapping, fallback to TCP)"),
                Column.decimal("goodput_percent", 2, "%", "new_data_bytes × 100 / payload_bytes"),
                Column.integer("tcp_stream", "", "tcp.stream of the subflow; empty on the connection's row")));
    }

    /** Columns of {@value #OVER_TIME} (a contract). */
    public static DataTable overTimeTable(double binSeconds) {
        return new DataTable(OVER_TIME, String.format(java.util.Locale.ROOT, "Goodput and throughput per %s s bin",
                DataLevel.plain(binSeconds)), List.of(
                Column.text("capture", "capture file name"),
                Column.integer("connection", "", "MPTCP connection index"),
                Column.integer("subflow", "", "subflow index; empty on the connection's rows"),
                Column.text("direction", "c2s | s2c"),
                Column.text("level", "connection | subflow"),
                Column.seconds("time", "start of the bin, relative to the capture's first packet"),
                Column.decimal("bin_s", 6, "s", "bin width"),
                Column.integer("payload_bytes", "B", "TCP payload sent in the bin"),
                Column.integer("new_data_bytes", "B", "data sent for the first time at the data level in the bin"),
                Column.integer("reinjected_bytes", "B", "reinjected bytes in the bin"),
                Column.integer("retransmitted_bytes", "B", "TCP-retransmitted bytes in the bin"),
                Column.decimal("throughput_bps", 1, "bit/s", "payload_bytes × 8 / bin_s"),
                Column.decimal("goodput_bps", 1, "bit/s", "new_data_bytes × 8 / bin_s"),
                Column.decimal("reinjected_bps", 1, "bit/s", "reinjected_bytes × 8 / bin_s"),
                Column.decimal("retransmitted_bps", 1, "bit/s", "retransmitted_bytes × 8 / bin_s")));
    }

    /** Columns of {@value #SHARE} (a contract). */
    public static DataTable shareTable(double windowSeconds) {
        return new DataTable(SHARE, String.format(java.util.Locale.ROOT, "Scheduler share of the new data per "
                + "subflow and %s s window", DataLevel.plain(windowSeconds)), List.of(
                Column.text("capture", "capture file name"),
                Column.integer("connection", "", "MPTCP connection index"),
                Column.text("direction", "c2s | s2c"),
                Column.seconds("time", "start of the window"),
                Column.decimal("window_s", 6, "s", "window width (whole bins)"),
                Column.integer("subflow", "", "subflow index"),
                Column.integer("new_data_bytes", "B", "data this subflow sent first in the window"),
                Column.decimal("share_percent", 2, "%", "new_data_bytes × 100 / all subflows' new data in the window")));
    }


    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) {
        long w = bins.binWidthNanos();
        int wb = bins.windowBins(windowNanos);
        DataTable totalsT = totalsTable();
        DataTable overTime = overTimeTable(w / 1e9);
        DataTable share = shareTable(wb * w / 1e9);
        // slots of each connection, by connection then subflow
        Integer[] order = new Integer[slots.count()];
        for (int i = 0; i < slots.count(); i++) order[i] = i;
        Arrays.sort(order, java.util.Comparator.<Integer>comparingInt(slots::connection)
                .thenComparingInt(slots::subflow).thenComparingInt(slots::stream));
        for (int i = 0; i < slots.count(); ) {
            int c = slots.connection(order[i]);
            int j = i;
            while (j < slots.count() && slots.connection(order[j]) == c) j++;
            for (int dir = 0; dir < 2; dir++) connection(capture, c, dir, order, i, j, totalsT, overTime, share, wb);
            i = j;
        }
        return List.of(totalsT, overTime, share);
    }

    /** The rows of connection {@code c} in direction {@code dir}; its slots are {@code order[from..to)}. */
    private void connection(String capture, int c, int dir, Integer[] order, int from, int to, DataTable totalsT,
                            DataTable overTime, DataTable share, int wb) {
        long[] sum = new long[TOTAL];
        int[] connSeries = new int[SERIES];
        Arrays.fill(connSeries, -1);
        for (int k = from; k < to; k++) {
            int sd = 2 * order[k] + dir;
            for (int m = 0; m < TOTAL; m++) sum[m] += totals[sd * TOTAL + m];
            for (int m = 0; m < SERIES; m++) {
                int s = series[sd * SERIES + m];
                if (s < 0) continue;
                if (connSeries[m] < 0) connSeries[m] = bins.newSeries();
                bins.addSeries(connSeries[m], s);
            }
        }
        if (sum[PAYLOAD] == 0) return;
        totalsRow(totalsT, capture, c, null, dir, "connection", sum, null);
        for (int k = from; k < to; k++) {
            int sd = 2 * order[k] + dir;
            long[] v = Arrays.copyOfRange(totals, sd * TOTAL, sd * TOTAL + TOTAL);
            if (v[PAYLOAD] == 0) continue;
            totalsRow(totalsT, capture, c, (long) slots.subflow(order[k]), dir, "subflow", v,
                    (long) slots.stream(order[k]));
        }
        overTimeRows(overTime, capture, c, null, dir, "connection", connSeries);
        for (int k = from; k < to; k++) {
            int sd = 2 * order[k] + dir;
            overTimeRows(overTime, capture, c, (long) slots.subflow(order[k]), dir, "subflow",
                    Arrays.copyOfRange(series, sd * SERIES, sd * SERIES + SERIES));
        }
        shareRows(share, capture, c, dir, order, from, to, wb);
    }

    private static void totalsRow(DataTable t, String capture, int c, Long subflow, int dir, String level, long[] v,
                                  Long stream) {
        t.add(capture, (long) c, subflow, DataLevel.DIRECTION[dir], level, v[PAYLOAD], v[NEW], v[REINJECTED],
                v[RETRANSMITTED], v[UNMAPPED], v[PAYLOAD] == 0 ? null : 100.0 * v[NEW] / v[PAYLOAD], stream);
    }

    /**
     * One row per bin with payload, plus a zero row in the empty bin after a run of bins and one in the empty bin
     * before the next run, so that a line through the rows drops to zero over a quiet stretch (rows stay bounded
     * by the bins with data).
     */
    private void overTimeRows(DataTable t, String capture, int c, Long subflow, int dir, String level, int[] ids) {
        int payload = ids[PAYLOAD];
        if (payload < 0 || !bins.hasData(payload)) return;
        long w = bins.binWidthNanos();
        double binS = w / 1e9;
        int[] cursor = new int[SERIES];
        int n = bins.nonEmptyBins(payload);
        int lastRow = Integer.MIN_VALUE;
        for (int k = 0; k < n; k++) {
            int b = bins.binAt(payload, k);
            if (b - 1 > lastRow && b > 0) zeroRow(t, capture, c, subflow, dir, level, b - 1, w);
            long[] v = new long[SERIES];
            v[PAYLOAD] = bins.bytesAt(payload, k);
            for (int m = 1; m < SERIES; m++) v[m] = bytesInBin(ids[m], b, cursor, m);
            t.add(capture, (long) c, subflow, DataLevel.DIRECTION[dir], level, DataLevel.seconds(b * w), binS,
                    v[PAYLOAD], v[NEW], v[REINJECTED], v[RETRANSMITTED], v[PAYLOAD] * 8 / binS, v[NEW] * 8 / binS,
                    v[REINJECTED] * 8 / binS, v[RETRANSMITTED] * 8 / binS);
            lastRow = b;
            boolean nextAdjacent = k + 1 < n && bins.binAt(payload, k + 1) == b + 1;
            if (!nextAdjacent) {
                zeroRow(t, capture, c, subflow, dir, level, b + 1, w);
                lastRow = b + 1;
            }
        }
    }

    private static void zeroRow(DataTable t, String capture, int c, Long subflow, int dir, String level, int b,
                                long w) {
        double binS = w / 1e9;
        t.add(capture, (long) c, subflow, DataLevel.DIRECTION[dir], level, DataLevel.seconds(b * w), binS, 0L, 0L,
                0L, 0L, 0.0, 0.0, 0.0, 0.0);
    }

    /** Bytes of series {@code s} in bin {@code b}, walking its bins once (bins are asked in ascending order). */
    private long bytesInBin(int s, int b, int[] cursor, int m) {
        if (s < 0) return 0;
        int n = bins.nonEmptyBins(s);
        int k = cursor[m];
        while (k < n && bins.binAt(s, k) < b) k++;
        cursor[m] = k;
        return k < n && bins.binAt(s, k) == b ? bins.bytesAt(s, k) : 0;
    }

    /**
     * Windows of {@code wb} bins (aligned on multiples of the window): in each window with new data, a row per
     * subflow that sent new data in this connection direction at all (0 in windows where it sent none).
     */
    private void shareRows(DataTable t, String capture, int c, int dir, Integer[] order, int from, int to, int wb) {
        TreeMap<Long, long[]> windows = new TreeMap<>();
        List<Integer> subs = new ArrayList<>(); // subflow numbers with new data, ascending (slots are sorted)
        List<Integer> column = new ArrayList<>();
        for (int k = from; k < to; k++) {
            int s = series[(2 * order[k] + dir) * SERIES + NEW];
            if (s < 0 || !bins.hasData(s)) continue;
            int sub = slots.subflow(order[k]);
            int col = subs.indexOf(sub);
            if (col < 0) {
                subs.add(sub);
                col = subs.size() - 1;
            }
            column.add(col);
        }
        if (subs.isEmpty()) return;
        int nSubs = subs.size();
        int ci = 0;
        for (int k = from; k < to; k++) {
            int s = series[(2 * order[k] + dir) * SERIES + NEW];
            if (s < 0 || !bins.hasData(s)) continue;
            int col = column.get(ci++);
            for (int q = 0, n = bins.nonEmptyBins(s); q < n; q++) {
                long win = bins.binAt(s, q) / wb;
                windows.computeIfAbsent(win, x -> new long[nSubs])[col] += bins.bytesAt(s, q);
            }
        }
        long w = bins.binWidthNanos();
        double windowS = wb * w / 1e9;
        for (var e : windows.entrySet()) {
            long total = 0;
            for (long v : e.getValue()) total += v;
            if (total == 0) continue;
            double time = DataLevel.seconds(e.getKey() * wb * w);
            for (int col = 0; col < nSubs; col++) {
                long v = e.getValue()[col];
                t.add(capture, (long) c, DataLevel.DIRECTION[dir], time, windowS, (long) subs.get(col), v,
                        100.0 * v / total);
            }
        }
    }
}
