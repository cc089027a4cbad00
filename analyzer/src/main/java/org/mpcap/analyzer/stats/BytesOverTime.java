package org.mpcap.analyzer.stats;

import static org.mpcap.analyzer.stats.FlowColumns.boxOrNull;
import static org.mpcap.analyzer.stats.FlowColumns.capacity;
import static org.mpcap.analyzer.stats.FlowColumns.grow;
import static org.mpcap.analyzer.stats.FlowColumns.seconds;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Bytes over time, tables {@code cumulative} and {@code throughput}: per connection and direction one byte series
 * per subflow, per client interface, for the whole connection (TCP payload, retransmissions included) and for the
 * new data at the MPTCP level (from DSS mappings), on one shared grid of bins ({@link BinnedSeries}). Per packet a
 * subflow's series gets the payload; the interface and connection series are summed from the subflow series once,
 * before the tables.
 *
 * <p>The tables' rows are made on access from the series' non-empty bins, frozen once into primitive columns (bin
 * and running byte count per non-empty bin, 12 bytes; 4 bytes per row): a million connections do not need a million
 * times twenty row arrays.
 */
final class BytesOverTime {
    private final long windowNanos;
    private final BinnedSeries bins;
    private long lastNanos;

    // ---- series ids: per subflow direction, per connection direction; -1 = none yet
    private int[] sSeries = new int[0], sIfaceSeries = new int[0]; // [2*stream+dir]
    private int[] cSeries = new int[0], cDataSeries = new int[0]; // [2*conn+dir]
    private final Map<Long, Integer> ifaceSeriesByKey = new HashMap<>(); // made once per interface series

    // ---- per series
    private int[] serLevel = new int[16], serConn = new int[16], serSub = new int[16], serIface = new int[16],
            serDir = new int[16];

    private Frozen frozen;

    /**
     * @param binNanos    bin width; 0 means {@link FlowStats#FULL_RESOLUTION_BIN_NANOS}
     * @param windowNanos the throughput's moving window
     * @param maxBins     most bins of the grid before the width doubles
     */
    BytesOverTime(long binNanos, long windowNanos, int maxBins) {
        this.bins = new BinnedSeries(binNanos == 0 ? FlowStats.FULL_RESOLUTION_BIN_NANOS : binNanos, maxBins);
        this.windowNanos = windowNanos;
    }

    /** A segment at {@code nanos}: the throughput of every series runs until the capture's last packet. */
    void onTime(long nanos) {
        if (nanos > lastNanos) lastNanos = nanos;
    }

    /** Payload of linked {@code stream} in connection direction {@code dir} of connection {@code c}. */
    void onPayload(int stream, int dir, int c, long nanos, int payload, FlowStreams streams) {
        int sd = 2 * stream + dir;
        if (sd >= sSeries.length) {
            int n = capacity(sd + 2, sSeries.length, 32);
            sSeries = grow(sSeries, n, -1);
            sIfaceSeries = grow(sIfaceSeries, n, -1);
        }
        int s = sSeries[sd];
        if (s < 0) s = newSubflowSeries(sd, c, streams.subflow(stream), streams.iface(stream), dir);
        bins.add(s, nanos, payload); // the interface and connection sums are added up at the end
    }

    /** {@code bytes} of new data at the MPTCP level in direction {@code dir} of connection {@code c}. */
    void onNewData(int c, int dir, long nanos, long bytes) {
        int cs = 2 * c + dir;
        if (cs >= cDataSeries.length) growConnections(cs);
        int k = cDataSeries[cs];
        if (k < 0) k = cDataSeries[cs] = newSeries(FlowStats.LEVEL_DATA, c, -1, -1, dir);
        bins.add(k, nanos, bytes);
    }

    private void growConnections(int cs) {
        int n = capacity(cs + 2, cSeries.length, 8);
        cSeries = grow(cSeries, n, -1);
        cDataSeries = grow(cDataSeries, n, -1);
    }

    /**
     * The series of a subflow direction, created with the interface and connection series it adds up to (in that
     * order: series ids, and so the order of rows that tie, are those of the first payload of each).
     */
    private int newSubflowSeries(int sd, int c, int subflow, int iface, int dir) {
        int s = sSeries[sd] = newSeries(FlowStats.LEVEL_SUBFLOW, c, subflow, iface, dir);
        if (sIfaceSeries[sd] < 0) sIfaceSeries[sd] = ifaceSeries(c, iface, dir);
        int cs = 2 * c + dir;
        if (cs >= cSeries.length) growConnections(cs);
        if (cSeries[cs] < 0) cSeries[cs] = newSeries(FlowStats.LEVEL_CONNECTION, c, -1, -1, dir);
        return s;
    }

    private int ifaceSeries(int connection, int iface, int dir) {
        long key = ((long) connection << 32) | ((long) iface << 1) | dir;
        Integer s = ifaceSeriesByKey.get(key);
        if (s == null) {
            s = newSeries(FlowStats.LEVEL_INTERFACE, connection, -1, iface, dir);
            ifaceSeriesByKey.put(key, s);
        }
        return s;
    }

    private int newSeries(int level, int connection, int subflow, int iface, int dir) {
        int s = bins.newSeries();
        if (s >= serLevel.length) {
            int n = serLevel.length * 2;
            serLevel = Arrays.copyOf(serLevel, n);
            serConn = Arrays.copyOf(serConn, n);
            serSub = Arrays.copyOf(serSub, n);
            serIface = Arrays.copyOf(serIface, n);
            serDir = Arrays.copyOf(serDir, n);
        }
        serLevel[s] = level;
        serConn[s] = connection;
        serSub[s] = subflow;
        serIface[s] = iface;
        serDir[s] = dir;
        return s;
    }

    // =============================================================== tables

    /**
     * Adds each subflow series into its interface and connection series and freezes every series with data, in
     * table order (connection, level, subflow, client address, direction), once: later segments are not counted.
     */
    private Frozen freeze(FlowStreams streams) {
        if (frozen != null) return frozen;
        for (int s = 0, n = bins.seriesCount(); s < n; s++) {
            if (serLevel[s] != FlowStats.LEVEL_SUBFLOW) continue;
            bins.addSeries(ifaceSeries(serConn[s], serIface[s], serDir[s]), s);
            bins.addSeries(cSeries[2 * serConn[s] + serDir[s]], s);
        }
        String[] addr = new String[streams.interfaces()];
        for (int i = 0; i < addr.length; i++) addr[i] = streams.interfaceAddress(i);
        int[] addrRank = textRanks(addr);
        int m = 0;
        for (int s = 0, n = bins.seriesCount(); s < n; s++) if (bins.hasData(s)) m++;
        int[] ids = new int[m];
        for (int s = 0, n = bins.seriesCount(), k = 0; s < n; s++) if (bins.hasData(s)) ids[k++] = s;
        int[] order = FlowColumns.sortedIndices(m, (x, y) -> {
            int a = ids[x], b = ids[y];
            int r = Integer.compare(serConn[a], serConn[b]);
            if (r == 0) r = Integer.compare(serLevel[a], serLevel[b]);
            if (r == 0) r = Integer.compare(serSub[a], serSub[b]);
            if (r == 0) r = Integer.compare(rank(addrRank, serIface[a]), rank(addrRank, serIface[b]));
            if (r == 0) r = Integer.compare(serDir[a], serDir[b]);
            return r;
        });
        int[] conn = new int[m], sub = new int[m], iface = new int[m], first = new int[m + 1];
        byte[] levelDir = new byte[m];
        long total = 0;
        for (int i = 0; i < m; i++) total += bins.nonEmptyBins(ids[order[i]]);
        int[] bin = new int[Math.toIntExact(total)];
        long[] cum = new long[bin.length];
        for (int i = 0, p = 0; i < m; i++) {
            int s = ids[order[i]];
            conn[i] = serConn[s];
            sub[i] = serSub[s];
            iface[i] = serIface[s];
            levelDir[i] = (byte) (serLevel[s] << 1 | serDir[s]);
            first[i] = p;
            long c = 0;
            for (int k = 0, n = bins.nonEmptyBins(s); k < n; k++, p++) {
                bin[p] = bins.binAt(s, k);
                cum[p] = c += bins.bytesAt(s, k);
            }
            first[i + 1] = p;
        }
        long w = bins.binWidthNanos();
        int lastCaptureBin = (int) Math.max(bins.lastBin(), Math.min(Integer.MAX_VALUE, lastNanos / w));
        frozen = new Frozen(m, conn, sub, iface, levelDir, addr, first, bin, cum, w, lastCaptureBin);
        return frozen;
    }

    private static int rank(int[] ranks, int iface) {
        return iface < 0 ? -1 : ranks[iface];
    }

    /** Rank of each text in ascending order, equal texts equal ranks. */
    private static int[] textRanks(String[] texts) {
        int[] order = FlowColumns.sortedIndices(texts.length, (a, b) -> texts[a].compareTo(texts[b]));
        int[] rank = new int[texts.length];
        for (int i = 0, r = -1; i < order.length; i++) {
            if (i == 0 || !texts[order[i]].equals(texts[order[i - 1]])) r++;
            rank[order[i]] = r;
        }
        return rank;
    }

    /** The series with data in table order and their non-empty bins: what both tables' rows are made from. */
    private static final class Frozen {
        final int count;
        /** Per series: connection, subflow (-1 unless level subflow), client interface (-1: none). */
        final int[] conn, sub, iface;
        /** Per series: level << 1 | direction. */
        final byte[] levelDir;
        /** Per client interface: its address. */
        final String[] addr;
        /** Series {@code s}'s non-empty bins are {@code first[s] .. first[s + 1] - 1} in {@code bin}, {@code cum}. */
        final int[] first, bin;
        /** Per non-empty bin: the series' bytes up to and including it. */
        final long[] cum;
        final long width;
        /** The bin of the capture's last packet: the throughput runs until then. */
        final int lastCaptureBin;

        Frozen(int count, int[] conn, int[] sub, int[] iface, byte[] levelDir, String[] addr, int[] first, int[] bin,
               long[] cum, long width, int lastCaptureBin) {
            this.count = count;
            this.conn = conn;
            this.sub = sub;
            this.iface = iface;
            this.levelDir = levelDir;
            this.addr = addr;
            this.first = first;
            this.bin = bin;
            this.cum = cum;
            this.width = width;
            this.lastCaptureBin = lastCaptureBin;
        }

        String level(int s) { return FlowStats.LEVEL[levelDir[s] >> 1]; }

        String direction(int s) { return FlowStats.DIRECTION[levelDir[s] & 1]; }

        String address(int s) { return iface[s] < 0 ? null : addr[iface[s]]; }

        /** True if series {@code s} was idle for a bin or more before its non-empty bin at {@code p}. */
        boolean idleBefore(int s, int p) {
            return p > first[s] && bin[p] - 1 > bin[p - 1];
        }

        /** Bytes in the non-empty bin at {@code p} of series {@code s}. */
        long bytes(int s, int p) {
            return p > first[s] ? cum[p] - cum[p - 1] : cum[p];
        }

        /** Bytes of series {@code s} up to and including bin {@code b}. */
        long upTo(int s, int b) {
            int lo = first[s], hi = first[s + 1] - 1, at = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (bin[mid] <= b) {
                    at = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return at < 0 ? 0 : cum[at];
        }
    }

    private static String binNote(long width) {
        return "bins of " + FlowStats.plainSeconds(width) + " s";
    }

    DataTable cumulative(String capture, FlowStreams streams) {
        Frozen f = freeze(streams);
        // One row per non-empty bin, and one holding the value at the end of an idle stretch (the bin before the
        // next non-empty one), so a line through the rows is the step function it was with a row per bin, while
        // the rows stay bounded by the bins that carried data, not by the capture's length. A row is the index of
        // its non-empty bin p, or ~p for the idle row before p.
        int[] start = new int[f.count + 1];
        int rows = 0;
        for (int s = 0; s < f.count; s++) {
            start[s] = rows;
            for (int p = f.first[s]; p < f.first[s + 1]; p++) rows += f.idleBefore(s, p) ? 2 : 1;
        }
        start[f.count] = rows;
        int[] cell = new int[rows];
        for (int s = 0, r = 0; s < f.count; s++) {
            for (int p = f.first[s]; p < f.first[s + 1]; p++) {
                if (f.idleBefore(s, p)) cell[r++] = ~p;
                cell[r++] = p;
            }
        }
        long w = f.width;
        FlowColumns.Groups series = new FlowColumns.Groups(start, f.count, rows);
        return DataTable.generated("cumulative", "Cumulative payload bytes over time (" + binNote(w) + ")",
                CUMULATIVE_COLUMNS, rows, i -> {
                    int s = series.of(i);
                    int c = cell[i];
                    boolean idle = c < 0;
                    int p = idle ? ~c : c;
                    double time = idle ? seconds((long) f.bin[p] * w) : seconds((f.bin[p] + 1L) * w);
                    return new Object[] {capture, (long) f.conn[s], boxOrNull(f.sub[s]), f.address(s), time,
                            idle ? f.cum[p - 1] : f.cum[p], f.level(s), f.direction(s)};
                });
    }

    private static final List<Column> CUMULATIVE_COLUMNS = List.of(Column.text("capture", "capture file name"),
            Column.integer("connection", "", "MPTCP connection index (0-based, order of appearance)"),
            Column.integer("subflow", "", "subflow index (0 = initial subflow); empty unless level is subflow"),
            Column.text("client_addr", "client-side address of the subflow(s); empty for levels connection and data"),
            Column.seconds("time", "end of the bin, relative to the capture's first packet"),
            Column.integer("bytes", "B", "payload bytes sent up to the end of the bin"),
            Column.text("level", "subflow: one subflow's TCP payload; interface: all subflows of the connection "
                    + "through that client address; connection: all subflows' payload (retransmissions included); "
                    + "data: new data-sequence bytes (first transmissions at the MPTCP level, from DSS mappings)"),
            Column.text("direction", "c2s = from the subflow's client (SYN sender) to its server, s2c = reverse"));

    DataTable throughput(String capture, FlowStreams streams) {
        Frozen f = freeze(streams);
        long w = f.width;
        int wb = bins.windowBins(windowNanos);
        double windowSeconds = wb * (double) w / 1e9;
        // The window (b - wb, b] slides over the non-empty bins (enter: k, leave: j). Every bin where the window
        // holds data gets a row; an idle stretch gets one zero row where the window has drained and one just before
        // the next data, so the rows stay bounded by the data (a two-hour quiet capture does not produce a row per
        // bin per series) and a line through them is unchanged. The rows of a series are runs of consecutive bins
        // (a short connection's series is one run of about a window's bins); a row's value is the window's sum.
        Runs runs = new Runs(f.count);
        for (int s = 0; s < f.count; s++) {
            runs.series(s);
            int from = f.first[s], n = f.first[s + 1];
            int end = (int) Math.min((long) f.bin[n - 1] + wb, f.lastCaptureBin);
            long sum = 0;
            int k = from, j = from;
            for (int b = f.bin[from]; b <= end; b++) {
                while (k < n && f.bin[k] <= b) sum += f.bytes(s, k++);
                while (j < k && f.bin[j] <= b - wb) sum -= f.bytes(s, j++);
                runs.row(b);
                if (sum == 0) {
                    if (k >= n) {
                        if (b < end) runs.row(end);
                        break;
                    }
                    int next = f.bin[k];
                    if (next - 1 > b) {
                        b = next - 1;
                        runs.row(b);
                    }
                }
            }
        }
        runs.trim();
        FlowColumns.Groups runOf = new FlowColumns.Groups(runs.firstRow, runs.count, runs.rows);
        FlowColumns.Groups seriesOf = new FlowColumns.Groups(runs.seriesFirstRun, f.count, runs.count);
        return DataTable.generated("throughput", "Throughput, moving window of "
                + FlowStats.plainSeconds((long) wb * w) + " s (" + binNote(w) + ")", THROUGHPUT_COLUMNS, runs.rows,
                i -> {
                    int r = runOf.of(i);
                    int s = seriesOf.of(r);
                    int b = runs.firstBin[r] + (i - runs.firstRow[r]);
                    long sum = f.upTo(s, b) - f.upTo(s, b - wb);
                    return new Object[] {capture, (long) f.conn[s], boxOrNull(f.sub[s]), seconds((b + 1L) * w),
                            sum * 8 / windowSeconds, f.level(s), f.direction(s), f.address(s)};
                });
    }

    /** Rows of the throughput table as runs of consecutive bins: 8 bytes a run, not 4 a row. */
    private static final class Runs {
        final int[] seriesFirstRun; // [series]: its first run
        int[] firstRow = new int[16], firstBin = new int[16]; // [run]
        int count, rows;
        private int lastBin = -2; // bins are >= 0: a series' first row starts a run

        Runs(int series) {
            seriesFirstRun = new int[series];
        }

        /** The rows that follow are series {@code s}'s. */
        void series(int s) {
            seriesFirstRun[s] = count;
            lastBin = -2;
        }

        /** The next row, at bin {@code b} (ascending within a series). */
        void row(int b) {
            if (b != lastBin + 1) {
                if (count == firstRow.length) {
                    firstRow = Arrays.copyOf(firstRow, count * 2);
                    firstBin = Arrays.copyOf(firstBin, count * 2);
                }
                firstRow[count] = rows;
                firstBin[count++] = b;
            }
            lastBin = b;
            rows++;
        }

        void trim() {
            firstRow = Arrays.copyOf(firstRow, count);
            firstBin = Arrays.copyOf(firstBin, count);
        }
    }

    private static final List<Column> THROUGHPUT_COLUMNS = List.of(Column.text("capture", "capture file name"),
            Column.integer("connection", "", "MPTCP connection index"),
            Column.integer("subflow", "", "subflow index (0 = initial); empty unless level is subflow"),
            Column.seconds("time", "end of the bin at which the window ends"),
            Column.decimal("bits_per_s", 1, "bit/s", "payload bits in the window ending at time, divided by the "
                    + "window length (also at the start, as Wireshark)"),
            Column.text("level", "subflow | interface | connection | data, as in table cumulative"),
            Column.text("direction", "c2s | s2c"),
            Column.text("client_addr", "client-side address; set for levels subflow and interface"));
}
