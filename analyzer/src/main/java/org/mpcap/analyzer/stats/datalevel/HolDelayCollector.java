package org.mpcap.analyzer.stats.datalevel;

import java.util.Arrays;
import java.util.List;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.stats.StatsCollector;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Head-of-line blocking delay at the data level: for each data segment that brings new data, the time from its
 * arrival until all data before its DSN has arrived (0 when it arrives in order), per connection and direction:
 * tables {@value #CDF} (the empirical distribution) and {@value #SUMMARY} (percentiles).
 *
 * <p>Measured at the capture point: "arrival" is the time the frame was captured, so the delay is the receiver's
 * exactly when the capture was taken at the receiver; at the sender it is the reordering the scheduler's choice of
 * subflows causes before the network adds its own. A segment whose bytes all arrived before (a retransmission, a
 * reinjection of data already there) is not counted; the first data byte seen starts the sequence. Segments still
 * waiting for a gap at the end of the capture are counted apart ({@code waiting_at_end}). The DSNs are the MPTCP
 * tracker's 64-bit values; when it corrects the upper 32 bits it had guessed from 4-byte values
 * ({@link PacketContext#rebased}), what is kept moves with them.
 *
 * <p>Per connection direction: a few counters, the segments waiting behind a gap (sorted by DSN, at most
 * {@value #PENDING_CAP}; beyond, a segment is counted in {@code not_tracked}), and the non-zero delays: kept
 * exactly up to {@value #EXACT_CAP} of them, then in a log-linear histogram (32 sub-buckets per power of two:
 * percentiles within 1/32 of the value, {@code quantiles_exact} false). Allocated on first use; nothing is
 * allocated per packet otherwise.
 */
public final class HolDelayCollector implements StatsCollector {
    public static final String CDF = "hol-delay";
    public static final String SUMMARY = "hol-delay-summary";
    static final int EXACT_CAP = 512;
    static final int PENDING_CAP = 16_384;

    private Receiver[] receivers = new Receiver[0]; // [2 × connection + dir]

    @Override
    public void onPacket(PacketContext p) {
        if (p.status != DecodeStatus.TCP || p.tcpStream < 0 || p.connection < 0 || p.dataDirection < 0) return;
        if (p.rebased != 0) rebase(p);
        if (!p.hasDsn) return;
        int len = p.decoder.tcp().payloadLength();
        if (len <= 0) return;
        int cd = 2 * p.connection + p.dataDirection;
        if (cd >= receivers.length) receivers = Arrays.copyOf(receivers, Math.max(cd + 2, receivers.length * 2));
        Receiver r = receivers[cd];
        if (r == null) r = receivers[cd] = new Receiver();
        r.onSegment(p.dsn, len, p.relativeNanos);
    }

    /** The rare packet after which the DSNs seen so far are off by {@link PacketContext#rebaseDelta}. */
    private void rebase(PacketContext p) {
        for (int dir = 0; dir < 2; dir++) {
            int cd = 2 * p.connection + dir;
            if ((p.rebased & (1 << dir)) != 0 && cd < receivers.length && receivers[cd] != null) {
                receivers[cd].rebase(p.rebaseDelta[dir]);
            }
        }
    }

    /** One direction's receiver, as seen at the capture point. */
    static final class Receiver {
        private boolean started;
        /** Next DSN expected: all data below it has arrived. */
        private long next;
        /** Segments waiting behind a gap, at [head, head + count), ascending start: start, end, arrival time. */
        private long[] ps, pe, pt;
        private int head, count;
        long segments, zeros, sumNanos, maxNanos, notTracked;
        private long[] exact;
        private int exactCount;
        private long[] histogram;
        private boolean sorted;

        /** The DSNs given so far were {@code delta} off (guessed upper 32 bits): move what is kept. */
        void rebase(long delta) {
            next += delta;
            for (int i = head; i < head + count; i++) {
                ps[i] += delta;
                pe[i] += delta;
            }
        }

        void onSegment(long dsn, int len, long nanos) {
            long end = dsn + len;
            if (!started) {
                started = true;
                next = dsn;
            }
            if (end - next <= 0) return; // nothing new: every byte arrived before
            if (dsn - next <= 0) {
                record(0);
                next = end;
                if (count > 0) release(nanos);
            } else {
                waitBehindGap(dsn, end, nanos);
            }
        }

        /** The gap before the waiting segments closed up to {@link #next}: release those now in order. */
        private void release(long nanos) {
            while (count > 0 && ps[head] - next <= 0) {
                if (pe[head] - next > 0) next = pe[head];
                record(nanos - pt[head]);
                head++;
                count--;
            }
            if (count == 0) head = 0;
        }

        private void waitBehindGap(long s, long e, long nanos) {
            if (ps == null) {
                ps = new long[16];
                pe = new long[16];
                pt = new long[16];
            }
            int end = head + count;
            // position: after the last waiting segment starting at or before s (segments mostly come in order)
            int pos = end;
            if (count > 0 && ps[end - 1] - s > 0) {
                int lo = head, hi = end;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (ps[mid] - s <= 0) lo = mid + 1;
                    else hi = mid;
                }
                pos = lo;
            }
            if (pos > head && ps[pos - 1] == s && pe[pos - 1] - e >= 0) return; // already waiting: a duplicate
            if (count == PENDING_CAP) {
                notTracked++;
                return;
            }
            if (end == ps.length) {
                if (head > 0) { // move the window to the front
                    System.arraycopy(ps, head, ps, 0, count);
                    System.arraycopy(pe, head, pe, 0, count);
                    System.arraycopy(pt, head, pt, 0, count);
                    pos -= head;
                    head = 0;
                    end = count;
                } else {
                    int n = Math.min(PENDING_CAP, ps.length * 2);
                    ps = Arrays.copyOf(ps, n);
                    pe = Arrays.copyOf(pe, n);
                    pt = Arrays.copyOf(pt, n);
                }
            }
            System.arraycopy(ps, pos, ps, pos + 1, end - pos);
            System.arraycopy(pe, pos, pe, pos + 1, end - pos);
            System.arraycopy(pt, pos, pt, pos + 1, end - pos);
            ps[pos] = s;
            pe[pos] = e;
            pt[pos] = nanos;
            count++;
        }

        private void record(long delay) {
            segments++;
            if (delay <= 0) {
                zeros++;
                return;
            }
            sumNanos += delay;
            if (delay > maxNanos) maxNanos = delay;
            if (histogram != null) {
                histogram[bucket(delay)]++;
                return;
            }
            if (exact == null) exact = new long[8];
            if (exactCount == exact.length) {
                if (exactCount == EXACT_CAP) {
                    histogram = new long[BUCKETS];
                    for (int i = 0; i < exactCount; i++) histogram[bucket(exact[i])]++;
                    histogram[bucket(delay)]++;
                    exact = null;
                    return;
                }
                exact = Arrays.copyOf(exact, exact.length * 2);
            }
            exact[exactCount++] = delay;
            sorted = false;
        }

        long delayed() { return segments - zeros; }

        int waiting() { return count; }

        boolean exact() { return histogram == null; }

        /** Nearest-rank quantile {@code q} (0 < q ≤ 1) of all counted segments' delays, nanoseconds. */
        long quantile(double q) {
            long rank = Math.max(1, (long) Math.ceil(q * segments));
            if (rank <= zeros) return 0;
            long k = rank - zeros; // among the delayed ones, 1-based
            if (histogram == null) {
                sortExact();
                return exact[(int) k - 1];
            }
            long seen = 0;
            for (int b = 0; b < BUCKETS; b++) {
                seen += histogram[b];
                if (seen >= k) return Math.min(maxNanos, upper(b));
            }
            return maxNanos;
        }

        private void sortExact() {
            if (!sorted && exact != null) {
                Arrays.sort(exact, 0, exactCount);
                sorted = true;
            }
        }

        /** Points of the empirical CDF: {delay nanos, segments with a delay ≤ it}, ascending. */
        long[][] cdf() {
            int n = 0;
            long[] x = new long[(histogram == null ? exactCount : BUCKETS) + 1];
            long[] y = new long[x.length];
            long cum = zeros;
            if (zeros > 0) {
                x[n] = 0;
                y[n++] = zeros;
            }
            if (histogram == null) {
                sortExact();
                for (int i = 0; i < exactCount; i++) {
                    cum++;
                    if (i + 1 < exactCount && exact[i + 1] == exact[i]) continue;
                    x[n] = exact[i];
                    y[n++] = cum;
                }
            } else {
                for (int b = 0; b < BUCKETS; b++) {
                    if (histogram[b] == 0) continue;
                    cum += histogram[b];
                    x[n] = Math.min(maxNanos, upper(b));
                    y[n++] = cum;
                }
            }
            return new long[][] {Arrays.copyOf(x, n), Arrays.copyOf(y, n)};
        }
    }

    // Log-linear buckets: values below 2^SUB_BITS exactly, then 2^SUB_BITS sub-buckets per power of two.
    static final int SUB_BITS = 5, SUB = 1 << SUB_BITS;
    static final int BUCKETS = (65 - SUB_BITS) * SUB;

    static int bucket(long v) {
        if (v < SUB) return (int) v;
        int e = 63 - Long.numberOfLeadingZeros(v);
        return (e - SUB_BITS + 1) * SUB + (int) ((v >>> (e - SUB_BITS)) & (SUB - 1));
    }

    /** The largest value in bucket {@code b}. */
    static long upper(int b) {
        if (b < SUB) return b;
        int k = b / SUB, sub = b % SUB;
        int e = k + SUB_BITS - 1;
        long lower = (long) (SUB + sub) << (e - SUB_BITS);
        return lower + (1L << (e - SUB_BITS)) - 1;
    }

    /** Columns of {@value #CDF} (a contract). */
    public static DataTable cdfTable() {
        return new DataTable(CDF, "Head-of-line blocking delay distribution per connection and direction", List.of(
                Column.text("capture", "capture file name"),
                Column.integer("connection", "", "MPTCP connection index"),
                Column.text("direction", "c2s | s2c: the direction of the data"),
                Column.decimal("delay_ms", 3, "ms", "a delay (a histogram bucket's upper end when quantiles_exact "
                        + "is false in hol-delay-summary)"),
                Column.decimal("fraction", 6, "", "fraction of the counted segments with a delay <= delay_ms")));
    }

    /** Columns of {@value #SUMMARY} (a contract). */
    public static DataTable summaryTable() {
        return new DataTable(SUMMARY, "Head-of-line blocking delay per connection and direction (measured at the "
                + "capture point)", List.of(
                Column.text("capture", "capture file name"),
                Column.integer("connection", "", "MPTCP connection index"),
                Column.text("direction", "c2s | s2c: the direction of the data"),
                Column.integer("segments", "", "data segments that brought new data (counted)"),
                Column.integer("in_order", "", "of them arrived when all data before them had arrived (delay 0)"),
                Column.integer("delayed", "", "of them waited for earlier data"),
                Column.decimal("delayed_percent", 2, "%", "delayed × 100 / segments"),
                Column.decimal("mean_ms", 3, "ms", "mean delay over all counted segments"),
                Column.decimal("p50_ms", 3, "ms", "median (nearest rank)"),
                Column.decimal("p90_ms", 3, "ms", "90th percentile"),
                Column.decimal("p99_ms", 3, "ms", "99th percentile"),
                Column.decimal("max_ms", 3, "ms", "largest delay"),
                Column.integer("waiting_at_end", "", "segments still waiting for a gap when the capture ended "
                        + "(not counted)"),
                Column.integer("not_tracked", "", "segments beyond " + PENDING_CAP + " waiting at once (not counted)"),
                Column.bool("quantiles_exact", "false: more than " + EXACT_CAP + " delayed segments, percentiles "
                        + "from a histogram (within 1/32 of the value; max exact)")));
    }

    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) {
        DataTable cdf = cdfTable(), summary = summaryTable();
        for (int cd = 0; cd < receivers.length; cd++) {
            Receiver r = receivers[cd];
            if (r == null || (r.segments == 0 && r.waiting() == 0)) continue;
            long c = cd >> 1;
            String dir = DataLevel.DIRECTION[cd & 1];
            boolean any = r.segments > 0;
            summary.add(capture, c, dir, r.segments, r.zeros, r.delayed(),
                    any ? 100.0 * r.delayed() / r.segments : null,
                    any ? DataLevel.millis(Math.round((double) r.sumNanos / r.segments)) : null,
                    any ? DataLevel.millis(r.quantile(0.5)) : null, any ? DataLevel.millis(r.quantile(0.9)) : null,
                    any ? DataLevel.millis(r.quantile(0.99)) : null, any ? DataLevel.millis(r.maxNanos) : null,
                    (long) r.waiting(), r.notTracked, r.exact());
            if (!any) continue;
            long[][] pts = r.cdf();
            for (int i = 0; i < pts[0].length; i++) {
                cdf.add(capture, c, dir, DataLevel.millis(pts[0][i]), (double) pts[1][i] / r.segments);
            }
        }
        return List.of(cdf, summary);
    }
}
