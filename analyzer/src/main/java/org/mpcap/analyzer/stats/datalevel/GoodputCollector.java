package org.mpcap.analyzer.stats.datalevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.stats.BinnedSeries;
import org.mpcap.analyzer.stats.IntOrder;
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
        DataTable totalsT = totalsTable(), overTime = overTimeTable(w / 1e9), share = shareTable(wb * w / 1e9);
        Rows rows = new Rows(capture, bins, slots, totals, series, wb);
        return List.of(
                DataTable.generated(TOTALS, totalsT.title(), totalsT.columns(), rows.totalsRows(), rows::totalsRow),
                DataTable.generated(OVER_TIME, overTime.title(), overTime.columns(), rows.overTimeRows(),
                        rows::overTimeRow),
                DataTable.generated(SHARE, share.title(), share.columns(), rows.shareRows(), rows::shareRow));
    }

    /**
     * The three tables' rows, made on access from the collector's primitive state: the per-slot totals, the bin series
     * and, per connection direction with payload (a "group"), its connection-level series (a subflow's own series when
     * it is the only one with that metric, else their sum on the same grid). Per row only its coordinates are kept
     * (8 bytes; a scheduler-share row: its 28 bytes of values); the values of a bin come from the series
     * ({@link BinnedSeries#inBin}). Rows and their order are those of the tables built row by row before.
     */
    private static final class Rows {
        private final String capture;
        private final BinnedSeries bins;
        private final StreamSlots slots;
        private final long[] totals;
        private final int[] series;
        /** Slots by connection, subflow, tcp.stream. */
        private final int[] order;
        // per group (connection × direction with payload): its slots order[from, to), its connection-level series
        private int groups;
        private int[] gConnection = new int[16], gDir = new int[16], gFrom = new int[16], gTo = new int[16];
        private int[] gSeries = new int[16 * SERIES];
        // goodput rows: group and slot index k in order (-1: the connection's row)
        private int totalsRows;
        private int[] tGroup = new int[16], tK = new int[16];
        // goodput-over-time rows: group, k (-1: connection level), bin << 1 | 1 for a zero row
        private int overTimeRows;
        private int[] oGroup = new int[16], oK = new int[16], oBin = new int[16];
        // scheduler-share rows: group, window, subflow, new data, window total
        private int shareRows;
        private int[] sGroup = new int[16], sSubflow = new int[16];
        private long[] sWindow = new long[16], sBytes = new long[16], sTotal = new long[16];
        private final int wb;

        Rows(String capture, BinnedSeries bins, StreamSlots slots, long[] totals, int[] series, int wb) {
            this.capture = capture;
            this.bins = bins;
            this.slots = slots;
            this.totals = totals;
            this.series = series;
            this.wb = wb;
            order = IntOrder.sorted(slots.count(), (a, b) -> {
                int c = Integer.compare(slots.connection(a), slots.connection(b));
                if (c == 0) c = Integer.compare(slots.subflow(a), slots.subflow(b));
                if (c == 0) c = Integer.compare(slots.stream(a), slots.stream(b));
                return c;
            });
            for (int i = 0; i < order.length; ) {
                int c = slots.connection(order[i]);
                int j = i;
                while (j < order.length && slots.connection(order[j]) == c) j++;
                for (int dir = 0; dir < 2; dir++) group(c, dir, i, j);
                i = j;
            }
        }

        /** The rows of connection {@code c} in direction {@code dir}; its slots are {@code order[from, to)}. */
        private void group(int c, int dir, int from, int to) {
            long payload = 0;
            for (int k = from; k < to; k++) payload += totals[(2 * order[k] + dir) * TOTAL + PAYLOAD];
            if (payload == 0) return;
            int g = groups++;
            if (g == gConnection.length) {
                int n = g * 2;
                gConnection = Arrays.copyOf(gConnection, n);
                gDir = Arrays.copyOf(gDir, n);
                gFrom = Arrays.copyOf(gFrom, n);
                gTo = Arrays.copyOf(gTo, n);
                gSeries = Arrays.copyOf(gSeries, n * SERIES);
            }
            gConnection[g] = c;
            gDir[g] = dir;
            gFrom[g] = from;
            gTo[g] = to;
            for (int m = 0; m < SERIES; m++) gSeries[g * SERIES + m] = connectionSeries(dir, from, to, m);
            addTotalsRow(g, -1);
            for (int k = from; k < to; k++) {
                if (totals[(2 * order[k] + dir) * TOTAL + PAYLOAD] != 0) addTotalsRow(g, k);
            }
            overTimeRows(g, -1, g * SERIES, gSeries);
            for (int k = from; k < to; k++) overTimeRows(g, k, (2 * order[k] + dir) * SERIES, series);
            shareRows(g, dir, from, to);
        }

        /** The connection-level series of metric m: the one subflow series with data, or a new sum of them, or -1. */
        private int connectionSeries(int dir, int from, int to, int m) {
            int only = -1, with = 0;
            for (int k = from; k < to; k++) {
                int s = series[(2 * order[k] + dir) * SERIES + m];
                if (s < 0) continue;
                only = s;
                with++;
            }
            if (with <= 1) return only;
            int sum = bins.newSeries();
            for (int k = from; k < to; k++) {
                int s = series[(2 * order[k] + dir) * SERIES + m];
                if (s >= 0) bins.addSeries(sum, s);
            }
            return sum;
        }

        private void addTotalsRow(int g, int k) {
            int r = totalsRows++;
            if (r == tGroup.length) {
                tGroup = Arrays.copyOf(tGroup, r * 2);
                tK = Arrays.copyOf(tK, r * 2);
            }
            tGroup[r] = g;
            tK[r] = k;
        }

        /**
         * One row per bin with payload, plus a zero row in the empty bin after a run of bins and one in the empty bin
         * before the next run, so that a line through the rows drops to zero over a quiet stretch (rows stay bounded
         * by the bins with data). {@code ids[at, at + SERIES)} are the series of the rows' entity.
         */
        private void overTimeRows(int g, int k, int at, int[] ids) {
            int payload = ids[at + PAYLOAD];
            if (payload < 0 || !bins.hasData(payload)) return;
            int n = bins.nonEmptyBins(payload);
            int lastRow = Integer.MIN_VALUE;
            for (int q = 0; q < n; q++) {
                int b = bins.binAt(payload, q);
                if (b - 1 > lastRow && b > 0) addOverTimeRow(g, k, b - 1, true);
                addOverTimeRow(g, k, b, false);
                lastRow = b;
                boolean nextAdjacent = q + 1 < n && bins.binAt(payload, q + 1) == b + 1;
                if (!nextAdjacent) {
                    addOverTimeRow(g, k, b + 1, true);
                    lastRow = b + 1;
                }
            }
        }

        private void addOverTimeRow(int g, int k, int bin, boolean zero) {
            int r = overTimeRows++;
            if (r == oGroup.length) {
                oGroup = Arrays.copyOf(oGroup, r * 2);
                oK = Arrays.copyOf(oK, r * 2);
                oBin = Arrays.copyOf(oBin, r * 2);
            }
            oGroup[r] = g;
            oK[r] = k;
            oBin[r] = bin << 1 | (zero ? 1 : 0);
        }

        /**
         * Windows of {@code wb} bins (aligned on multiples of the window): in each window with new data, a row per
         * subflow that sent new data in this connection direction at all (0 in windows where it sent none).
         */
        private void shareRows(int g, int dir, int from, int to) {
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
            for (var e : windows.entrySet()) {
                long total = 0;
                for (long v : e.getValue()) total += v;
                if (total == 0) continue;
                for (int col = 0; col < nSubs; col++) {
                    int r = shareRows++;
                    if (r == sGroup.length) {
                        int n = r * 2;
                        sGroup = Arrays.copyOf(sGroup, n);
                        sSubflow = Arrays.copyOf(sSubflow, n);
                        sWindow = Arrays.copyOf(sWindow, n);
                        sBytes = Arrays.copyOf(sBytes, n);
                        sTotal = Arrays.copyOf(sTotal, n);
                    }
                    sGroup[r] = g;
                    sSubflow[r] = subs.get(col);
                    sWindow[r] = e.getKey();
                    sBytes[r] = e.getValue()[col];
                    sTotal[r] = total;
                }
            }
        }

        int totalsRows() { return totalsRows; }

        int overTimeRows() { return overTimeRows; }

        int shareRows() { return shareRows; }

        Object[] totalsRow(int r) {
            int g = tGroup[r], k = tK[r], dir = gDir[g];
            long[] v = new long[TOTAL];
            if (k < 0) {
                for (int q = gFrom[g]; q < gTo[g]; q++) {
                    int sd = 2 * order[q] + dir;
                    for (int m = 0; m < TOTAL; m++) v[m] += totals[sd * TOTAL + m];
                }
            } else {
                System.arraycopy(totals, (2 * order[k] + dir) * TOTAL, v, 0, TOTAL);
            }
            Long subflow = k < 0 ? null : (long) slots.subflow(order[k]);
            Long stream = k < 0 ? null : (long) slots.stream(order[k]);
            return new Object[] {capture, (long) gConnection[g], subflow, DataLevel.DIRECTION[dir],
                    k < 0 ? "connection" : "subflow", v[PAYLOAD], v[NEW], v[REINJECTED], v[RETRANSMITTED],
                    v[UNMAPPED], v[PAYLOAD] == 0 ? null : 100.0 * v[NEW] / v[PAYLOAD], stream};
        }

        Object[] overTimeRow(int r) {
            int g = oGroup[r], k = oK[r], dir = gDir[g];
            int b = oBin[r] >> 1;
            boolean zero = (oBin[r] & 1) != 0;
            long w = bins.binWidthNanos();
            double binS = w / 1e9;
            Long subflow = k < 0 ? null : (long) slots.subflow(order[k]);
            String level = k < 0 ? "connection" : "subflow";
            if (zero) {
                return new Object[] {capture, (long) gConnection[g], subflow, DataLevel.DIRECTION[dir], level,
                        DataLevel.seconds(b * w), binS, 0L, 0L, 0L, 0L, 0.0, 0.0, 0.0, 0.0};
            }
            int[] ids = k < 0 ? gSeries : series;
            int at = k < 0 ? g * SERIES : (2 * order[k] + dir) * SERIES;
            long[] v = new long[SERIES];
            for (int m = 0; m < SERIES; m++) {
                int s = ids[at + m];
                v[m] = s < 0 ? 0 : bins.inBin(s, b);
            }
            return new Object[] {capture, (long) gConnection[g], subflow, DataLevel.DIRECTION[dir], level,
                    DataLevel.seconds(b * w), binS, v[PAYLOAD], v[NEW], v[REINJECTED], v[RETRANSMITTED],
                    v[PAYLOAD] * 8 / binS, v[NEW] * 8 / binS, v[REINJECTED] * 8 / binS, v[RETRANSMITTED] * 8 / binS};
        }

        Object[] shareRow(int r) {
            int g = sGroup[r];
            long w = bins.binWidthNanos();
            double windowS = wb * w / 1e9;
            double time = DataLevel.seconds(sWindow[r] * wb * w);
            return new Object[] {capture, (long) gConnection[g], DataLevel.DIRECTION[gDir[g]], time, windowS,
                    (long) sSubflow[r], sBytes[r], 100.0 * sBytes[r] / sTotal[r]};
        }
    }
}
