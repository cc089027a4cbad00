package org.mpcap.analyzer.stats.rtt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.stats.IntOrder;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.stats.StatsCollector;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * RTT per TCP stream / MPTCP subflow and direction, by four named estimators, in the single pass: tables
 * {@value #SAMPLES_TABLE} (one row per sample) and {@value #SUMMARY_TABLE} (one row per series).
 *
 * <ul>
 *   <li>{@code ack}: Wireshark's {@code tcp.analysis.ack_rtt} ({@link AckRttEstimator});</li>
 *   <li>{@code ts}: TCP timestamps echo, Karn-safe ({@link TimestampRttEstimator});</li>
 *   <li>{@code initial}: handshake, SYN → SYN/ACK (c2s) and SYN/ACK → ACK (s2c) ({@link HandshakeRttEstimator});</li>
 *   <li>{@code data}: MPTCP DSS mapping → data ACK covering it, attributed to the subflow that carried the
 *       mapping ({@link DataRttEstimator}).</li>
 * </ul>
 * A series is (tcp stream, direction, estimator); {@code direction} is the direction of the data being
 * acknowledged. {@code connection}/{@code subflow} are the values the tracker put on the stream's packets
 * (empty for plain TCP). Times are seconds since the capture's first packet; {@code seq} is the relative
 * sequence number (data: relative DSN) of the acknowledged segment, to plot RTT against sequence number.
 *
 * <p>Memory is bounded by the number of streams, connections and outstanding segments, and by the sample
 * caps ({@link RttSampleStore}, {@link RttSummary}), not by the number of packets; {@link #onPacket} allocates
 * nothing for known streams once their buffers have grown. A stream's estimators are made at its second segment
 * (its first is kept in {@link FirstSegments}, 34 bytes: a SYN flood costs no estimators), a series keeps its
 * first two samples in columns ({@link RttSeries}) and the rings of finished directions are let go. Both tables
 * are made on access ({@link DataTable#generated}) from the series' columns and the sample store.
 */
public final class RttCollector implements StatsCollector {
    public static final String SAMPLES_TABLE = "rtt";
    public static final String SUMMARY_TABLE = "rtt-summary";

    static final int ACK = 0, TS = 1, INITIAL = 2, DATA = 3;
    static final String[] ESTIMATORS = {"ack", "ts", "initial", "data"};
    static final String[] DIRECTIONS = {"c2s", "s2c"};

    private final RttSampleStore store;
    /** Per tcp stream with at least two segments: its estimators; null before (see {@link FirstSegments}). */
    private StreamState[] streams = new StreamState[16];
    /** The first segment of every stream, fed to its estimators when its second one comes. */
    private FirstSegments firsts = new FirstSegments();
    private ConnState[] conns = new ConnState[4];
    private final RttSeries series;

    // sinks reused for every packet; they read the stream being processed from these fields
    private StreamState current;
    private ConnState currentConn;
    private final Sink ackSink = new Sink(ACK), tsSink = new Sink(TS), initialSink = new Sink(INITIAL),
            dataSink = new Sink(DATA);

    public RttCollector() {
        this(RttSampleStore.DEFAULT_CAP, RttSummary.DEFAULT_EXACT_CAP);
    }

    /** @param sampleCap samples kept for the {@code rtt} table before min/max downsampling (at least 4) */
    public RttCollector(int sampleCap) {
        this(sampleCap, RttSummary.DEFAULT_EXACT_CAP);
    }

    /**
     * @param sampleCap samples kept for the {@code rtt} table before min/max downsampling
     * @param exactCap  samples kept per series for exact quantiles before the histogram
     */
    public RttCollector(int sampleCap, int exactCap) {
        this.store = new RttSampleStore(sampleCap);
        this.series = new RttSeries(exactCap);
    }

    @Override
    public void onPacket(PacketContext ctx) {
        if (ctx.status != DecodeStatus.TCP || ctx.tcpStream < 0) return;
        TcpView tcp = ctx.decoder.tcp();
        int dir = ctx.fromClient ? RttSink.C2S : RttSink.S2C;
        long t = ctx.relativeNanos;
        long frame = ctx.raw.frameNumber();
        int seq = tcp.seq(), ack = tcp.ack(), len = tcp.payloadLength(), flags = tcp.flags();
        int id = ctx.tcpStream;
        StreamState st = id < streams.length ? streams[id] : null;
        if (st == null && !firsts.has(id)) {
            firsts.keep(id, dir, seq, ack, len, flags, tcp.hasTimestamps(), tcp.tsVal(), t, ctx.connection,
                    ctx.subflow);
        } else {
            if (st == null) st = secondSegment(id);
            if (ctx.connection >= 0) {
                st.connection = ctx.connection;
                st.subflow = ctx.subflow;
            }
            current = st;
            st.ack.onSegment(dir, seq, ack, len, flags, t, frame, ackSink);
            st.ts.onSegment(dir, seq, ack, len, flags, tcp.hasTimestamps(), tcp.tsVal(), tcp.tsEcr(), t, frame,
                    tsSink);
            st.initial.onSegment(dir, seq, ack, flags, t, frame, initialSink);
        }
        if (ctx.connection >= 0 && ctx.dataDirection >= 0 && (ctx.hasMapping || ctx.hasDataAck)) {
            // the data level as the MPTCP tracker published it: 64-bit values, the connection's direction
            ConnState c = conn(ctx.connection);
            currentConn = c;
            int space = ctx.dataDirection;
            if (ctx.rebased != 0) {
                for (int d = 0; d < 2; d++) if ((ctx.rebased & (1 << d)) != 0) c.data.rebase(d, ctx.rebaseDelta[d]);
            }
            if (ctx.hasIdsn) c.data.setIdsn(space, ctx.idsn);
            if (ctx.hasDataAck) c.data.onDataAck(space, ctx.dataAck, t, frame, dataSink);
            if (ctx.hasMapping) {
                c.data.onMapping(space, ctx.subflow, ctx.tcpStream, ctx.mappingDsn, ctx.mappingLength, seq, len, t);
                if (ctx.mappingDataFin) c.data.dataFin(space);
            }
        }
    }

    /**
     * The latest RTT sample of {@code tcpStream} so far, in nanoseconds: its {@code ack} estimator (or the handshake
     * before any data was acknowledged), either direction; -1 if none yet. For a live view.
     */
    public long lastRttNanos(int tcpStream) {
        StreamState st = tcpStream >= 0 && tcpStream < streams.length ? streams[tcpStream] : null;
        return st == null ? -1 : st.lastRttNanos;
    }

    /** Streams whose estimators were made (those with a second segment), for tests. */
    int streamsWithEstimators() {
        int n = 0;
        for (StreamState st : streams) if (st != null) n++;
        return n;
    }

    /**
     * The second segment of stream {@code id}: its estimators are made and fed its first segment, which gives no
     * sample ({@link FirstSegments}), before the caller feeds them this one.
     */
    private StreamState secondSegment(int id) {
        if (id >= streams.length) streams = Arrays.copyOf(streams, Math.max(id + 1, streams.length * 2));
        StreamState st = streams[id] = new StreamState(id);
        FirstSegments f = firsts;
        if (f.connection(id) >= 0) {
            st.connection = f.connection(id);
            st.subflow = f.subflow(id);
        }
        current = st;
        int dir = f.direction(id), seq = f.seq(id), ack = f.ack(id), len = f.length(id), flags = f.flags(id);
        long t = f.time(id);
        st.ack.onSegment(dir, seq, ack, len, flags, t, 0, ackSink);
        st.ts.onSegment(dir, seq, ack, len, flags, f.hasTs(id), f.tsVal(id), 0, t, 0, tsSink);
        st.initial.onSegment(dir, seq, ack, flags, t, 0, initialSink);
        return st;
    }

    private ConnState conn(int id) {
        if (id >= conns.length) conns = Arrays.copyOf(conns, Math.max(id + 1, conns.length * 2));
        ConnState c = conns[id];
        if (c == null) conns[id] = c = new ConnState(id);
        return c;
    }

    private void record(int estimator, int direction, int subflow, int tcpStream, long time, long relSeq,
                        long rtt, long frame) {
        int id;
        if (estimator == DATA) {
            id = currentConn.series(direction, subflow, tcpStream);
        } else {
            StreamState st = current;
            if (estimator != TS) st.lastRttNanos = rtt;
            int k = estimator * 2 + direction;
            id = st.series[k];
            if (id < 0) st.series[k] = id = newSeries(-1, -1, st.id, direction, estimator);
        }
        int n = pending;
        pendingSeries[n] = id;
        pendingTime[n] = time;
        pendingSeq[n] = relSeq;
        pendingRtt[n] = rtt;
        pendingFrame[n] = frame;
        if ((pending = n + 1) == PENDING) drain();
    }

    /**
     * Samples are recorded in bulk, {@value #PENDING} at a time: the per-packet path stays small (and quick to
     * compile) and the summaries and the store run in tight loops of their own.
     */
    private static final int PENDING = 1024;
    private final int[] pendingSeries = new int[PENDING];
    private final long[] pendingTime = new long[PENDING], pendingSeq = new long[PENDING],
            pendingRtt = new long[PENDING], pendingFrame = new long[PENDING];
    private int pending;

    private void drain() {
        for (int i = 0, n = pending; i < n; i++) {
            series.sample(pendingSeries[i], pendingRtt[i]);
            store.add(pendingSeries[i], pendingTime[i], pendingSeq[i], pendingRtt[i], pendingFrame[i]);
        }
        pending = 0;
    }

    private int newSeries(int connection, int subflow, int tcpStream, int direction, int estimator) {
        return series.add(connection, subflow, tcpStream, direction, estimator);
    }

    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) {
        drain();
        int n = series.size();
        // a stream's series are listed under the connection and subflow its packets carried last
        for (int id = 0; id < n; id++) {
            if (series.estimator(id) == DATA) continue;
            StreamState st = streams[series.stream(id)];
            series.setOwner(id, st.connection, st.subflow);
        }
        int[] order = seriesOrder(series);
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) rank[order[r]] = r;
        SeriesRows rows = new SeriesRows(capture, series, order);
        DataTable summary = DataTable.generated(SUMMARY_TABLE, "RTT per subflow and direction", summaryColumns(), n,
                rows::summaryRow);

        RttSampleStore kept = store;
        int m = kept.size();
        int[] sampleRows = sampleOrder(m, rank);
        String title = kept.bucketNanos() == 0 ? "RTT samples"
                : String.format(java.util.Locale.ROOT,
                        "RTT samples (%d of %d kept: min and max per series and %.3f ms bucket)", m, kept.added(),
                        kept.bucketNanos() / 1e6);
        DataTable samples = DataTable.generated(SAMPLES_TABLE, title, sampleColumns(), m,
                i -> rows.sampleRow(kept, sampleRows[i]));
        // the tables read the series and the store only: the estimators can go
        streams = new StreamState[0];
        firsts = new FirstSegments();
        conns = new ConnState[0];
        return List.of(samples, summary);
    }

    /** Series ids ordered by tcp stream, direction, estimator (ack, ts, initial, data), subflow; ties by id. */
    static int[] seriesOrder(RttSeries s) {
        return IntOrder.sorted(s.size(), (a, b) -> {
            int c = Integer.compare(s.stream(a), s.stream(b));
            if (c == 0) c = Integer.compare(s.direction(a), s.direction(b));
            if (c == 0) c = Integer.compare(s.estimator(a), s.estimator(b));
            if (c == 0) c = Integer.compare(s.subflow(a), s.subflow(b));
            return c;
        });
    }

    /**
     * The rows of both tables, made on access from the series' columns and the sample store: no row is kept. The
     * statistics of a series with its own {@link RttSummary} are read once here (a quantile is a selection over its
     * samples) and the summaries let go; a series of one or two samples is summarised again on each access.
     */
    private static final class SeriesRows {
        private final String capture;
        private final RttSeries series;
        private final int[] order;
        /** Per series id: index into the columns below, or -1 (summarised on access). */
        private final int[] slot;
        private final long[] count;
        private final double[] min, mean, median, p95, max, std;
        private final boolean[] exact;

        SeriesRows(String capture, RttSeries series, int[] order) {
            this.capture = capture;
            this.series = series;
            this.order = order;
            int n = series.size(), big = 0;
            slot = new int[n];
            for (int id = 0; id < n; id++) slot[id] = series.hasSummary(id) ? big++ : -1;
            count = new long[big];
            min = new double[big];
            mean = new double[big];
            median = new double[big];
            p95 = new double[big];
            max = new double[big];
            std = new double[big];
            exact = new boolean[big];
            for (int id = 0; id < n; id++) {
                int k = slot[id];
                if (k < 0) continue;
                RttSummary q = series.summary(id);
                count[k] = q.count();
                min[k] = q.minNanos();
                mean[k] = q.meanNanos();
                median[k] = q.quantileNanos(0.5);
                p95[k] = q.quantileNanos(0.95);
                max[k] = q.maxNanos();
                std[k] = q.count() < 2 ? Double.NaN : q.stdNanos();
                exact[k] = q.exact();
            }
            series.dropSummaries();
        }

        Object[] summaryRow(int r) {
            int id = order[r];
            Object[] row = new Object[14];
            key(row, id);
            int k = slot[id];
            if (k >= 0) {
                row[6] = count[k];
                row[7] = ms(min[k]);
                row[8] = ms(mean[k]);
                row[9] = ms(median[k]);
                row[10] = ms(p95[k]);
                row[11] = ms(max[k]);
                row[12] = ms(std[k]);
                row[13] = exact[k];
            } else {
                RttSummary q = series.summary(id);
                row[6] = q.count();
                row[7] = ms(q.minNanos());
                row[8] = ms(q.meanNanos());
                row[9] = ms(q.quantileNanos(0.5));
                row[10] = ms(q.quantileNanos(0.95));
                row[11] = ms(q.maxNanos());
                row[12] = q.count() < 2 ? null : ms(q.stdNanos());
                row[13] = q.exact();
            }
            return row;
        }

        Object[] sampleRow(RttSampleStore store, int i) {
            Object[] row = new Object[10];
            key(row, store.series(i));
            row[6] = store.time(i) / 1e9;
            row[7] = store.seq(i);
            row[8] = ms(store.rtt(i));
            row[9] = store.frame(i);
            return row;
        }

        /** The six key cells of series {@code id}. */
        private void key(Object[] row, int id) {
            int connection = series.connection(id), subflow = series.subflow(id);
            row[0] = capture;
            row[1] = connection < 0 ? null : (long) connection;
            row[2] = subflow < 0 ? null : (long) subflow;
            row[3] = (long) series.stream(id);
            row[4] = DIRECTIONS[series.direction(id)];
            row[5] = ESTIMATORS[series.estimator(id)];
        }
    }

    private static Double ms(double nanos) {
        return Double.isNaN(nanos) ? null : nanos / 1e6;
    }

    static List<Column> keyColumns() {
        return List.of(
                Column.text("capture", "Capture file name"),
                Column.integer("connection", "", "MPTCP connection index (empty for plain TCP)"),
                Column.integer("subflow", "", "Subflow index in the connection, 0 = initial (empty for plain TCP)"),
                Column.integer("tcp_stream", "", "Wireshark tcp.stream index"),
                Column.text("direction", "Direction of the data being acknowledged: c2s or s2c"),
                Column.text("estimator", "ack (Wireshark ack_rtt), ts (timestamps), initial (handshake), "
                        + "data (MPTCP data level)"));
    }

    static List<Column> sampleColumns() {
        List<Column> c = new ArrayList<>(keyColumns());
        c.add(Column.seconds("time", "Time of the acknowledging packet since the capture's first packet"));
        c.add(Column.integer("seq", "", "Relative sequence number (data: relative DSN) of the acknowledged segment"));
        c.add(Column.decimal("rtt_ms", 6, "ms", "Round-trip time"));
        c.add(Column.integer("frame", "", "Frame number of the acknowledging packet"));
        return c;
    }

    static List<Column> summaryColumns() {
        List<Column> c = new ArrayList<>(keyColumns());
        c.add(Column.integer("samples", "", "Number of samples"));
        c.add(Column.decimal("min_ms", 6, "ms", "Smallest RTT"));
        c.add(Column.decimal("mean_ms", 6, "ms", "Mean RTT"));
        c.add(Column.decimal("median_ms", 6, "ms", "Median RTT (linear interpolation between closest ranks)"));
        c.add(Column.decimal("p95_ms", 6, "ms", "95th percentile of the RTT (linear interpolation)"));
        c.add(Column.decimal("max_ms", 6, "ms", "Largest RTT"));
        c.add(Column.decimal("std_ms", 6, "ms", "Sample standard deviation (n - 1); empty below 2 samples"));
        c.add(Column.bool("quantiles_exact", "False when median/p95 come from the log histogram (error < 0.07 %)"));
        return c;
    }

    /** Per tcp stream: its estimators, what the tracker said about it, its series ids. */
    private static final class StreamState {
        final int id;
        int connection = -1, subflow = -1;
        final AckRttEstimator ack = new AckRttEstimator();
        final TimestampRttEstimator ts = new TimestampRttEstimator();
        final HandshakeRttEstimator initial = new HandshakeRttEstimator();
        /** Series id by estimator × 2 + direction (ack, ts, initial), or -1. */
        final int[] series = {-1, -1, -1, -1, -1, -1};
        /** The latest {@code ack} or {@code initial} sample of either direction, or -1. */
        long lastRttNanos = -1;

        StreamState(int id) { this.id = id; }
    }

    /** Per MPTCP connection: the data-level estimator and its series ids by (subflow, direction). */
    private final class ConnState {
        final int id;
        final DataRttEstimator data = new DataRttEstimator();
        int[] series = new int[0];

        ConnState(int id) { this.id = id; }

        int series(int direction, int subflow, int tcpStream) {
            int k = Math.max(subflow, 0) * 2 + direction;
            if (k >= series.length) {
                int old = series.length;
                series = Arrays.copyOf(series, Math.max(k + 1, old * 2));
                Arrays.fill(series, old, series.length, -1);
            }
            int sid = series[k];
            if (sid < 0 || RttCollector.this.series.stream(sid) != tcpStream) {
                // a subflow index is one tcp stream; if the tracker ever reuses it, a new series starts
                sid = series[k] = newSeries(id, subflow, tcpStream, direction, DATA);
            }
            return sid;
        }
    }

    private final class Sink implements RttSink {
        private final int estimator;

        Sink(int estimator) { this.estimator = estimator; }

        @Override
        public void sample(int direction, int subflow, int tcpStream, long timeNanos, long relSeq, long rttNanos,
                           long frame) {
            record(estimator, direction, subflow, tcpStream, timeNanos, relSeq, rttNanos, frame);
        }
    }

    /**
     * Sample indexes ordered by (series rank, time, index). The store keeps each series' samples almost in time
     * order (appended as they come; only the min/max of one bucket can swap places), so: a stable counting sort by
     * rank, then an insertion sort by time inside each series, which costs one pass when the order is already
     * right. A series whose samples are far from time order (a capture whose clock jumps back) is merge-sorted.
     */
    private int[] sampleOrder(int m, int[] rank) {
        int[] rankOfSample = new int[m];
        long[] times = new long[m];
        for (int i = 0; i < m; i++) {
            rankOfSample[i] = rank[store.series(i)];
            times[i] = store.time(i);
        }
        return order(rankOfSample, rank.length, times);
    }

    /** Indexes 0 … n−1 ordered by ({@code rank[i]}, {@code time[i]}, i); ranks are below {@code ranks}. */
    static int[] order(int[] rank, int ranks, long[] time) {
        int m = rank.length;
        int[] start = new int[ranks + 1];
        for (int i = 0; i < m; i++) start[rank[i] + 1]++;
        for (int r = 0; r < ranks; r++) start[r + 1] += start[r];
        int[] order = new int[m];
        int[] next = Arrays.copyOf(start, ranks);
        for (int i = 0; i < m; i++) order[next[rank[i]]++] = i;
        int[] tmp = null;
        for (int r = 0; r < ranks; r++) {
            int from = start[r], to = start[r + 1];
            if (!insertionSortByTime(order, from, to, time)) {
                if (tmp == null) tmp = new int[m];
                mergeSort(order, tmp, from, to, time);
            }
        }
        return order;
    }

    /** Most element moves an insertion sort may make per element before it gives up (unsorted input). */
    private static final int MAX_MOVES_PER_ELEMENT = 8;

    /**
     * Stable insertion sort of {@code a[from, to)} by {@code time[a[i]]}; false (and {@code a} still a permutation
     * of what it was) if the input needed more than {@value #MAX_MOVES_PER_ELEMENT} moves per element.
     */
    private static boolean insertionSortByTime(int[] a, int from, int to, long[] time) {
        long budget = (long) MAX_MOVES_PER_ELEMENT * (to - from);
        for (int i = from + 1; i < to; i++) {
            int x = a[i];
            long t = time[x];
            int j = i - 1;
            while (j >= from && time[a[j]] > t) {
                a[j + 1] = a[j];
                j--;
                if (--budget < 0) {
                    a[j + 1] = x;
                    return false;
                }
            }
            a[j + 1] = x;
        }
        return true;
    }

    /** Stable merge sort of {@code a[from, to)} by {@code key[a[i]]}; ties keep their order. */
    private static void mergeSort(int[] a, int[] tmp, int from, int to, long[] key) {
        if (to - from < 2) return;
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, key);
        mergeSort(a, tmp, mid, to, key);
        int i = from, j = mid, k = from;
        while (i < mid && j < to) {
            tmp[k++] = key[a[j]] < key[a[i]] ? a[j++] : a[i++];
        }
        while (i < mid) tmp[k++] = a[i++];
        while (j < to) tmp[k++] = a[j++];
        System.arraycopy(tmp, from, a, from, to - from);
    }
}