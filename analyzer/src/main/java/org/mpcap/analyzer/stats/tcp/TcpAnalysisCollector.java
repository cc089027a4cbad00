package org.mpcap.analyzer.stats.tcp;

import java.util.Arrays;
import java.util.List;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.IpView;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.decode.mptcp.MptcpOptionDecoder;
import org.mpcap.analyzer.decode.mptcp.MptcpSubtype;
import org.mpcap.analyzer.flow.Endpoint;
import org.mpcap.analyzer.flow.TcpStreamInfo;
import org.mpcap.analyzer.mptcp.SubflowInfo;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.stats.StatsCollector;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * TCP-level loss analysis per subflow, equal frame for frame to tshark's {@code tcp.analysis.*} flags
 * ({@link SequenceAnalysis}): tables {@value #FRAMES} (one row per flagged frame) and {@value #SUMMARY} (per TCP
 * stream and direction: counts of each flag and a loss rate).
 *
 * <p>Definitions (also in the column descriptions): {@code data_segments} are segments that occupy sequence space
 * (payload, SYN or FIN), retransmissions included; {@code retransmissions} counts the frames tshark marks
 * {@code tcp.analysis.retransmission}, which it also puts on fast and spurious retransmissions;
 * {@code loss_rate_percent} = (retransmissions − spurious) × 100 / (data_segments − retransmissions): re-sent
 * segments per original segment, an upper bound of the loss seen by the sender (a retransmission by timeout of a
 * segment that was only delayed counts; a segment lost twice counts twice).
 *
 * <p>The frame table keeps at most {@link #frameRowCap} rows (its title says when rows were left out); the summary
 * counts every frame. Memory: a stream's state (about 0.2 kB) is made at its second segment, its first is kept in
 * {@link FirstSegments} (39 bytes); the flagged frames in columns; both tables are made on access.
 */
public final class TcpAnalysisCollector implements StatsCollector {
    public static final String FRAMES = "tcp-analysis";
    public static final String SUMMARY = "tcp-retransmissions";
    /** Default {@link #frameRowCap}. */
    public static final int DEFAULT_FRAME_ROW_CAP = 500_000;

    /** Flags that make a frame row, in the order they are listed in its {@code analysis} cell (tshark field names). */
    private static final int[] LISTED = {SequenceAnalysis.RETRANSMISSION, SequenceAnalysis.FAST_RETRANSMISSION,
            SequenceAnalysis.SPURIOUS_RETRANSMISSION, SequenceAnalysis.OUT_OF_ORDER, SequenceAnalysis.LOST_PACKET,
            SequenceAnalysis.ACK_LOST_PACKET, SequenceAnalysis.DUPLICATE_ACK, SequenceAnalysis.KEEP_ALIVE,
            SequenceAnalysis.ZERO_WINDOW, SequenceAnalysis.ZERO_WINDOW_PROBE};
    private static final String[] NAMES = {"retransmission", "fast_retransmission", "spurious_retransmission",
            "out_of_order", "lost_segment", "ack_lost_segment", "duplicate_ack", "keep_alive", "zero_window",
            "zero_window_probe"};
    private static final int ROW_FLAGS;

    static {
        int m = 0;
        for (int f : LISTED) m |= f;
        ROW_FLAGS = m;
    }

    private final int frameRowCap;
    private final SequenceAnalysis analysis = new SequenceAnalysis();
    /** Wireshark's {@code mp_operations} per MPTCP connection. */
    private int[] mpOperations = new int[16];

    /**
     * Per tcp stream: the slot of its state ({@link SequenceAnalysis}'s and the counters below), made at its second
     * segment; 0 before (its first segment is in {@link #firsts}). Slot 0 is the scratch state first segments are
     * judged on.
     */
    private int[] slotOfStream = new int[0];
    private int slots = 1;
    private static final int SCRATCH = 0;
    private final FirstSegments firsts = new FirstSegments();

    // per slot * 2 + canonical direction (0: from the lower endpoint)
    private long[] dataSegments = new long[0], retransmittedBytes = new long[0];
    private int[][] counts = new int[COUNTED][];
    private int[] baseSeq = new int[0];
    private boolean[] baseSet = new boolean[0];
    private int capacity;

    private static final int C_RETRANS = 0, C_FAST = 1, C_SPURIOUS = 2, C_OOO = 3, C_LOST = 4, C_ACK_LOST = 5,
            C_DUPACK = 6, COUNTED = 7;

    // flagged frames, column by column
    private int rows;
    private long droppedRows;
    private long[] rowFrame = new long[64], rowNanos = new long[64], rowDupFrame = new long[64];
    private int[] rowStreamDir = new int[64], rowFlags = new int[64], rowSeq = new int[64], rowLen = new int[64],
            rowDupNum = new int[64], rowConnection = new int[64], rowSubflow = new int[64];

    public TcpAnalysisCollector(int frameRowCap) {
        if (frameRowCap < 0) throw new IllegalArgumentException("frame row cap must be >= 0");
        this.frameRowCap = frameRowCap;
        for (int i = 0; i < COUNTED; i++) counts[i] = new int[0];
    }

    public TcpAnalysisCollector() {
        this(DEFAULT_FRAME_ROW_CAP);
    }

    @Override
    public void onPacket(PacketContext p) {
        if (p.status != DecodeStatus.TCP || p.tcpStream < 0) return; // (a stream is known for every tracked segment)
        IpView ip = p.decoder.ip();
        TcpView tcp = p.decoder.tcp();
        int stream = p.tcpStream;
        int dir = lowerFirst(ip, tcp) ? 0 : 1;
        int flags = tcp.flags(), seq = tcp.seq(), ack = tcp.ack(), len = tcp.payloadLength();
        int ops = -1;
        if (p.connection >= 0) ops = mptcpOperations(p.connection, p.decoder.mptcp(), flags);
        long frame = p.raw.frameNumber();
        int slot = stream < slotOfStream.length ? slotOfStream[stream] : 0;
        int ta, base;
        if (slot == 0 && !firsts.has(stream)) {
            // a stream's first segment: judged on a fresh state, kept until the stream's second one
            analysis.reset(SCRATCH);
            ta = analysis.onSegment(SCRATCH, dir, seq, ack, len, flags, tcp.window(), tcp.windowScale(),
                    p.relativeNanos, frame, ops);
            firsts.keep(stream, dir, seq, ack, len, flags, tcp.window(), tcp.windowScale(), p.relativeNanos, frame,
                    ops, ta);
            base = firstBase(flags, seq);
        } else {
            if (slot == 0) slot = secondSegment(stream);
            int i = slot * 2 + dir;
            if (!baseSet[i]) {
                baseSeq[i] = firstBase(flags, seq);
                baseSet[i] = true;
            }
            ta = analysis.onSegment(slot, dir, seq, ack, len, flags, tcp.window(), tcp.windowScale(),
                    p.relativeNanos, frame, ops);
            count(i, flags, len, ta);
            base = baseSeq[i];
        }
        p.tcpRetransmission = (ta & SequenceAnalysis.ANY_RETRANSMISSION) != 0; // for the data-level analyses
        if ((ta & ROW_FLAGS) == 0) return;
        if (rows >= frameRowCap) {
            droppedRows++;
            return;
        }
        if (rows == rowFrame.length) growRows();
        rowFrame[rows] = frame;
        rowNanos[rows] = p.relativeNanos;
        rowStreamDir[rows] = stream * 2 + dir;
        rowFlags[rows] = ta;
        rowSeq[rows] = seq - base;
        rowLen[rows] = len;
        rowDupNum[rows] = analysis.dupAckNumber;
        rowDupFrame[rows] = analysis.dupAckFrame;
        rowConnection[rows] = p.connection;
        rowSubflow[rows] = p.subflow;
        rows++;
    }

    /** Streams with a state of their own (a second segment), for tests. */
    int streamsWithState() { return slots - 1; }

    /** Wireshark's relative sequence base of a direction from its first segment: the ISN of a SYN, else seq - 1. */
    private static int firstBase(int flags, int seq) {
        return (flags & TcpView.SYN) != 0 ? seq : seq - 1;
    }

    /** Counts a segment of state index {@code i} (slot × 2 + direction) with the flags {@code ta} it was given. */
    private void count(int i, int flags, int len, int ta) {
        if (len > 0 || (flags & (TcpView.SYN | TcpView.FIN)) != 0) dataSegments[i]++;
        if (ta == 0) return;
        if ((ta & SequenceAnalysis.ANY_RETRANSMISSION) != 0) {
            counts[C_RETRANS][i]++;
            retransmittedBytes[i] += len;
        }
        if ((ta & SequenceAnalysis.FAST_RETRANSMISSION) != 0) counts[C_FAST][i]++;
        if ((ta & SequenceAnalysis.SPURIOUS_RETRANSMISSION) != 0) counts[C_SPURIOUS][i]++;
        if ((ta & SequenceAnalysis.OUT_OF_ORDER) != 0) counts[C_OOO][i]++;
        if ((ta & SequenceAnalysis.LOST_PACKET) != 0) counts[C_LOST][i]++;
        if ((ta & SequenceAnalysis.ACK_LOST_PACKET) != 0) counts[C_ACK_LOST][i]++;
        if ((ta & SequenceAnalysis.DUPLICATE_ACK) != 0) counts[C_DUPACK][i]++;
    }

    /**
     * The second segment of {@code stream}: a slot for its state, into which its first segment is replayed (its
     * flags and counts are those it was given then: the analysis of a stream depends on its own segments only).
     */
    private int secondSegment(int stream) {
        int slot = slots++;
        if (stream >= slotOfStream.length) {
            slotOfStream = Arrays.copyOf(slotOfStream, Math.max(stream + 1, Math.max(64, slotOfStream.length * 2)));
        }
        slotOfStream[stream] = slot;
        if (slot * 2 + 1 >= capacity) grow(slot * 2 + 2);
        FirstSegments f = firsts;
        int dir = f.dir(stream), flags = f.flags(stream), seq = f.seq(stream), len = f.length(stream);
        int i = slot * 2 + dir;
        baseSeq[i] = firstBase(flags, seq);
        baseSet[i] = true;
        analysis.onSegment(slot, dir, seq, f.ack(stream), len, flags, f.window(stream), f.windowScale(stream),
                f.time(stream), f.frame(stream), f.mptcpOps(stream));
        count(i, flags, len, f.analysis(stream));
        return slot;
    }

    /**
     * Wireshark's {@code mp_operations} of a connection (the struct says "to avoid false DUP ACKs"), as seen by
     * this segment: the value before its own options, because tshark analyses sequence numbers before it dissects
     * the options. Which options change it was inferred from tshark 4.0.17's output, not read in its source: on the
     * 31 captures of the differential test (MP_CAPABLE, joins, ADD_ADDR with echo, REMOVE_ADDR, MP_PRIO, losses)
     * counting each MP_JOIN SYN (SYN without ACK) of the connection reproduces every duplicate-ACK decision, while
     * counting ADD_ADDR, REMOVE_ADDR or MP_PRIO (what RFC 8684 §4 lets an implementation send on duplicate ACKs)
     * does not. Effect: a pure ACK repeating the previous one is not a duplicate ACK when a join started on the
     * connection in between.
     */
    private int mptcpOperations(int connection, MptcpOptionDecoder options, int tcpFlags) {
        if (connection >= mpOperations.length) {
            mpOperations = Arrays.copyOf(mpOperations, Math.max(connection + 1, mpOperations.length * 2));
        }
        int before = mpOperations[connection];
        if ((tcpFlags & (TcpView.SYN | TcpView.ACK)) == TcpView.SYN) {
            for (int k = 0; k < options.count(); k++) {
                if (options.get(k).subtype() == MptcpSubtype.MP_JOIN) mpOperations[connection]++;
            }
        }
        return before;
    }

    /** True if the packet goes from the stream's lower endpoint (unsigned address, then port) to the higher. */
    private static boolean lowerFirst(IpView ip, TcpView tcp) {
        int c = Long.compareUnsigned(ip.srcHi(), ip.dstHi());
        if (c == 0) c = Long.compareUnsigned(ip.srcLo(), ip.dstLo());
        if (c == 0) c = Integer.compare(tcp.srcPort(), tcp.dstPort());
        return c <= 0;
    }

    private void grow(int min) {
        int n = Math.max(min, Math.max(64, capacity * 2));
        dataSegments = Arrays.copyOf(dataSegments, n);
        retransmittedBytes = Arrays.copyOf(retransmittedBytes, n);
        for (int k = 0; k < COUNTED; k++) counts[k] = Arrays.copyOf(counts[k], n);
        baseSeq = Arrays.copyOf(baseSeq, n);
        baseSet = Arrays.copyOf(baseSet, n);
        capacity = n;
    }

    private void growRows() {
        int n = rows * 2;
        rowFrame = Arrays.copyOf(rowFrame, n);
        rowNanos = Arrays.copyOf(rowNanos, n);
        rowDupFrame = Arrays.copyOf(rowDupFrame, n);
        rowStreamDir = Arrays.copyOf(rowStreamDir, n);
        rowFlags = Arrays.copyOf(rowFlags, n);
        rowSeq = Arrays.copyOf(rowSeq, n);
        rowLen = Arrays.copyOf(rowLen, n);
        rowDupNum = Arrays.copyOf(rowDupNum, n);
        rowConnection = Arrays.copyOf(rowConnection, n);
        rowSubflow = Arrays.copyOf(rowSubflow, n);
    }

    /** Columns of {@value #FRAMES} (a contract). */
    public static DataTable framesTable(String title) {
        return new DataTable(FRAMES, title, List.of(
                Column.text("capture", "Capture file name"),
                Column.integer("frame", "", "Frame number (1-based, as Wireshark)"),
                Column.seconds("time", "Capture time relative to the capture start"),
                Column.integer("tcp_stream", "", "Wireshark tcp.stream"),
                Column.integer("connection", "", "MPTCP connection, empty for plain TCP"),
                Column.integer("subflow", "", "Subflow of the connection, empty for plain TCP"),
                Column.text("direction", "c2s (client to server) or s2c"),
                Column.integer("seq", "", "Relative sequence number (tcp.seq)"),
                Column.integer("len", "B", "TCP payload length (tcp.len)"),
                Column.text("analysis", "tcp.analysis flags of the frame (tshark field names without the prefix),"
                        + " comma-separated; retransmission is also set on fast and spurious retransmissions"),
                Column.integer("duplicate_ack_num", "", "tcp.analysis.duplicate_ack_num (duplicate ACKs only)"),
                Column.integer("duplicate_ack_frame", "", "tcp.analysis.duplicate_ack_frame: the ACK duplicated")));
    }

    /** Columns of {@value #SUMMARY} (a contract). */
    public static DataTable summaryTable() {
        return new DataTable(SUMMARY, "TCP retransmissions and duplicate ACKs per subflow and direction", List.of(
                Column.text("capture", "Capture file name"),
                Column.integer("connection", "", "MPTCP connection, empty for plain TCP"),
                Column.integer("subflow", "", "Subflow of the connection, empty for plain TCP"),
                Column.integer("tcp_stream", "", "Wireshark tcp.stream"),
                Column.text("direction", "c2s (client to server) or s2c"),
                Column.text("src_addr", "Sender address"),
                Column.integer("src_port", "", "Sender port"),
                Column.text("dst_addr", "Receiver address"),
                Column.integer("dst_port", "", "Receiver port"),
                Column.integer("packets", "packets", "TCP segments sent in this direction"),
                Column.integer("data_segments", "packets", "Segments with payload, SYN or FIN, retransmissions included"),
                Column.integer("payload_bytes", "B", "TCP payload bytes sent, retransmissions included"),
                Column.integer("retransmissions", "packets", "Frames tshark marks tcp.analysis.retransmission "
                        + "(includes fast and spurious retransmissions)"),
                Column.integer("fast_retransmissions", "packets", "tcp.analysis.fast_retransmission"),
                Column.integer("spurious_retransmissions", "packets", "tcp.analysis.spurious_retransmission "
                        + "(data the receiver had already acknowledged)"),
                Column.integer("retransmitted_bytes", "B", "Payload bytes of the retransmission frames"),
                Column.integer("out_of_order", "packets", "tcp.analysis.out_of_order"),
                Column.integer("lost_segments", "", "tcp.analysis.lost_segment: a gap before this frame (the "
                        + "segment was not captured)"),
                Column.integer("ack_lost_segments", "", "tcp.analysis.ack_lost_segment: ACKs of data not captured"),
                Column.integer("duplicate_acks", "packets", "tcp.analysis.duplicate_ack sent in this direction (they "
                        + "report losses of the other direction's data)"),
                Column.decimal("loss_rate_percent", 3, "%", "(retransmissions - spurious) x 100 / (data_segments - "
                        + "retransmissions): re-sent segments per original segment; empty without data")));
    }

    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) {
        String title = "TCP analysis flags per frame (as tshark's tcp.analysis.*)";
        if (droppedRows > 0) {
            title += "; only the first " + frameRowCap + " flagged frames (" + droppedRows + " more counted in "
                    + SUMMARY + ")";
        }
        Tables t = new Tables(this, capture, tracking);
        DataTable frames = framesTable(title), summary = summaryTable();
        return List.of(DataTable.generated(FRAMES, title, frames.columns(), rows, t::frameRow),
                DataTable.generated(SUMMARY, summary.title(), summary.columns(), t.summaryRows(), t::summaryRow));
    }

    /**
     * Both tables' rows, made on access from the collector's columns (the flagged frames, the per-slot counters and
     * the first segments) and the trackers' view; the sequence analysis' state is not kept.
     */
    private static final class Tables {
        private final String capture;
        private final TrackingView tracking;
        private final List<TcpStreamInfo> streams;
        private final long[] rowFrame, rowNanos, rowDupFrame;
        private final int[] rowStreamDir, rowFlags, rowSeq, rowLen, rowDupNum, rowConnection, rowSubflow;
        private final Counters counters;
        /** Per summary row: stream × 2 + (0 for c2s, 1 for s2c). */
        private final int[] summaryKeys;

        Tables(TcpAnalysisCollector c, String capture, TrackingView tracking) {
            rowFrame = c.rowFrame;
            rowNanos = c.rowNanos;
            rowDupFrame = c.rowDupFrame;
            rowStreamDir = c.rowStreamDir;
            rowFlags = c.rowFlags;
            rowSeq = c.rowSeq;
            rowLen = c.rowLen;
            rowDupNum = c.rowDupNum;
            rowConnection = c.rowConnection;
            rowSubflow = c.rowSubflow;
            counters = new Counters(c.slotOfStream, c.firsts, c.dataSegments, c.retransmittedBytes, c.counts,
                    c.capacity);
            this.capture = capture;
            this.tracking = tracking;
            this.streams = tracking.tcpStreams();
            int[] keys = new int[16];
            int n = 0;
            for (int stream = 0; stream < streams.size(); stream++) {
                boolean subflow = tracking.subflowOfStream(stream) != null;
                boolean clientLower = isC2s(streams, stream, 0);
                for (int c2sFirst = 0; c2sFirst < 2; c2sFirst++) {
                    int dir = (c2sFirst == 0) == clientLower ? 0 : 1;
                    if (!subflow && counters.dataSegments(stream, dir) == 0) continue;
                    if (n == keys.length) keys = Arrays.copyOf(keys, n * 2);
                    keys[n++] = stream * 2 + c2sFirst;
                }
            }
            summaryKeys = Arrays.copyOf(keys, n);
        }

        int summaryRows() { return summaryKeys.length; }

        Object[] frameRow(int r) {
            int i = rowStreamDir[r];
            int stream = i >> 1;
            boolean c2s = isC2s(streams, stream, i & 1);
            int ta = rowFlags[r];
            StringBuilder names = new StringBuilder();
            for (int k = 0; k < LISTED.length; k++) {
                boolean on = (ta & LISTED[k]) != 0
                        || (k == 0 && (ta & SequenceAnalysis.ANY_RETRANSMISSION) != 0);
                if (!on) continue;
                if (names.length() > 0) names.append(',');
                names.append(NAMES[k]);
            }
            boolean dup = (ta & SequenceAnalysis.DUPLICATE_ACK) != 0;
            boolean conn = rowConnection[r] >= 0;
            return new Object[] {capture, rowFrame[r], rowNanos[r] / 1e9, (long) stream,
                    conn ? (long) rowConnection[r] : null, conn ? (long) rowSubflow[r] : null,
                    c2s ? "c2s" : "s2c", Integer.toUnsignedLong(rowSeq[r]), (long) rowLen[r], names.toString(),
                    dup ? (long) rowDupNum[r] : null, dup ? rowDupFrame[r] : null};
        }

        Object[] summaryRow(int r) {
            int stream = summaryKeys[r] >> 1;
            boolean c2s = (summaryKeys[r] & 1) == 0;
            TcpStreamInfo s = streams.get(stream);
            SubflowInfo sf = tracking.subflowOfStream(stream);
            int dir = c2s == isC2s(streams, stream, 0) ? 0 : 1;
            long[] v = counters.of(stream, dir);
            long data = v[Counters.DATA];
            TcpStreamInfo.Direction d = c2s ? s.c2s() : s.s2c();
            Endpoint src = c2s ? s.client() : s.server(), dst = c2s ? s.server() : s.client();
            long retrans = v[C_RETRANS], spurious = v[C_SPURIOUS];
            long originals = data - retrans;
            Double loss = originals > 0 ? (retrans - spurious) * 100.0 / originals : null;
            return new Object[] {capture, sf == null ? null : (long) sf.connection(),
                    sf == null ? null : (long) sf.subflow(), (long) stream, c2s ? "c2s" : "s2c", src.address(),
                    (long) src.port(), dst.address(), (long) dst.port(), d.packets(), data, d.payloadBytes(), retrans,
                    v[C_FAST], spurious, v[Counters.RETRANSMITTED_BYTES], v[C_OOO], v[C_LOST], v[C_ACK_LOST],
                    v[C_DUPACK], loss};
        }
    }

    /** The per-direction counters of a stream, from its slot or, for a stream of one segment, from that segment. */
    private record Counters(int[] slotOfStream, FirstSegments firsts, long[] dataSegments, long[] retransmittedBytes,
                            int[][] counts, int capacity) {
        /** Indices of {@link #of}: the counted flags (C_*), then these. */
        static final int DATA = COUNTED, RETRANSMITTED_BYTES = COUNTED + 1;

        long dataSegments(int stream, int dir) {
            int slot = stream < slotOfStream.length ? slotOfStream[stream] : 0;
            if (slot > 0) return slot * 2 + dir < capacity ? dataSegments[slot * 2 + dir] : 0;
            if (!firsts.has(stream) || firsts.dir(stream) != dir) return 0;
            int flags = firsts.flags(stream);
            return firsts.length(stream) > 0 || (flags & (TcpView.SYN | TcpView.FIN)) != 0 ? 1 : 0;
        }

        /** The counters of (stream, dir): C_* by index, then {@link #DATA} and {@link #RETRANSMITTED_BYTES}. */
        long[] of(int stream, int dir) {
            long[] v = new long[COUNTED + 2];
            int slot = stream < slotOfStream.length ? slotOfStream[stream] : 0;
            if (slot > 0) {
                int i = slot * 2 + dir;
                if (i >= capacity) return v;
                for (int k = 0; k < COUNTED; k++) v[k] = counts[k][i];
                v[DATA] = dataSegments[i];
                v[RETRANSMITTED_BYTES] = retransmittedBytes[i];
                return v;
            }
            if (!firsts.has(stream) || firsts.dir(stream) != dir) return v;
            // the same counting as TcpAnalysisCollector.count, for the one segment
            int ta = firsts.analysis(stream), len = firsts.length(stream);
            v[DATA] = dataSegments(stream, dir);
            if ((ta & SequenceAnalysis.ANY_RETRANSMISSION) != 0) {
                v[C_RETRANS] = 1;
                v[RETRANSMITTED_BYTES] = len;
            }
            if ((ta & SequenceAnalysis.FAST_RETRANSMISSION) != 0) v[C_FAST] = 1;
            if ((ta & SequenceAnalysis.SPURIOUS_RETRANSMISSION) != 0) v[C_SPURIOUS] = 1;
            if ((ta & SequenceAnalysis.OUT_OF_ORDER) != 0) v[C_OOO] = 1;
            if ((ta & SequenceAnalysis.LOST_PACKET) != 0) v[C_LOST] = 1;
            if ((ta & SequenceAnalysis.ACK_LOST_PACKET) != 0) v[C_ACK_LOST] = 1;
            if ((ta & SequenceAnalysis.DUPLICATE_ACK) != 0) v[C_DUPACK] = 1;
            return v;
        }
    }

    /** True if canonical direction {@code dir} of {@code stream} goes from its client to its server. */
    private static boolean isC2s(List<TcpStreamInfo> streams, int stream, int dir) {
        Endpoint c = streams.get(stream).client(), s = streams.get(stream).server();
        int cmp = Long.compareUnsigned(c.hi(), s.hi());
        if (cmp == 0) cmp = Long.compareUnsigned(c.lo(), s.lo());
        if (cmp == 0) cmp = Integer.compare(c.port(), s.port());
        boolean clientLower = cmp <= 0;
        return (dir == 0) == clientLower;
    }
}
