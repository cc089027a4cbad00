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
 * reinjection of data already there) is not counted. Segments still waiting for a gap at the end of the capture are
 * counted apart ({@code waiting_at_end}).
 *
 * <p><b>Where the sequence starts</b> (column {@code start}):
 * <ul>
 * <li>{@code idsn}: the sender's key was captured, so the first data byte is IDSN + 1 (RFC 8684 §3.1, §3.3.1) and a
 * first segment that overtook the ones before it waits for them like any other.</li>
 * <li>{@code data_ack}: no key (the capture started after the handshake). The start is the lowest DSN seen until the
 * receiver's data ACK (RFC 8684 §3.3.2) passes it: while the first segments are outstanding, a later one carrying
 * earlier data moves the start back. The segments and data ACKs seen until then are kept in arrival order and
 * judged from the start once it is settled; the data ACKs among them count (the receiver had every byte below
 * them: what waits below one is released at it, data below one that comes later is a resend), so data sent before
 * the capture started, and not seen, does not hold up what follows it.</li>
 * <li>{@code lowest_seen}: no key and no data ACK passing the data seen within the first {@value #PENDING_CAP}
 * segments (or before the capture ended): the lowest DSN among them. Data before it may be missing.</li>
 * </ul>
 * Once the start is settled, data ACKs are not used: frames are taken in file order, and a file whose frames are not
 * in time order (several interfaces written in blocks) shows data after the data ACK that covers it. So data the
 * capture missed (dropped frames, a subflow on an interface not captured) holds up what follows it to the end
 * ({@code waiting_at_end}).
 *
 * <p>The DSNs and data ACKs are the MPTCP tracker's 64-bit values; when it corrects the upper 32 bits it had
 * guessed from 4-byte values ({@link PacketContext#rebased}), what is kept moves with them.
 *
 * <p>Per connection direction: a few counters, the segments waiting behind a gap (sorted by DSN, at most
 * {@value #PENDING_CAP}; beyond, a segment is counted in {@code not_tracked}), without a key the segments and data
 * ACKs until the start is settled (at most {@value #PENDING_CAP}), and the non-zero delays: kept exactly up to
 * {@value #EXACT_CAP} of them, then in a log-linear histogram (32 sub-buckets per power of two: percentiles within
 * 1/32 of the value, {@code quantiles_exact} false). Before a direction's first data segment, only its highest data
 * ACK (9 bytes). Allocated on first use; nothing is allocated per packet otherwise.
 */
public final class HolDelayCollector implements StatsCollector {
    public static final String CDF = "hol-delay";
    public static final String SUMMARY = "hol-delay-summary";
    static final int EXACT_CAP = 512;
    static final int PENDING_CAP = 16_384;
    /** Values of column {@code start}, by {@link Receiver#start()}. */
    static final String[] START = {"", "idsn", "data_ack", "lowest_seen"};
    static final byte UNSETTLED = 0, IDSN = 1, DATA_ACK = 2, LOWEST_SEEN = 3;

    private Receiver[] receivers = new Receiver[0]; // [2 × connection + dir]
    /**
     * [2 × connection + dir], before its first data segment: the highest data ACK seen (valid if hasAckBefore), given
     * to the receiver made at that segment (its time does not matter: nothing waits yet).
     */
    private long[] ackBefore = new long[0];
    private boolean[] hasAckBefore = new boolean[0];

    @Override
    public void onPacket(PacketContext p) {
        if (p.status != DecodeStatus.TCP || p.tcpStream < 0 || p.connection < 0 || p.dataDirection < 0) return;
        if (p.rebased != 0) rebase(p);
        if (p.hasDsn) {
            int len = p.decoder.tcp().payloadLength();
            if (len > 0) segment(p, len);
        }
        if (p.hasDataAck) dataAck(2 * p.connection + 1 - p.dataDirection, p.dataAck, p.relativeNanos);
    }

    private void segment(PacketContext p, int len) {
        int cd = 2 * p.connection + p.dataDirection;
        if (cd >= receivers.length) receivers = Arrays.copyOf(receivers, Math.max(cd + 2, receivers.length * 2));
        Receiver r = receivers[cd];
        if (r == null) {
            r = receivers[cd] = new Receiver();
            if (cd < hasAckBefore.length && hasAckBefore[cd]) {
                r.onDataAck(ackBefore[cd], p.relativeNanos);
                hasAckBefore[cd] = false;
            }
        }
        if (p.hasIdsn && r.start() == UNSETTLED) r.settle(p.idsn + 1, IDSN);
        r.onSegment(p.dsn, len, p.relativeNanos);
    }

    private void dataAck(int cd, long ack, long nanos) {
        Receiver r = cd < receivers.length ? receivers[cd] : null;
        if (r != null) {
            r.onDataAck(ack, nanos);
            return;
        }
        if (cd >= hasAckBefore.length) {
            int n = Math.max(cd + 2, Math.max(16, hasAckBefore.length * 2));
            hasAckBefore = Arrays.copyOf(hasAckBefore, n);
            ackBefore = Arrays.copyOf(ackBefore, n);
        }
        if (!hasAckBefore[cd] || ack - ackBefore[cd] > 0) {
            hasAckBefore[cd] = true;
            ackBefore[cd] = ack;
        }
    }

    /** The rare packet after which the DSNs and data ACKs seen so far are off by {@link PacketContext#rebaseDelta}. */
    private void rebase(PacketContext p) {
        for (int dir = 0; dir < 2; dir++) {
            if ((p.rebased & (1 << dir)) == 0) continue;
            int cd = 2 * p.connection + dir;
            long delta = p.rebaseDelta[dir];
            if (cd < receivers.length && receivers[cd] != null) receivers[cd].rebase(delta);
            if (cd < hasAckBefore.length && hasAckBefore[cd]) ackBefore[cd] += delta;
        }
    }

    /** One direction's receiver, as seen at the capture point. */
    static final class Receiver {
        /** How the start was set: {@link #UNSETTLED} until then, {@link #IDSN}, {@link #DATA_ACK}, … */
        private byte start;
        /** Next DSN expected: all data below it has arrived (valid once settled). */
        private long next;
        /** Segments waiting behind a gap, at [head, head + count), ascending start: start, end, arrival time. */
        private long[] ps, pe, pt;
        private int head, count;
        long segments, zeros, sumNanos, maxNanos, notTracked;
        private long[] exact;
        private int exactCount;
        private long[] histogram;
        private boolean sorted;

        // Until settled: what arrived, in arrival order (a data ACK as start == end), to be judged from the start.
        private long[] bs, be, bt;
        private int buffered;
        private boolean hasLowest, hasAck;
        private long lowest, highestAck;

        /** How the start was set ({@link #UNSETTLED} while the first segments are still kept). */
        byte start() { return start; }

        /**
         * The sequence starts at {@code dsn} ({@code how}: {@link #IDSN}, {@link #DATA_ACK}, {@link #LOWEST_SEEN}):
         * what arrived before is judged now, in its order and at its times.
         */
        void settle(long dsn, byte how) {
            start = how;
            next = dsn;
            long[] s = bs, e = be, t = bt;
            int n = buffered;
            bs = be = bt = null;
            buffered = 0;
            for (int i = 0; i < n; i++) {
                if (s[i] == e[i]) keptDataAck(s[i], t[i]);
                else segmentSettled(s[i], e[i], t[i]);
            }
        }

        /** At the end of the capture: a start not settled yet is the lowest DSN seen. */
        void endOfCapture() {
            if (start == UNSETTLED && hasLowest) settle(lowest, LOWEST_SEEN);
        }

        void onSegment(long dsn, int len, long nanos) {
            if (start != UNSETTLED) {
                segmentSettled(dsn, dsn + len, nanos);
                return;
            }
            keep(dsn, dsn + len, nanos);
            if (!hasLowest || dsn - lowest < 0) {
                hasLowest = true;
                lowest = dsn;
            }
            if (hasAck && highestAck - lowest > 0) settle(lowest, DATA_ACK);
            else if (buffered == PENDING_CAP) settle(lowest, LOWEST_SEEN);
        }

        /**
         * A data ACK of this direction (RFC 8684 §3.3.2): the receiver has every byte below {@code ack}. Used only
         * while the start is open.
         */
        void onDataAck(long ack, long nanos) {
            if (start != UNSETTLED) return;
            if (hasAck && ack - highestAck <= 0) return;
            hasAck = true;
            highestAck = ack;
            keep(ack, ack, nanos);
            if (hasLowest && ack - lowest > 0) settle(lowest, DATA_ACK);
            else if (buffered == PENDING_CAP) settle(hasLowest ? lowest : ack, LOWEST_SEEN);
        }

        /** The DSNs given so far were {@code delta} off (guessed upper 32 bits): move what is kept. */
        void rebase(long delta) {
            next += delta;
            for (int i = head; i < head + count; i++) {
                ps[i] += delta;
                pe[i] += delta;
            }
            for (int i = 0; i < buffered; i++) {
                bs[i] += delta;
                be[i] += delta;
            }
            lowest += delta;
            highestAck += delta;
        }

        private void keep(long s, long e, long nanos) {
            if (bs == null) {
                bs = new long[4];
                be = new long[4];
                bt = new long[4];
            } else if (buffered == bs.length) {
                int n = Math.min(PENDING_CAP, bs.length * 2);
                bs = Arrays.copyOf(bs, n);
                be = Arrays.copyOf(be, n);
                bt = Arrays.copyOf(bt, n);
            }
            bs[buffered] = s;
            be[buffered] = e;
            bt[buffered] = nanos;
            buffered++;
        }

        private void segmentSettled(long dsn, long end, long nanos) {
            if (end - next <= 0) return; // nothing new: every byte arrived before
            if (dsn - next <= 0) {
                record(0);
                next = end;
                if (count > 0) release(nanos);
            } else {
                waitBehindGap(dsn, end, nanos);
            }
        }

        /**
         * A data ACK kept while the start was open, judged once it is settled: the data below it had reached the
         * receiver (unseen: sent before the capture started), so what waits below it is released now.
         */
        private void keptDataAck(long ack, long nanos) {
            if (ack - next <= 0) return;
            next = ack;
            if (count > 0) release(nanos);
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
                        + "from a histogram (within 1/32 of the value; max exact)"),
                Column.text("start", "where the data sequence starts: idsn (IDSN + 1, the sender's key was captured) | "
                        + "data_ack (no key: the lowest DSN seen until the receiver's data ACK passed it) | "
                        + "lowest_seen (no key, no such data ACK among the first " + PENDING_CAP
                        + " segments: the lowest DSN among them; earlier data may be missing)")));
    }

    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) {
        Rows rows = new Rows(receivers);
        receivers = new Receiver[0]; // the tables read the columns made from them
        DataTable cdf = cdfTable(), summary = summaryTable();
        return List.of(DataTable.generated(CDF, cdf.title(), cdf.columns(), rows.points(), i -> rows.cdfRow(capture, i)),
                DataTable.generated(SUMMARY, summary.title(), summary.columns(), rows.size(),
                        k -> rows.summaryRow(capture, k)));
    }

    /**
     * Both tables' values, read once from the receivers at the end of the capture into columns (a row per connection
     * direction with segments, a point per distinct delay), their rows made on access.
     */
    private static final class Rows {
        private int size;
        private int[] cd = new int[16];
        private long[] segments = new long[16], zeros = new long[16], meanNanos = new long[16],
                p50 = new long[16], p90 = new long[16], p99 = new long[16], max = new long[16],
                notTracked = new long[16];
        private int[] waiting = new int[16];
        private boolean[] exact = new boolean[16];
        private byte[] start = new byte[16];
        /** CDF points of row k: [firstPoint[k], firstPoint[k + 1]). */
        private int[] firstPoint = new int[17];
        private long[] x = new long[16], y = new long[16];

        Rows(Receiver[] receivers) {
            for (int c = 0; c < receivers.length; c++) {
                Receiver r = receivers[c];
                if (r == null) continue;
                r.endOfCapture();
                if (r.segments == 0 && r.waiting() == 0) continue;
                add(c, r);
            }
        }

        private void add(int c, Receiver r) {
            int k = size++;
            if (k == cd.length) {
                int n = k * 2;
                cd = Arrays.copyOf(cd, n);
                segments = Arrays.copyOf(segments, n);
                zeros = Arrays.copyOf(zeros, n);
                meanNanos = Arrays.copyOf(meanNanos, n);
                p50 = Arrays.copyOf(p50, n);
                p90 = Arrays.copyOf(p90, n);
                p99 = Arrays.copyOf(p99, n);
                max = Arrays.copyOf(max, n);
                notTracked = Arrays.copyOf(notTracked, n);
                waiting = Arrays.copyOf(waiting, n);
                exact = Arrays.copyOf(exact, n);
                start = Arrays.copyOf(start, n);
                firstPoint = Arrays.copyOf(firstPoint, n + 1);
            }
            cd[k] = c;
            segments[k] = r.segments;
            zeros[k] = r.zeros;
            notTracked[k] = r.notTracked;
            waiting[k] = r.waiting();
            exact[k] = r.exact();
            start[k] = r.start();
            int points = firstPoint[k];
            if (r.segments > 0) {
                meanNanos[k] = Math.round((double) r.sumNanos / r.segments);
                p50[k] = r.quantile(0.5);
                p90[k] = r.quantile(0.9);
                p99[k] = r.quantile(0.99);
                max[k] = r.maxNanos;
                long[][] pts = r.cdf();
                int m = pts[0].length;
                if (points + m > x.length) {
                    int n = Math.max(points + m, x.length * 2);
                    x = Arrays.copyOf(x, n);
                    y = Arrays.copyOf(y, n);
                }
                System.arraycopy(pts[0], 0, x, points, m);
                System.arraycopy(pts[1], 0, y, points, m);
                points += m;
            }
            firstPoint[k + 1] = points;
        }

        int size() { return size; }

        int points() { return firstPoint[size]; }

        Object[] summaryRow(String capture, int k) {
            boolean any = segments[k] > 0;
            long delayed = segments[k] - zeros[k];
            return new Object[] {capture, (long) (cd[k] >> 1), DataLevel.DIRECTION[cd[k] & 1], segments[k], zeros[k],
                    delayed, any ? 100.0 * delayed / segments[k] : null, any ? DataLevel.millis(meanNanos[k]) : null,
                    any ? DataLevel.millis(p50[k]) : null, any ? DataLevel.millis(p90[k]) : null,
                    any ? DataLevel.millis(p99[k]) : null, any ? DataLevel.millis(max[k]) : null, (long) waiting[k],
                    notTracked[k], exact[k], START[start[k]]};
        }

        Object[] cdfRow(String capture, int i) {
            int k = Arrays.binarySearch(firstPoint, 0, size + 1, i);
            if (k < 0) k = -k - 2;
            else while (firstPoint[k + 1] == i) k++; // rows without points share the index
            return new Object[] {capture, (long) (cd[k] >> 1), DataLevel.DIRECTION[cd[k] & 1], DataLevel.millis(x[i]),
                    (double) y[i] / segments[k]};
        }
    }
}
