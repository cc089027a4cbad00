package org.mpcap.analyzer.stats;

import java.util.List;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.table.DataTable;

/**
 * The flow statistics of the MPTCP connections of one capture, fed with primitives in one streaming pass (the
 * {@link FlowStatsCollector} extracts them from the decoder's views; tests call these methods directly), and
 * dealt out to one part per job:
 * <ul>
 *   <li>{@link FlowStreams}: which subflow of which connection each TCP stream is, its direction, addresses,
 *       handshake, close and payload — what the other parts look up;</li>
 *   <li>{@link FlowDataLevel}: the data level of each connection direction (mappings, data ACKs, DATA_FIN,
 *       fallback);</li>
 *   <li>{@link BytesOverTime}: tables {@code cumulative} and {@code throughput};</li>
 *   <li>{@link Transfers}: tables {@code transfers} and {@code intervals};</li>
 *   <li>{@link Reinjections} and {@link SubflowShares}: tables {@code reinjections} and {@code subflow-share};</li>
 *   <li>{@link FlowEvents}: table {@code events}.</li>
 * </ul>
 *
 * <p>State is per TCP stream, per connection and per bin, all in primitive arrays indexed by the trackers'
 * dense indices; nothing is allocated per packet for a stream already seen (except event rows, which are rare).
 * The tables' rows are made on access ({@link DataTable#generated}) from primitive columns computed once at the
 * end, which hold no reference to this state: their memory grows by tens of bytes per row, not by a boxed row.
 *
 * <p>Directions: {@code c2s} is from the connection's client (the SYN sender of its initial subflow) to its
 * server, {@code s2c} the reverse, also on a subflow the server opened; every series and share is kept per
 * direction and only directions that carried payload appear. A subflow's client address is its address on the
 * connection client's side. Only packets of MPTCP connections (connection ≥ 0) are counted; payload of a stream
 * before the tracker linked it to a connection is not in the byte series (the handshake carries none).
 */
final class FlowStats {
    static final int C2S = 0, S2C = 1;
    static final String[] DIRECTION = {"c2s", "s2c"};
    static final int LEVEL_SUBFLOW = 0, LEVEL_INTERFACE = 1, LEVEL_CONNECTION = 2, LEVEL_DATA = 3;
    static final String[] LEVEL = {"subflow", "interface", "connection", "data"};
    /** Handshake option kinds remembered from a subflow's SYN. */
    static final int SYN_PLAIN = 0, SYN_MP_CAPABLE = 1, SYN_MP_JOIN = 2;
    /** binNanos = 0 ("full resolution") means bins of one microsecond, the resolution of exported times. */
    static final long FULL_RESOLUTION_BIN_NANOS = 1_000L;

    private final FlowStreams streams = new FlowStreams();
    private final FlowDataLevel dataLevel = new FlowDataLevel();
    private final BytesOverTime bytes;
    private final FlowEvents events = new FlowEvents();
    /** Reinjections per frame, from the DSN the MPTCP tracker gives each frame. */
    final Reinjections reinjections = new Reinjections();

    FlowStats(AnalysisOptions options) {
        this(options.binNanos(), options.throughputWindowNanos(), options.maxBins());
    }

    FlowStats(long binNanos, long windowNanos) {
        this(binNanos, windowNanos, BinnedSeries.MAX_BINS);
    }

    FlowStats(long binNanos, long windowNanos, int maxBins) {
        this.bytes = new BytesOverTime(binNanos, windowNanos, maxBins);
    }

    // =============================================================== per packet

    /**
     * One TCP segment.
     *
     * @param stream     tcp.stream index (≥ 0)
     * @param connection MPTCP connection index, or -1 if not (yet) known
     * @param subflow    subflow index in the connection (0 = initial), or -1
     * @param fromClient true if sent by the subflow's client (SYN sender)
     * @param dataDirection the MPTCP tracker's connection direction of the segment (0 = from the connection's
     *                   client), or -1 if unknown; a subflow whose client is the connection's server (a join
     *                   the server opened, or a mid-connection subflow matched the other way round) is reversed
     *                   from its first such segment on
     * @param nanos      time relative to the capture's first packet
     * @param tcpFlags   {@link TcpView} flag bits
     * @param payload    TCP payload length on the wire
     */
    void onSegment(int stream, int connection, int subflow, boolean fromClient, int dataDirection, long nanos,
                   int tcpFlags, int payload, long srcHi, long srcLo, long dstHi, long dstLo, int srcPort,
                   int dstPort) {
        if (stream < 0) return;
        bytes.onTime(nanos);
        int seen = streams.onSegment(stream, connection, subflow, fromClient, dataDirection, nanos, tcpFlags, payload,
                srcHi, srcLo, dstHi, dstLo, srcPort, dstPort);
        if ((seen & FlowStreams.EVENTS) != 0) subflowEvents(stream, seen, fromClient, nanos);
        if (payload > 0 && (seen & FlowStreams.LINKED) != 0) {
            int c = streams.connection(stream), dir = (seen & FlowStreams.S2C_BIT) != 0 ? S2C : C2S;
            dataLevel.onPayload(stream, c, dir, nanos, payload);
            bytes.onPayload(stream, dir, c, nanos, payload, streams);
        }
    }

    /** The rare path: the events of one segment, in the order they happened. */
    private void subflowEvents(int stream, int seen, boolean fromClient, long nanos) {
        int c = streams.connection(stream), sub = streams.subflow(stream);
        if ((seen & FlowStreams.RETRIED) != 0) {
            events.add(c, sub, nanos, "subflow_retried", "SYN again after the subflow closed");
        }
        if ((seen & FlowStreams.LINKED_AFTER_PLAIN_SYN_ACK) != 0) {
            events.add(c, sub, nanos, "fallback", "SYN/ACK without MP_CAPABLE");
        }
        if ((seen & FlowStreams.ESTABLISHED) != 0) {
            events.add(c, sub, nanos, "subflow_established", streams.describe(stream));
        }
        if ((seen & FlowStreams.CLOSED_BY_RST) != 0) {
            events.add(c, sub, nanos, "subflow_closed", "RST from " + (fromClient ? "client" : "server"));
        }
        if ((seen & FlowStreams.CLOSED_BY_FIN) != 0) events.add(c, sub, nanos, "subflow_closed", "FIN both ways");
    }

    /**
     * The MP_CAPABLE or MP_JOIN option of a subflow's SYN (RFC 8684 §3.1, §3.2), or of its SYN/ACK; a SYN/ACK
     * that answers an MP_CAPABLE SYN without one is a fallback to TCP (§3.7) and is reported as such.
     */
    void onHandshake(int stream, boolean synAck, int kind, boolean backup, int addressId, long nanos) {
        if (streams.onHandshake(stream, synAck, kind, backup, addressId)) {
            events.add(streams.connection(stream), streams.subflow(stream), nanos, "fallback",
                    "SYN/ACK without MP_CAPABLE");
        }
    }

    /**
     * A DSS mapping (RFC 8684 §3.3.1), or the implicit mapping of an MP_CAPABLE carrying data (§3.1), sent on
     * {@code subflow} of {@code connection} in connection direction {@code dir}, as the MPTCP tracker publishes
     * it ({@link PacketContext#mappingDsn}: 64-bit DSN).
     */
    void onMapping(int connection, int subflow, int dir, long dsn64, int dataLevelLength, boolean dataFin,
                   long nanos) {
        if (connection < 0 || subflow < 0 || dir < 0) return;
        if (dataLevelLength == 0) {
            if (dataLevel.onInfiniteMapping(connection)) {
                events.add(connection, subflow, nanos, "fallback", "infinite mapping (data-level length 0) "
                        + DIRECTION[dir]);
            }
            return;
        }
        long fresh = dataLevel.onMapping(connection, subflow, dir, dsn64, dataLevelLength, dataFin, nanos);
        if (fresh > 0) bytes.onNewData(connection, dir, nanos, fresh);
    }

    /**
     * An MP_FAIL without RST (RFC 8684 §3.7) sent by the {@code fromClient} side of a subflow: the data of
     * connection direction {@code failedDir} (the one the MP_FAIL's sender received) failed its checksum from
     * {@code dsn} on and the connection goes on as plain TCP; from now on the subflow payload is the data. Only
     * the first one counts.
     */
    void onFailFallback(int connection, int subflow, int failedDir, boolean fromClient, long dsn, long nanos) {
        if (connection < 0) return;
        if (!dataLevel.onFailFallback(connection, subflow, failedDir, dsn, nanos)) return;
        events.add(connection, subflow, nanos, "fallback", "MP_FAIL at dsn=" + Long.toUnsignedString(dsn) + " from "
                + (fromClient ? "client" : "server") + ": plain TCP from here on (RFC 8684 §3.7), "
                + DIRECTION[failedDir] + " data after it counted as subflow payload");
    }

    /**
     * A frame with payload whose data sequence number the MPTCP tracker knows ({@link PacketContext#hasDsn}):
     * {@code dir} is the connection direction (0 = from the connection's client), {@code frame} the frame number.
     */
    void onDataSegment(int stream, int connection, int subflow, int dir, long frame, long nanos, long dsn,
                       int length) {
        reinjections.onSegment(connection, dir, subflow, stream, frame, nanos, dsn, length);
    }

    /** The MPTCP tracker moved direction {@code dir}'s earlier DSNs by {@code delta} ({@link PacketContext#rebased}). */
    void rebase(int connection, int dir, long delta) {
        reinjections.rebase(connection, dir, delta);
        dataLevel.rebase(connection, dir, delta);
    }

    /**
     * A data ACK (RFC 8684 §3.3.2, 64-bit as the MPTCP tracker publishes it) acknowledging connection direction
     * {@code ackedDir} (the direction opposite to its packet's).
     */
    void onDataAck(int connection, int ackedDir, long ack64, long nanos) {
        if (connection < 0) return;
        dataLevel.onDataAck(connection, ackedDir, ack64, nanos);
    }

    /** An MPTCP event (ADD_ADDR, MP_PRIO …) with a human-readable detail. */
    void event(int connection, int subflow, long nanos, String event, String detail) {
        events.add(connection, subflow, nanos, event, detail);
    }

    // =============================================================== results

    /** Nanoseconds as seconds without trailing zeros: 10 ms → "0.01", 1 s → "1" (not "0.010000", "1.000000"). */
    static String plainSeconds(long nanos) {
        return java.math.BigDecimal.valueOf(nanos).movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    /**
     * Table {@code cumulative}. The bytes-over-time tables freeze the series at the first of them: segments fed
     * afterwards are not in either.
     */
    DataTable cumulative(String capture) {
        return bytes.cumulative(capture, streams);
    }

    DataTable throughput(String capture) {
        return bytes.throughput(capture, streams);
    }

    DataTable transfers(String capture) {
        return Transfers.transfers(capture, streams, dataLevel);
    }

    DataTable intervals(String capture) {
        return Transfers.intervals(capture, streams);
    }

    DataTable reinjections(String capture) {
        return reinjections(capture, TrackingView.empty());
    }

    DataTable reinjections(String capture, TrackingView tracking) {
        return reinjections.table(capture, tracking);
    }

    DataTable subflowShare(String capture) {
        return SubflowShares.table(capture, streams, dataLevel, reinjections);
    }

    DataTable events(String capture) {
        return events.table(capture, streams, dataLevel);
    }

    /** All tables, in a stable order. */
    List<DataTable> tables(String capture) {
        return tables(capture, TrackingView.empty());
    }

    List<DataTable> tables(String capture, TrackingView tracking) {
        return List.of(cumulative(capture), throughput(capture), transfers(capture), intervals(capture),
                reinjections(capture, tracking), subflowShare(capture), events(capture));
    }
}
