package org.mpcap.analyzer.stats;

import static org.mpcap.analyzer.stats.FlowColumns.capacity;
import static org.mpcap.analyzer.stats.FlowColumns.grow;

import java.util.Arrays;

/**
 * What each MPTCP connection carried at the data level, for the flow statistics: per connection direction its
 * {@link DataSequenceSpace} (mappings, data ACKs, DATA_FIN), whether an infinite mapping was seen, and the fallback
 * to TCP an MP_FAIL without RST caused (RFC 8684 §3.7: from then on the subflow payload is the data, so the payload
 * sent after it is counted per stream). Fed with the 64-bit values the MPTCP tracker publishes.
 *
 * <p>A connection direction without mapping or data ACK has no space (a million connections without data cost no
 * objects); the per-stream payload after a fallback is kept only once a connection fell back.
 */
final class FlowDataLevel {
    private static final int CF_INFINITE_MAPPING = 1, CF_FAILED_OVER = 2;

    private int conns;
    private DataSequenceSpace[] cSpace = new DataSequenceSpace[0]; // [2*conn+dir]
    private int[] cFlags = new int[0];
    /** Per connection: when an MP_FAIL made it fall back to TCP (RFC 8684 §3.7), -1 if never. */
    private long[] cFallback = new long[0];
    /** Per connection: the subflow whose MP_FAIL made it fall back, -1 if none. */
    private int[] cFailSubflow = new int[0];
    /** [2*conn+dir]: the 64-bit DSN of the MP_FAIL for the direction whose data failed. */
    private long[] cFailDsn = new long[0];
    private boolean[] cHasFailDsn = new boolean[0];
    /** [2*stream+dir]: payload sent after the connection fell back; empty until one did. */
    private long[] sAfterFallback = new long[0];

    /**
     * A DSS mapping with a data-level length (as {@link FlowStats#onMapping}).
     *
     * @return bytes of this mapping never mapped before in its direction (new data at the data level)
     */
    long onMapping(int connection, int subflow, int dir, long dsn64, int dataLevelLength, boolean dataFin,
                   long nanos) {
        if (connection >= conns) growConnections(connection + 1);
        return space(connection, dir).onMapping(subflow, dsn64, dataLevelLength, dataFin, nanos);
    }

    /** An infinite mapping (data-level length 0, RFC 8684 §3.7); true the first time for {@code connection}. */
    boolean onInfiniteMapping(int connection) {
        if (connection >= conns) growConnections(connection + 1);
        if ((cFlags[connection] & CF_INFINITE_MAPPING) != 0) return false;
        cFlags[connection] |= CF_INFINITE_MAPPING;
        return true;
    }

    /** A data ACK for connection direction {@code ackedDir} (as {@link FlowStats#onDataAck}). */
    void onDataAck(int connection, int ackedDir, long ack64, long nanos) {
        if (connection >= conns) growConnections(connection + 1);
        space(connection, ackedDir).onDataAck(ack64, nanos);
    }

    /** The MPTCP tracker moved direction {@code dir}'s earlier DSNs by {@code delta}. */
    void rebase(int connection, int dir, long delta) {
        if (connection < 0 || connection >= conns) return;
        DataSequenceSpace sp = cSpace[2 * connection + dir];
        if (sp != null) sp.rebase(delta);
    }

    /**
     * An MP_FAIL without RST (as {@link FlowStats#onFailFallback}); only the first one of a connection counts.
     *
     * @return true if this one made the connection fall back
     */
    boolean onFailFallback(int connection, int subflow, int failedDir, long dsn, long nanos) {
        if (connection >= conns) growConnections(connection + 1);
        if ((cFlags[connection] & CF_FAILED_OVER) != 0) return false;
        cFlags[connection] |= CF_FAILED_OVER;
        cFallback[connection] = nanos;
        cFailSubflow[connection] = subflow;
        cFailDsn[2 * connection + failedDir] = dsn;
        cHasFailDsn[2 * connection + failedDir] = true;
        return true;
    }

    /** Payload of linked {@code stream} in connection direction {@code dir}: counted if the connection fell back. */
    void onPayload(int stream, int connection, int dir, long nanos, int payload) {
        if (connection >= conns || cFallback[connection] < 0 || nanos < cFallback[connection]) return;
        int sd = 2 * stream + dir;
        if (sd >= sAfterFallback.length) {
            sAfterFallback = grow(sAfterFallback, capacity(sd + 2, sAfterFallback.length, 16), 0L);
        }
        sAfterFallback[sd] += payload;
    }

    private DataSequenceSpace space(int connection, int dir) {
        int i = 2 * connection + dir;
        DataSequenceSpace sp = cSpace[i];
        if (sp == null) sp = cSpace[i] = new DataSequenceSpace();
        return sp;
    }

    private void growConnections(int min) {
        if (min > cFlags.length) {
            // doubling the capacity, not the count: a new connection must not copy every array (quadratic)
            int n = capacity(min, cFlags.length, 4);
            cSpace = Arrays.copyOf(cSpace, 2 * n);
            cFlags = grow(cFlags, n, 0);
            cFallback = grow(cFallback, n, -1L);
            cFailSubflow = grow(cFailSubflow, n, -1);
            cFailDsn = grow(cFailDsn, 2 * n, 0L);
            cHasFailDsn = Arrays.copyOf(cHasFailDsn, 2 * n);
        }
        conns = Math.max(conns, min);
    }

    // =============================================================== reading, for the tables

    /** The data-level state of connection direction {@code (c, dir)}, null if it had no mapping nor data ACK. */
    DataSequenceSpace spaceOf(int c, int dir) {
        return c < conns ? cSpace[2 * c + dir] : null;
    }

    /** True if {@code (c, dir)} had DSS mappings with data. */
    boolean mapped(int c, int dir) {
        DataSequenceSpace sp = c < conns ? cSpace[2 * c + dir] : null;
        return sp != null && sp.hasData();
    }

    boolean infiniteMapping(int c) {
        return c < conns && (cFlags[c] & CF_INFINITE_MAPPING) != 0;
    }

    /** True if an MP_FAIL made connection {@code c} fall back to TCP. */
    boolean fellBack(int c) {
        return c < conns && cFallback[c] >= 0;
    }

    /** The subflow whose MP_FAIL made connection {@code c} fall back, -1 if none. */
    int failSubflow(int c) {
        return c < conns ? cFailSubflow[c] : -1;
    }

    /** Payload {@code stream} sent in direction {@code dir} after its connection fell back. */
    long afterFallback(int stream, int dir) {
        int sd = 2 * stream + dir;
        return sd < sAfterFallback.length ? sAfterFallback[sd] : 0;
    }

    /** Payload of connection {@code c}'s subflows in direction {@code dir} after it fell back. */
    long afterFallback(int c, int dir, FlowStreams.ByConnection streams) {
        long p = 0;
        for (int k = streams.from(c); k < streams.to(c); k++) p += afterFallback(streams.stream(k), dir);
        return p;
    }

    /**
     * Data bytes of {@code (c, dir)}: the mapped data, or for a connection that fell back the data below the
     * MP_FAIL's DSN plus the payload after it; the subflow payload when nothing was mapped.
     */
    long dataBytes(int c, int dir, FlowStreams.ByConnection streams) {
        if (!mapped(c, dir)) return streams.payload(c, dir);
        DataSequenceSpace sp = cSpace[2 * c + dir];
        return fellBack(c) ? mappedBeforeFallback(c, dir) + afterFallback(c, dir, streams) : sp.dataBytes();
    }

    /** Data-level bytes of a fallen-back connection below the MP_FAIL's DSN (all of them in the other direction). */
    long mappedBeforeFallback(int c, int dir) {
        int cd = 2 * c + dir;
        DataSequenceSpace sp = cSpace[cd];
        return cHasFailDsn[cd] ? sp.dataBytesBelow(cFailDsn[cd]) : sp.dataBytes();
    }

    /** The direction carrying the connection's data: more data-level bytes, else more payload. */
    int dataDirection(int c, FlowStreams.ByConnection streams) {
        long d0 = dataBytes(c, FlowStats.C2S, streams), d1 = dataBytes(c, FlowStats.S2C, streams);
        if (d0 != d1) return d0 > d1 ? FlowStats.C2S : FlowStats.S2C;
        return streams.payload(c, FlowStats.S2C) > streams.payload(c, FlowStats.C2S) ? FlowStats.S2C : FlowStats.C2S;
    }
}
