package org.mpcap.analyzer.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.decode.IpAddresses;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Bytes over time, throughput, transfers, establishment intervals, reinjections, subflow shares and MPTCP events of the MPTCP connections of one capture, fed with primitives in one streaming pass (the
 * {@link FlowStatsCollector} extracts them from the decoder's views; tests call these methods directly).
 *
 * <p>State is per TCP stream, per connection and per bin, all in primitive arrays indexed by the trackers'
 * dense indices; nothing is allocated per packet for a stream already seen (except event rows, which are rare).
 *
 * <p>Directions: {@code c2s} is from the connection's client (the SYN sender of its initial subflow) to its
 * server, {@code s2c} the reverse, also on a subflow the server opened ({@link #setReversed}); every series and
 * share is kept per direction and only directions that carried payload appear. A subflow's client address is
 * its address on the connection client's side.
 * Only packets of MPTCP connections (connection ≥ 0) are counted; payload of a stream before the tracker linked
 * it to a connection is not in the byte series (the handshake carries none).
 *
 * <p><b>Transfers versus the application's measure.</b> The testbed's {@code runs.csv} (scenario, run, bytes,
 * time_s, rate_kBps) is measured by the sending application from just before {@code connect()} until the
 * server's 8-byte confirmation arrived, which the server sends after reading the end of the stream.
 * {@code transfers} measures on the wire: {@code data_bytes} is the data acknowledged at the MPTCP level
 * (highest data ACK − first DSN, DATA_FIN excluded), which equals the bytes the application wrote when the whole
 * connection is captured; {@code duration_s} runs from the first SYN to the data ACK that covers the DATA_FIN.
 * The capture therefore misses the time before the SYN leaves (socket set-up) and after the DATA_FIN's ACK
 * (the confirmation's transfer and the application's wake-up): on the sample captures (client side, 1 MiB)
 * the wire duration is 0.2-0.6 ms shorter than {@code time_s} and the rates agree within 0.15 %. Rates use
 * kB = 1000 bytes, as {@code dd} and {@code runs.csv}.
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

    private final long windowNanos;
    private final BinnedSeries bins;

    // ---- per TCP stream (index = tcp.stream)
    private int streamCap = 0;
    private int streams = 0;
    private int[] sConn = new int[0], sSub = new int[0], sIface = new int[0], sSynKind = new int[0];
    private int[] sAddrId = new int[0];
    private boolean[] sBackup = new boolean[0];
    private boolean[] sReversed = new boolean[0];
    private long[] sSyn = new long[0], sEstablished = new long[0];
    private int[] sState = new int[0];      // bits below
    private int[] sSeries = new int[0];     // [2*stream + dir]: subflow series
    private int[] sIfaceSeries = new int[0];
    private long[] sPayload = new long[0], sLastPayload = new long[0]; // [2*stream+dir]
    private long[] sAddr = new long[0];     // [4*stream]: client hi, lo, server hi, lo
    private int[] sPorts = new int[0];      // [2*stream]: client port, server port
    private static final int ST_SEEN = 1, ST_SYNACK = 2, ST_EST = 4, ST_FIN_C = 8, ST_FIN_S = 16, ST_CLOSED = 32,
            ST_LINKED = 64, ST_SYNACK_NOT_MP = 128;

    // ---- per connection
    private int conns = 0;
    private long[] cFirst = new long[0];
    private int[] cSeries = new int[0], cDataSeries = new int[0]; // [2*conn+dir]
    private DataSequenceSpace[] cSpace = new DataSequenceSpace[0]; // [2*conn+dir]
    private int[] cFlags = new int[0];
    private static final int CF_INFINITE_MAPPING = 1, CF_FAILED_OVER = 2;
    /** Per connection: when an MP_FAIL made it fall back to TCP (RFC 8684 §3.7), -1 if never. */
    private long[] cFallback = new long[0];
    /** Per connection: the subflow whose MP_FAIL made it fall back, -1 if none. */
    private int[] cFailSubflow = new int[0];
    /** [2*conn+dir]: the 64-bit DSN of the MP_FAIL for the direction whose data failed. */
    private long[] cFailDsn = new long[0];
    private boolean[] cHasFailDsn = new boolean[0];
    /** [2*stream+dir]: payload sent after the connection fell back (it is then the data, RFC 8684 §3.7). */
    private long[] sAfterFallback = new long[0];

    // ---- per series
    private int[] serLevel = new int[16], serConn = new int[16], serSub = new int[16], serIface = new int[16],
            serDir = new int[16];
    private final Map<Long, Integer> ifaceSeriesByKey = new HashMap<>(); // used when a stream is linked only

    // ---- client interfaces
    private long[] ifHi = new long[4], ifLo = new long[4];
    private int ifaces;

    private final List<Object[]> events = new ArrayList<>();
    private long lastNanos;
    /** Reinjections per frame, from the DSN the MPTCP tracker gives each frame. */
    final Reinjections reinjections = new Reinjections();

    FlowStats(AnalysisOptions options) {
        this(options.binNanos(), options.throughputWindowNanos(), options.maxBins());
    }

    FlowStats(long binNanos, long windowNanos) {
        this(binNanos, windowNanos, BinnedSeries.MAX_BINS);
    }

    FlowStats(long binNanos, long windowNanos, int maxBins) {
        this.bins = new BinnedSeries(binNanos == 0 ? FULL_RESOLUTION_BIN_NANOS : binNanos, maxBins);
        this.windowNanos = windowNanos;
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
        if (nanos > lastNanos) lastNanos = nanos;
        if (stream >= streams) growStreams(stream + 1);
        int st = sState[stream];
        if ((st & ST_SEEN) == 0) {
            st |= ST_SEEN;
            int a = 4 * stream;
            if (fromClient) {
                sAddr[a] = srcHi; sAddr[a + 1] = srcLo; sAddr[a + 2] = dstHi; sAddr[a + 3] = dstLo;
                sPorts[2 * stream] = srcPort; sPorts[2 * stream + 1] = dstPort;
            } else {
                sAddr[a] = dstHi; sAddr[a + 1] = dstLo; sAddr[a + 2] = srcHi; sAddr[a + 3] = srcLo;
                sPorts[2 * stream] = dstPort; sPorts[2 * stream + 1] = srcPort;
            }
            sIface[stream] = ifaceIndex(sAddr[a], sAddr[a + 1]);
        }
        if (dataDirection >= 0 && (dataDirection == C2S) != fromClient) setReversed(stream);
        int dir = fromClient != sReversed[stream] ? C2S : S2C;
        int sd = 2 * stream + dir;
        boolean syn = (tcpFlags & TcpView.SYN) != 0, ack = (tcpFlags & TcpView.ACK) != 0;
        if (syn && !ack && fromClient && sSyn[stream] < 0) sSyn[stream] = nanos;
        if (syn && !ack && fromClient && (st & ST_CLOSED) != 0) {
            // The client opens the closed subflow's 4-tuple again with the same ISN (so the same tcp.stream, as
            // in Wireshark): a join refused by RST and retried. Its handshake and close are events again.
            st &= ~(ST_CLOSED | ST_SYNACK | ST_EST | ST_FIN_C | ST_FIN_S);
            if ((st & ST_LINKED) != 0) {
                event(sConn[stream], sSub[stream], nanos, "subflow_retried", "SYN again after the subflow closed");
            }
        }
        if (syn && ack && !fromClient) st |= ST_SYNACK;
        if (connection >= 0 && subflow >= 0 && (st & ST_LINKED) == 0) {
            st |= ST_LINKED;
            sState[stream] = st;
            link(stream, connection, subflow, nanos);
        }
        boolean linked = (st & ST_LINKED) != 0;
        int c = sConn[stream];
        if (linked) {
            if (!syn && ack && fromClient && (st & (ST_SYNACK | ST_EST)) == ST_SYNACK) { // third ACK
                st |= ST_EST;
                sEstablished[stream] = nanos;
                event(c, sSub[stream], nanos, "subflow_established", describeSubflow(stream));
            }
            if ((tcpFlags & TcpView.RST) != 0 && (st & ST_CLOSED) == 0) {
                st |= ST_CLOSED;
                event(c, sSub[stream], nanos, "subflow_closed", "RST from " + (fromClient ? "client" : "server"));
            }
            if ((tcpFlags & TcpView.FIN) != 0) {
                st |= fromClient ? ST_FIN_C : ST_FIN_S;
                if ((st & (ST_FIN_C | ST_FIN_S)) == (ST_FIN_C | ST_FIN_S) && (st & ST_CLOSED) == 0) {
                    st |= ST_CLOSED;
                    event(c, sSub[stream], nanos, "subflow_closed", "FIN both ways");
                }
            }
        }
        sState[stream] = st;
        if (payload > 0) {
            sPayload[sd] += payload;
            sLastPayload[sd] = nanos;
            if (linked && cFallback[c] >= 0 && nanos >= cFallback[c]) sAfterFallback[sd] += payload;
            if (linked) {
                int s = sSeries[sd];
                if (s < 0) s = newSubflowSeries(stream, sd, c, dir);
                bins.add(s, nanos, payload); // the interface and connection sums are added up at the end
            }
        }
    }

    /**
     * The MP_CAPABLE or MP_JOIN option of a subflow's SYN (RFC 8684 §3.1, §3.2), or of its SYN/ACK; a SYN/ACK
     * that answers an MP_CAPABLE SYN without one is a fallback to TCP (§3.7) and is reported as such.
     */
    void onHandshake(int stream, boolean synAck, int kind, boolean backup, int addressId, long nanos) {
        if (stream < 0 || stream >= streams) return;
        if (!synAck) {
            if (sSynKind[stream] == SYN_PLAIN) {
                sSynKind[stream] = kind;
                sBackup[stream] = backup;
                sAddrId[stream] = addressId;
            }
        } else if (kind == SYN_PLAIN && sSynKind[stream] == SYN_MP_CAPABLE
                && (sState[stream] & ST_SYNACK_NOT_MP) == 0) {
            sState[stream] |= ST_SYNACK_NOT_MP;
            if ((sState[stream] & ST_LINKED) != 0) {
                event(sConn[stream], sSub[stream], nanos, "fallback", "SYN/ACK without MP_CAPABLE");
            }
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
        if (connection >= conns) growConnections(connection + 1);
        if (dataLevelLength == 0) {
            if ((cFlags[connection] & CF_INFINITE_MAPPING) == 0) {
                cFlags[connection] |= CF_INFINITE_MAPPING;
                event(connection, subflow, nanos, "fallback", "infinite mapping (data-level length 0) "
                        + DIRECTION[dir]);
            }
            return;
        }
        DataSequenceSpace sp = space(connection, dir);
        long fresh = sp.onMapping(subflow, dsn64, dataLevelLength, dataFin, nanos);
        if (fresh > 0) {
            int cs = 2 * connection + dir;
            int k = cDataSeries[cs];
            if (k < 0) k = cDataSeries[cs] = newSeries(LEVEL_DATA, connection, -1, -1, dir);
            bins.add(k, nanos, fresh);
        }
    }

    /**
     * An MP_FAIL without RST (RFC 8684 §3.7) sent by the {@code fromClient} side of a subflow: the data of
     * connection direction {@code failedDir} (the one the MP_FAIL's sender received) failed its checksum from
     * {@code dsn} on and the connection goes on as plain TCP; from now on the subflow payload is the data. Only
     * the first one counts.
     */
    void onFailFallback(int connection, int subflow, int failedDir, boolean fromClient, long dsn, long nanos) {
        if (connection < 0) return;
        if (connection >= conns) growConnections(connection + 1);
        if ((cFlags[connection] & CF_FAILED_OVER) != 0) return;
        cFlags[connection] |= CF_FAILED_OVER;
        cFallback[connection] = nanos;
        cFailSubflow[connection] = subflow;
        cFailDsn[2 * connection + failedDir] = dsn;
        cHasFailDsn[2 * connection + failedDir] = true;
        event(connection, subflow, nanos, "fallback", "MP_FAIL at dsn=" + Long.toUnsignedString(dsn) + " from "
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
        if (connection < 0 || connection >= conns) return;
        DataSequenceSpace sp = cSpace[2 * connection + dir];
        if (sp != null) sp.rebase(delta);
    }

    /**
     * A data ACK (RFC 8684 §3.3.2, 64-bit as the MPTCP tracker publishes it) acknowledging connection direction
     * {@code ackedDir} (the direction opposite to its packet's).
     */
    void onDataAck(int connection, int ackedDir, long ack64, long nanos) {
        if (connection < 0) return;
        if (connection >= conns) growConnections(connection + 1);
        space(connection, ackedDir).onDataAck(ack64, nanos);
    }

    /**
     * Marks the subflow of {@code stream} as one whose client (SYN sender, or first sender) is the connection's
     * server: its addresses and directions are swapped so that c2s stays the connection client's direction.
     */
    private void setReversed(int stream) {
        if (stream < 0 || stream >= streams || sReversed[stream]) return;
        sReversed[stream] = true;
        int a = 4 * stream;
        long h = sAddr[a], l = sAddr[a + 1];
        sAddr[a] = sAddr[a + 2];
        sAddr[a + 1] = sAddr[a + 3];
        sAddr[a + 2] = h;
        sAddr[a + 3] = l;
        int p = sPorts[2 * stream];
        sPorts[2 * stream] = sPorts[2 * stream + 1];
        sPorts[2 * stream + 1] = p;
        sIface[stream] = ifaceIndex(sAddr[a], sAddr[a + 1]);
    }

    /** An MPTCP event (ADD_ADDR, MP_PRIO …) with a human-readable detail; allocates a row. */
    void event(int connection, int subflow, long nanos, String event, String detail) {
        events.add(eventRow(connection, subflow, nanos, event, detail));
    }

    private static Object[] eventRow(int connection, int subflow, long nanos, String event, String detail) {
        return new Object[] {connection < 0 ? null : (long) connection, nanos, subflow < 0 ? null : (long) subflow,
                event, detail};
    }

    // =============================================================== state helpers

    private DataSequenceSpace space(int connection, int dir) {
        int i = 2 * connection + dir;
        DataSequenceSpace sp = cSpace[i];
        if (sp == null) sp = cSpace[i] = new DataSequenceSpace();
        return sp;
    }

    private void link(int stream, int connection, int subflow, long nanos) {
        if (connection >= conns) growConnections(connection + 1);
        sConn[stream] = connection;
        sSub[stream] = subflow;
        long first = sSyn[stream] >= 0 ? sSyn[stream] : nanos;
        if (cFirst[connection] < 0 || first < cFirst[connection]) cFirst[connection] = first;
        if ((sState[stream] & ST_SYNACK_NOT_MP) != 0) {
            event(connection, subflow, nanos, "fallback", "SYN/ACK without MP_CAPABLE");
        }
    }

    private int ifaceIndex(long hi, long lo) {
        for (int i = 0; i < ifaces; i++) if (ifHi[i] == hi && ifLo[i] == lo) return i;
        if (ifaces == ifHi.length) {
            ifHi = Arrays.copyOf(ifHi, ifaces * 2);
            ifLo = Arrays.copyOf(ifLo, ifaces * 2);
        }
        ifHi[ifaces] = hi;
        ifLo[ifaces] = lo;
        return ifaces++;
    }

    /**
     * The series of a subflow direction, created with the interface and connection series it adds up to (in that
     * order: series ids, and so the order of the table rows, are those of the first payload of each).
     */
    private int newSubflowSeries(int stream, int sd, int c, int dir) {
        int s = sSeries[sd] = newSeries(LEVEL_SUBFLOW, c, sSub[stream], sIface[stream], dir);
        if (sIfaceSeries[sd] < 0) sIfaceSeries[sd] = ifaceSeries(c, sIface[stream], dir);
        if (cSeries[2 * c + dir] < 0) cSeries[2 * c + dir] = newSeries(LEVEL_CONNECTION, c, -1, -1, dir);
        return s;
    }

    private boolean summed;

    /** Adds each subflow series into its interface and connection series, once, before the tables are built. */
    private void sumSeries() {
        if (summed) return;
        summed = true;
        for (int s = 0, n = bins.seriesCount(); s < n; s++) {
            if (serLevel[s] != LEVEL_SUBFLOW) continue;
            bins.addSeries(ifaceSeries(serConn[s], serIface[s], serDir[s]), s);
            bins.addSeries(cSeries[2 * serConn[s] + serDir[s]], s);
        }
    }

    private int ifaceSeries(int connection, int iface, int dir) {
        long key = ((long) connection << 32) | ((long) iface << 1) | dir;
        Integer s = ifaceSeriesByKey.get(key);
        if (s == null) {
            s = newSeries(LEVEL_INTERFACE, connection, -1, iface, dir);
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

    private void growStreams(int min) {
        int old = streams;
        if (min > streamCap) {
            int n = Math.max(min, Math.max(16, streamCap * 2));
            sConn = grow(sConn, n, -1);
            sSub = grow(sSub, n, -1);
            sIface = grow(sIface, n, -1);
            sSynKind = grow(sSynKind, n, SYN_PLAIN);
            sAddrId = grow(sAddrId, n, -1);
            sBackup = Arrays.copyOf(sBackup, n);
            sReversed = Arrays.copyOf(sReversed, n);
            sSyn = grow(sSyn, n, -1L);
            sEstablished = grow(sEstablished, n, -1L);
            sState = grow(sState, n, 0);
            sSeries = grow(sSeries, 2 * n, -1);
            sIfaceSeries = grow(sIfaceSeries, 2 * n, -1);
            sPayload = grow(sPayload, 2 * n, 0L);
            sLastPayload = grow(sLastPayload, 2 * n, -1L);
            sAfterFallback = grow(sAfterFallback, 2 * n, 0L);
            sAddr = grow(sAddr, 4 * n, 0L);
            sPorts = grow(sPorts, 2 * n, 0);
            streamCap = n;
        }
        streams = Math.max(old, min);
    }

    private void growConnections(int min) {
        if (min > cFirst.length) {
            // doubling the capacity, not the count: a new connection must not copy every array (quadratic)
            int n = Math.max(min, Math.max(4, cFirst.length * 2));
            cFirst = grow(cFirst, n, -1L);
            cSeries = grow(cSeries, 2 * n, -1);
            cDataSeries = grow(cDataSeries, 2 * n, -1);
            cSpace = Arrays.copyOf(cSpace, 2 * n);
            cFlags = grow(cFlags, n, 0);
            cFallback = grow(cFallback, n, -1L);
            cFailSubflow = grow(cFailSubflow, n, -1);
            cFailDsn = grow(cFailDsn, 2 * n, 0L);
            cHasFailDsn = Arrays.copyOf(cHasFailDsn, 2 * n);
        }
        conns = Math.max(conns, min);
    }

    private static int[] grow(int[] a, int n, int fill) {
        int old = a.length;
        a = Arrays.copyOf(a, n);
        Arrays.fill(a, old, n, fill);
        return a;
    }

    private static long[] grow(long[] a, int n, long fill) {
        int old = a.length;
        a = Arrays.copyOf(a, n);
        Arrays.fill(a, old, n, fill);
        return a;
    }

    private String describeSubflow(int stream) {
        int a = 4 * stream;
        StringBuilder sb = new StringBuilder();
        sb.append(IpAddresses.format(sAddr[a], sAddr[a + 1])).append(':').append(sPorts[2 * stream])
                .append(" -> ").append(IpAddresses.format(sAddr[a + 2], sAddr[a + 3])).append(':')
                .append(sPorts[2 * stream + 1]);
        if (sReversed[stream]) sb.append(" opened by the server");
        switch (sSynKind[stream]) {
            case SYN_MP_CAPABLE -> sb.append(" MP_CAPABLE");
            case SYN_MP_JOIN -> {
                sb.append(" MP_JOIN");
                if (sAddrId[stream] >= 0) sb.append(" addr_id=").append(sAddrId[stream]);
                if (sBackup[stream]) sb.append(" backup");
            }
            default -> sb.append(" no MPTCP option on SYN");
        }
        return sb.toString();
    }

    // =============================================================== results

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e3) / 1e6;
    }

    private String addr(int iface) {
        return iface < 0 ? null : IpAddresses.format(ifHi[iface], ifLo[iface]);
    }

    private static Long boxOrNull(int v) {
        return v < 0 ? null : (long) v;
    }

    /** Series ids in table order: connection, level, subflow, interface, direction. */
    private Integer[] seriesOrder() {
        Integer[] order = new Integer[bins.seriesCount()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingInt(s -> serConn[s]).thenComparingInt(s -> serLevel[s])
                .thenComparingInt(s -> serSub[s]).thenComparing(s -> addr(serIface[s]) == null ? ""
                        : addr(serIface[s])).thenComparingInt(s -> serDir[s]));
        return order;
    }

    private String binNote() {
        return "bins of " + plainSeconds(bins.binWidthNanos()) + " s";
    }

    /** Nanoseconds as seconds without trailing zeros: 10 ms → "0.01", 1 s → "1" (not "0.010000", "1.000000"). */
    static String plainSeconds(long nanos) {
        return java.math.BigDecimal.valueOf(nanos).movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    DataTable cumulative(String capture) {
        sumSeries();
        DataTable t = new DataTable("cumulative", "Cumulative payload bytes over time (" + binNote() + ")",
                List.of(Column.text("capture", "capture file name"),
                        Column.integer("connection", "", "MPTCP connection index (0-based, order of appearance)"),
                        Column.integer("subflow", "", "subflow index (0 = initial subflow); empty unless level is "
                                + "subflow"),
                        Column.text("client_addr", "client-side address of the subflow(s); empty for levels "
                                + "connection and data"),
                        Column.seconds("time", "end of the bin, relative to the capture's first packet"),
                        Column.integer("bytes", "B", "payload bytes sent up to the end of the bin"),
                        Column.text("level", "subflow: one subflow's TCP payload; interface: all subflows of the "
                                + "connection through that client address; connection: all subflows' payload "
                                + "(retransmissions included); data: new data-sequence bytes (first transmissions "
                                + "at the MPTCP level, from DSS mappings)"),
                        Column.text("direction", "c2s = from the subflow's client (SYN sender) to its server, "
                                + "s2c = reverse")));
        long w = bins.binWidthNanos();
        for (int s : seriesOrder()) {
            if (!bins.hasData(s)) continue;
            long cum = 0;
            Long conn = (long) serConn[s], sub = boxOrNull(serSub[s]); // per series, not per row
            String addr = addr(serIface[s]);
            // One row per non-empty bin, and one holding the value at the end of an idle stretch (the bin before
            // the next non-empty one), so a line through the rows is the step function it was with a row per
            // bin, while the rows stay bounded by the bins that carried data, not by the capture's length.
            for (int k = 0, n = bins.nonEmptyBins(s); k < n; k++) {
                int b = bins.binAt(s, k);
                if (k > 0 && b - 1 > bins.binAt(s, k - 1)) {
                    t.add(capture, conn, sub, addr, seconds((long) b * w), cum, LEVEL[serLevel[s]],
                            DIRECTION[serDir[s]]);
                }
                cum += bins.bytesAt(s, k);
                t.add(capture, conn, sub, addr, seconds((b + 1L) * w), cum, LEVEL[serLevel[s]], DIRECTION[serDir[s]]);
            }
        }
        return t;
    }

    DataTable throughput(String capture) {
        sumSeries();
        long w = bins.binWidthNanos();
        int wb = bins.windowBins(windowNanos);
        double windowSeconds = wb * (double) w / 1e9;
        DataTable t = new DataTable("throughput", "Throughput, moving window of " + plainSeconds((long) wb * w)
                + " s (" + binNote() + ")",
                List.of(Column.text("capture", "capture file name"),
                        Column.integer("connection", "", "MPTCP connection index"),
                        Column.integer("subflow", "", "subflow index (0 = initial); empty unless level is subflow"),
                        Column.seconds("time", "end of the bin at which the window ends"),
                        Column.decimal("bits_per_s", 1, "bit/s", "payload bits in the window ending at time, "
                                + "divided by the window length (also at the start, as Wireshark)"),
                        Column.text("level", "subflow | interface | connection | data, as in table cumulative"),
                        Column.text("direction", "c2s | s2c"),
                        Column.text("client_addr", "client-side address; set for levels subflow and interface")));
        int lastCaptureBin = (int) Math.max(bins.lastBin(), Math.min(Integer.MAX_VALUE, lastNanos / w));
        for (int s : seriesOrder()) {
            if (!bins.hasData(s)) continue;
            int n = bins.nonEmptyBins(s);
            int end = (int) Math.min((long) bins.lastBin(s) + wb, lastCaptureBin);
            long sum = 0;
            Long conn = (long) serConn[s], sub = boxOrNull(serSub[s]); // per series, not per row
            String addr = addr(serIface[s]);
            String level = LEVEL[serLevel[s]], dir = DIRECTION[serDir[s]];
            // The window (b - wb, b] slides over the non-empty bins (enter: k, leave: j). Every bin where the window
            // holds data gets a row; an idle stretch gets one zero row where the window has drained and one just
            // before the next data, so the rows stay bounded by the data (a two-hour quiet capture does not
            // produce a row per bin per series) and a line through them is unchanged.
            int k = 0, j = 0;
            for (int b = bins.firstBin(s); b <= end; b++) {
                while (k < n && bins.binAt(s, k) <= b) sum += bins.bytesAt(s, k++);
                while (j < k && bins.binAt(s, j) <= b - wb) sum -= bins.bytesAt(s, j++);
                t.add(capture, conn, sub, seconds((b + 1L) * w), sum * 8 / windowSeconds, level, dir, addr);
                if (sum == 0) {
                    if (k >= n) {
                        if (b < end) t.add(capture, conn, sub, seconds((end + 1L) * w), 0.0, level, dir, addr);
                        break;
                    }
                    int next = bins.binAt(s, k);
                    if (next - 1 > b) {
                        b = next - 1;
                        t.add(capture, conn, sub, seconds((b + 1L) * w), 0.0, level, dir, addr);
                    }
                }
            }
        }
        return t;
    }

    /**
     * The streams of each connection, {@code connStreams[connFirst[c] .. connFirst[c + 1])} in stream order: made
     * once for the tables, so that per-connection sums do not scan every stream (a million connections would make
     * that 10^12 steps).
     */
    private int[] connFirst, connStreams;

    private void indexStreams() {
        if (connFirst != null && connFirst.length == conns + 1) return;
        int[] first = new int[conns + 1];
        for (int st = 0; st < streams; st++) if (sConn[st] >= 0 && sConn[st] < conns) first[sConn[st] + 1]++;
        for (int c = 0; c < conns; c++) first[c + 1] += first[c];
        int[] next = Arrays.copyOf(first, conns);
        int[] list = new int[first[conns]];
        for (int st = 0; st < streams; st++) if (sConn[st] >= 0 && sConn[st] < conns) list[next[sConn[st]]++] = st;
        connStreams = list;
        connFirst = first;
    }

    /** Per-direction subflow payload of connection {@code c}. */
    private long connectionPayload(int c, int dir) {
        indexStreams();
        long p = 0;
        for (int k = connFirst[c]; k < connFirst[c + 1]; k++) p += sPayload[2 * connStreams[k] + dir];
        return p;
    }

    private long connectionLastPayload(int c, int dir) {
        indexStreams();
        long p = -1;
        for (int k = connFirst[c]; k < connFirst[c + 1]; k++) p = Math.max(p, sLastPayload[2 * connStreams[k] + dir]);
        return p;
    }

    private int subflowCount(int c) {
        indexStreams();
        int n = 0;
        for (int k = connFirst[c]; k < connFirst[c + 1]; k++) n = Math.max(n, sSub[connStreams[k]] + 1);
        return n;
    }

    /** The direction carrying the connection's data: more data-level bytes, else more payload. */
    private int dataDirection(int c) {
        long d0 = dataBytes(c, C2S), d1 = dataBytes(c, S2C);
        if (d0 != d1) return d0 > d1 ? C2S : S2C;
        return connectionPayload(c, S2C) > connectionPayload(c, C2S) ? S2C : C2S;
    }

    private long dataBytes(int c, int dir) {
        DataSequenceSpace sp = cSpace[2 * c + dir];
        if (sp == null || !sp.hasData()) return connectionPayload(c, dir);
        return cFallback[c] >= 0 ? mappedBeforeFallback(c, dir, sp) + afterFallback(c, dir) : sp.dataBytes();
    }

    /** Data-level bytes of a fallen-back connection below the MP_FAIL's DSN (all of them in the other direction). */
    private long mappedBeforeFallback(int c, int dir, DataSequenceSpace sp) {
        int cd = 2 * c + dir;
        return cHasFailDsn[cd] ? sp.dataBytesBelow(cFailDsn[cd]) : sp.dataBytes();
    }

    /** Payload of the connection's subflows in direction {@code dir} after it fell back. */
    private long afterFallback(int c, int dir) {
        indexStreams();
        long p = 0;
        for (int k = connFirst[c]; k < connFirst[c + 1]; k++) p += sAfterFallback[2 * connStreams[k] + dir];
        return p;
    }

    DataTable transfers(String capture) {
        DataTable t = new DataTable("transfers", "Data transferred per MPTCP connection",
                List.of(Column.text("capture", "capture file name"),
                        Column.integer("connection", "", "MPTCP connection index"),
                        Column.integer("data_bytes", "B", "data bytes at the MPTCP level in the data direction "
                                + "(see basis); the DATA_FIN is not counted"),
                        Column.seconds("start_time", "first SYN of the connection's first subflow"),
                        Column.seconds("end_time", "when the DATA_FIN was data-acknowledged, else see end_reason"),
                        Column.decimal("duration_s", 6, "s", "end_time - start_time"),
                        Column.decimal("rate_kBps", 3, "kB/s (1 kB = 1000 B)", "data_bytes / duration_s / 1000"),
                        Column.text("direction", "the direction carrying more data: c2s | s2c"),
                        Column.text("end_reason", "data_fin_acked | data_fin (DATA_FIN seen, its ACK not) | "
                                + "last_data (no DATA_FIN: last payload packet)"),
                        Column.text("basis", "data_ack: lowest DSN to highest data ACK; dsn_span: lowest DSN to "
                                + "end of the highest mapping (no data ACK seen); subflow_payload: sum of TCP "
                                + "payload (no DSS mapping: fallback or MPTCP options stripped); fallback: data "
                                + "below the MP_FAIL's DSN plus the TCP payload sent after it (RFC 8684 §3.7)"),
                        Column.integer("payload_bytes", "B", "TCP payload of all subflows in that direction, "
                                + "retransmissions and reinjections included"),
                        Column.integer("subflows", "", "subflows seen")));
        for (int c = 0; c < conns; c++) {
            if (cFirst[c] < 0) continue;
            int dir = dataDirection(c);
            DataSequenceSpace sp = cSpace[2 * c + dir];
            String basis;
            long bytes;
            if (sp != null && sp.hasData() && cFallback[c] >= 0) {
                basis = "fallback";
                bytes = dataBytes(c, dir);
            } else if (sp != null && sp.hasData()) {
                basis = sp.hasAck() ? "data_ack" : "dsn_span";
                bytes = sp.dataBytes();
            } else {
                basis = "subflow_payload";
                bytes = connectionPayload(c, dir);
            }
            long end;
            String reason;
            if (sp != null && sp.dataFinAckedNanos() >= 0) {
                end = sp.dataFinAckedNanos();
                reason = "data_fin_acked";
            } else if (sp != null && sp.dataFinNanos() >= 0) {
                end = sp.dataFinNanos();
                reason = "data_fin";
            } else {
                end = Math.max(cFirst[c], connectionLastPayload(c, dir));
                reason = "last_data";
            }
            double start = seconds(cFirst[c]), stop = seconds(end);
            double duration = seconds(end - cFirst[c]);
            Double rate = duration > 0 ? bytes / duration / 1000.0 : null;
            t.add(capture, (long) c, bytes, start, stop, duration, rate, DIRECTION[dir], reason, basis,
                    connectionPayload(c, dir), (long) subflowCount(c));
        }
        return t;
    }

    DataTable intervals(String capture) {
        DataTable t = new DataTable("intervals", "Subflow establishment intervals (report Table 4)",
                List.of(Column.text("capture", "capture file name"),
                        Column.integer("connection", "", "MPTCP connection index"),
                        Column.integer("from_subflow", "", "earlier subflow (0 = initial subflow)"),
                        Column.integer("to_subflow", "", "later subflow"),
                        Column.decimal("interval_s", 6, "s", "time between the first SYNs of the two subflows"),
                        Column.text("label", "the report's name: flowN is subflow N-1 (flow1 = initial)")));
        for (int c = 0; c < conns; c++) {
            int n = subflowCount(c);
            if (n < 2) continue;
            long[] syn = new long[n];
            Arrays.fill(syn, -1);
            for (int k = connFirst[c]; k < connFirst[c + 1]; k++) {
                int st = connStreams[k];
                if (sSyn[st] >= 0 && (syn[sSub[st]] < 0 || sSyn[st] < syn[sSub[st]])) {
                    syn[sSub[st]] = sSyn[st];
                }
            }
            for (EstablishmentIntervals.Interval iv : EstablishmentIntervals.of(syn)) {
                t.add(capture, (long) c, (long) iv.fromSubflow(), (long) iv.toSubflow(), seconds(iv.nanos()),
                        iv.label());
            }
        }
        return t;
    }

    DataTable reinjections(String capture) {
        return reinjections(capture, TrackingView.empty());
    }

    DataTable reinjections(String capture, TrackingView tracking) {
        return reinjections.table(capture, tracking);
    }

    DataTable subflowShare(String capture) {
        DataTable t = new DataTable("subflow-share", "Share of each subflow in the connection's data",
                List.of(Column.text("capture", "capture file name"),
                        Column.integer("connection", "", "MPTCP connection index"),
                        Column.integer("subflow", "", "subflow index (0 = initial)"),
                        Column.integer("data_bytes", "B", "data bytes first sent on this subflow (DSS mappings; "
                                + "TCP payload when the connection has no mapping)"),
                        Column.decimal("share_percent", 2, "%", "data_bytes / all subflows' data_bytes × 100"),
                        Column.integer("reinjected_bytes", "B", "bytes this subflow sent after another subflow "
                                + "had sent them"),
                        Column.integer("payload_bytes", "B", "TCP payload, retransmissions included"),
                        Column.text("direction", "c2s | s2c"),
                        Column.text("client_addr", "client-side address of the subflow")));
        for (int c = 0; c < conns; c++) {
            int n = subflowCount(c);
            for (int dir = 0; dir < 2; dir++) {
                DataSequenceSpace sp = cSpace[2 * c + dir];
                boolean mapped = sp != null && sp.hasData();
                long[] data = new long[n], payload = new long[n], reinj = new long[n];
                int[] iface = new int[n];
                Arrays.fill(iface, -1);
                for (int j = connFirst[c]; j < connFirst[c + 1]; j++) {
                    int st = connStreams[j];
                    int k = sSub[st];
                    payload[k] += sPayload[2 * st + dir];
                    iface[k] = sIface[st];
                }
                long total = 0;
                long[] after = new long[n];
                for (int j = connFirst[c]; j < connFirst[c + 1]; j++) {
                    int st = connStreams[j];
                    after[sSub[st]] += sAfterFallback[2 * st + dir];
                }
                long failedData = 0; // mapped data at or above the MP_FAIL's DSN: not data (RFC 8684 §3.7)
                if (mapped && cFallback[c] >= 0) {
                    long unique = 0;
                    for (int k = 0; k < n; k++) unique += sp.uniqueBytes(k);
                    failedData = Math.max(0, unique - mappedBeforeFallback(c, dir, sp));
                }
                for (int k = 0; k < n; k++) {
                    data[k] = mapped ? sp.uniqueBytes(k) + after[k] : payload[k];
                    if (k == cFailSubflow[c]) data[k] = Math.max(0, data[k] - failedData);
                    reinj[k] = reinjections.reinjectedBytes(c, dir, k);
                    total += data[k];
                }
                if (total == 0) continue;
                for (int k = 0; k < n; k++) {
                    t.add(capture, (long) c, (long) k, data[k], 100.0 * data[k] / total, reinj[k], payload[k],
                            DIRECTION[dir], addr(iface[k]));
                }
            }
        }
        return t;
    }

    DataTable events(String capture) {
        List<Object[]> rows = new ArrayList<>(events);
        for (int c = 0; c < conns; c++) { // fallback without infinite mapping: data but no DSS mapping at all
            if (cFirst[c] < 0) continue;
            for (int dir = 0; dir < 2; dir++) {
                DataSequenceSpace sp = cSpace[2 * c + dir];
                if ((sp == null || !sp.hasData()) && connectionPayload(c, dir) > 0
                        && (cFlags[c] & CF_INFINITE_MAPPING) == 0) {
                    rows.add(eventRow(c, -1, Math.max(0, connectionLastPayload(c, dir)), "fallback",
                            "payload without any DSS mapping " + DIRECTION[dir]));
                }
                if (sp != null && sp.dataFinNanos() >= 0) {
                    rows.add(eventRow(c, -1, sp.dataFinNanos(), "data_fin", DIRECTION[dir]
                            + (sp.dataFinAckedNanos() >= 0 ? String.format(Locale.ROOT, ", acknowledged at %.6f s",
                            seconds(sp.dataFinAckedNanos())) : ", not acknowledged in the capture")));
                }
            }
        }
        DataTable t = new DataTable("events", "MPTCP events",
                List.of(Column.text("capture", "capture file name"),
                        Column.integer("connection", "", "MPTCP connection index"),
                        Column.seconds("time", "relative to the capture's first packet"),
                        Column.integer("subflow", "", "subflow carrying the signal (0 = initial); empty for "
                                + "connection-level events"),
                        Column.text("event", "subflow_established | subflow_closed | add_addr | add_addr_echo | "
                                + "remove_addr | mp_prio | mp_fail | mp_fastclose | mp_tcprst | fallback | "
                                + "data_fin"),
                        Column.text("detail", "what the option or packet said")));
        List<Object[]> sorted = rows;
        sorted.sort(Comparator.comparingLong((Object[] r) -> (Long) r[1]).thenComparingLong(
                r -> r[0] == null ? -1 : (Long) r[0]));
        for (Object[] r : sorted) t.add(capture, r[0], seconds((Long) r[1]), r[2], r[3], r[4]);
        return t;
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
