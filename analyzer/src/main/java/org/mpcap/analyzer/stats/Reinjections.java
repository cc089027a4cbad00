package org.mpcap.analyzer.stats;

import java.util.Arrays;
import java.util.List;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Reinjections per frame: a frame whose data an earlier frame of another subflow of the same connection and
 * direction had carried (RFC 8684 §3.3.6; Wireshark's {@code mptcp.reinjection_of}). Fed per packet with what
 * the MPTCP tracker published (connection, direction, 64-bit DSN of the payload) and with its corrections of
 * guessed DSNs ({@link #rebase}); one row per reinjecting frame, and the reinjected bytes per subflow for table
 * {@code subflow-share}.
 *
 * <p>Unlike the DSS mappings (up to 64 KB with GSO, sent over many frames), frames line up with tshark's.
 * Data acknowledged at the data level is still compared: resending it is legal and Linux does it when a
 * subflow fails. Memory: {@link SentSegments} per connection direction; at most {@link #MAX_ROWS} rows (later
 * reinjections are still counted in the bytes and in {@link #dropped()}).
 */
final class Reinjections {
    static final int MAX_ROWS = 100_000;

    private SentSegments[] spaces = new SentSegments[0]; // [2*conn+dir]
    private long[][] bytes = new long[0][];               // [2*conn+dir][subflow]
    private long[][] frames = new long[0][];              // [2*conn+dir][subflow]: reinjecting frames

    private int rows;
    private int[] rConn = new int[0], rDir = new int[0], rSub = new int[0], rStream = new int[0],
            rFirstSub = new int[0], rLen = new int[0];
    /** rDsn: the frame's DSN relative to its space's {@link SentSegments#origin()}, which a rebase moves. */
    private long[] rFrame = new long[0], rNanos = new long[0], rDsn = new long[0], rFirstNanos = new long[0],
            rBytes = new long[0];
    private String[] rOf = new String[0];
    private long dropped;

    /** The last {@link #onSegment}'s new and reinjected bytes ({@link PacketContext#newDataBytes}, …). */
    int lastNewBytes, lastReinjectedBytes;

    /** A frame with payload whose 64-bit DSN is known ({@link PacketContext#hasDsn}). */
    void onSegment(int connection, int dir, int subflow, int stream, long frame, long nanos, long dsn, int length) {
        lastNewBytes = 0;
        lastReinjectedBytes = 0;
        if (connection < 0 || subflow < 0 || dir < 0) return;
        int cd = 2 * connection + dir;
        if (cd >= spaces.length) {
            int n = Math.max(cd + 2, spaces.length * 2);
            spaces = Arrays.copyOf(spaces, n);
            bytes = Arrays.copyOf(bytes, n);
            frames = Arrays.copyOf(frames, n);
        }
        SentSegments sp = spaces[cd];
        if (sp == null) sp = spaces[cd] = new SentSegments();
        int n = sp.onSegment(subflow, dsn, length, frame, nanos);
        lastNewBytes = (int) sp.freshBytes();
        if (n == 0) return;
        lastReinjectedBytes = (int) sp.hitBytes();
        reinjection(sp, n, cd, connection, dir, subflow, stream, frame, nanos, dsn, length);
    }

    /**
     * The MPTCP tracker moved the DSNs of direction {@code dir} of {@code connection} given so far by {@code delta}
     * ({@link PacketContext#rebased}): the rows keep theirs relative to the space's origin, so only that moves.
     */
    void rebase(int connection, int dir, long delta) {
        int cd = 2 * connection + dir;
        if (connection >= 0 && cd < spaces.length && spaces[cd] != null) spaces[cd].rebase(delta);
    }

    /** The rare path: count and log a reinjecting frame. */
    private void reinjection(SentSegments sp, int n, int cd, int connection, int dir, int subflow, int stream,
                             long frame, long nanos, long dsn, int length) {
        long[] b = bytes[cd], f = frames[cd];
        if (b == null || b.length <= subflow) {
            int len = Math.max(subflow + 1, 4);
            bytes[cd] = b = b == null ? new long[len] : Arrays.copyOf(b, len);
            frames[cd] = f = f == null ? new long[len] : Arrays.copyOf(f, len);
        }
        b[subflow] += sp.hitBytes();
        f[subflow]++;
        if (rows == MAX_ROWS) {
            dropped++;
            return;
        }
        if (rows == rConn.length) growRows();
        long[] of = new long[n];
        for (int k = 0; k < n; k++) of[k] = sp.hitFrame(k);
        Arrays.sort(of);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            if (k > 0 && of[k] == of[k - 1]) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(of[k]);
        }
        rConn[rows] = connection;
        rDir[rows] = dir;
        rSub[rows] = subflow;
        rStream[rows] = stream;
        rFrame[rows] = frame;
        rNanos[rows] = nanos;
        rDsn[rows] = dsn - sp.origin();
        rLen[rows] = length;
        rFirstSub[rows] = sp.hitFirstSubflow();
        rFirstNanos[rows] = sp.hitFirstNanos();
        rBytes[rows] = sp.hitBytes();
        rOf[rows] = sb.toString();
        rows++;
    }

    private void growRows() {
        int n = Math.max(16, rows * 2);
        rConn = Arrays.copyOf(rConn, n);
        rDir = Arrays.copyOf(rDir, n);
        rSub = Arrays.copyOf(rSub, n);
        rStream = Arrays.copyOf(rStream, n);
        rFirstSub = Arrays.copyOf(rFirstSub, n);
        rLen = Arrays.copyOf(rLen, n);
        rFrame = Arrays.copyOf(rFrame, n);
        rNanos = Arrays.copyOf(rNanos, n);
        rDsn = Arrays.copyOf(rDsn, n);
        rFirstNanos = Arrays.copyOf(rFirstNanos, n);
        rBytes = Arrays.copyOf(rBytes, n);
        rOf = Arrays.copyOf(rOf, n);
    }

    /** Bytes that {@code subflow} sent after another subflow had sent them (connection direction {@code dir}). */
    long reinjectedBytes(int connection, int dir, int subflow) {
        int cd = 2 * connection + dir;
        if (cd >= bytes.length || bytes[cd] == null || subflow >= bytes[cd].length) return 0;
        return bytes[cd][subflow];
    }

    /** Reinjecting frames of {@code subflow}. */
    long reinjectedFrames(int connection, int dir, int subflow) {
        int cd = 2 * connection + dir;
        if (cd >= frames.length || frames[cd] == null || subflow >= frames[cd].length) return 0;
        return frames[cd][subflow];
    }

    /** Reinjecting frames not listed because of {@link #MAX_ROWS}. */
    long dropped() { return dropped; }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e3) / 1e6;
    }

    /**
     * Table {@code reinjections}: its rows are made on access from copies of the row columns (about 60 bytes a
     * row, not a boxed row of 13 cells), with the DSNs made relative once ({@link DsnOrigin}).
     */
    DataTable table(String capture, TrackingView tracking) {
        int n = rows;
        long[] start = new long[n];
        for (int r = 0; r < n; r++) {
            // a row has data: its space's origin is the direction's first data frame (DsnOrigin's rule)
            long origin = spaces[2 * rConn[r] + rDir[r]].origin();
            start[r] = rDsn[r] + origin - DsnOrigin.of(tracking, rConn[r], rDir[r], true, origin, 0);
        }
        int[] conn = Arrays.copyOf(rConn, n), dir = Arrays.copyOf(rDir, n), sub = Arrays.copyOf(rSub, n);
        int[] stream = Arrays.copyOf(rStream, n), firstSub = Arrays.copyOf(rFirstSub, n), len = Arrays.copyOf(rLen, n);
        long[] frame = Arrays.copyOf(rFrame, n), nanos = Arrays.copyOf(rNanos, n),
                firstNanos = Arrays.copyOf(rFirstNanos, n), hit = Arrays.copyOf(rBytes, n);
        String[] of = Arrays.copyOf(rOf, n);
        return DataTable.generated("reinjections", "Frames carrying data already sent on another subflow", COLUMNS, n,
                r -> new Object[] {capture, (long) conn[r], start[r], start[r] + len[r], (long) firstSub[r],
                        (long) sub[r], seconds(nanos[r]), Math.round((nanos[r] - firstNanos[r]) / 1e3) / 1e3,
                        FlowStats.DIRECTION[dir[r]], frame[r], (long) stream[r], of[r], hit[r]});
    }

    private static final List<Column> COLUMNS = List.of(Column.text("capture", "capture file name"),
            Column.integer("connection", "", "MPTCP connection index"),
            Column.integer("dsn_start", "", "data sequence number of the frame's first byte, " + DsnOrigin.RULE),
            Column.integer("dsn_end", "", "end of the frame's data (exclusive), relative"),
            Column.integer("first_subflow", "", "subflow of the earliest frame that carried this data"),
            Column.integer("reinjected_subflow", "", "subflow of this frame"),
            Column.seconds("time", "when this frame was sent"),
            Column.decimal("delay_ms", 3, "ms", "time since the earliest frame that carried the data"),
            Column.text("direction", "c2s | s2c"),
            Column.integer("frame", "", "this frame (Wireshark's frame.number)"),
            Column.integer("tcp_stream", "", "tcp.stream of this frame"),
            Column.text("reinjection_of", "earlier frames of other subflows that carried some of the data, ascending "
                    + "(Wireshark's mptcp.reinjection_of)"),
            Column.integer("reinjected_bytes", "B", "bytes of this frame those frames carried"));
}
