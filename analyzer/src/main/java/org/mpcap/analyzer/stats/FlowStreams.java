package org.mpcap.analyzer.stats;

import static org.mpcap.analyzer.stats.FlowColumns.capacity;
import static org.mpcap.analyzer.stats.FlowColumns.grow;

import java.util.Arrays;
import org.mpcap.analyzer.decode.IpAddresses;
import org.mpcap.analyzer.decode.TcpView;

/**
 * Who is which subflow of which MPTCP connection, for the flow statistics: per TCP stream its connection and
 * subflow, its direction relative to the connection's client (a subflow the server opened is reversed), its
 * addresses and client interface, its handshake (SYN time, MP_CAPABLE or MP_JOIN, third ACK) and close, and the
 * TCP payload it carried each way; per connection the first SYN. Everything is in primitive arrays indexed by the
 * trackers' dense indices; nothing is allocated per packet for a stream already seen.
 *
 * <p>{@link #onSegment} returns what changed as bits ({@link #S2C_BIT}, {@link #LINKED}, the events), so that the
 * parts of {@link FlowStats} that follow it need no second look-up.
 */
final class FlowStreams {
    /** {@link #onSegment} result: the segment is in connection direction s2c (else c2s). */
    static final int S2C_BIT = 1;
    /** {@link #onSegment} result: the stream is linked to a connection and subflow. */
    static final int LINKED = 2;
    /** {@link #onSegment} result: the client sent a SYN again on the closed 4-tuple (a refused join retried). */
    static final int RETRIED = 4;
    /** {@link #onSegment} result: linked now, after a SYN/ACK without MP_CAPABLE answered its MP_CAPABLE SYN. */
    static final int LINKED_AFTER_PLAIN_SYN_ACK = 8;
    /** {@link #onSegment} result: the third ACK of the handshake. */
    static final int ESTABLISHED = 16;
    /** {@link #onSegment} result: closed by this RST. */
    static final int CLOSED_BY_RST = 32;
    /** {@link #onSegment} result: closed by this FIN, the other side's FIN seen. */
    static final int CLOSED_BY_FIN = 64;
    /** Any of the event bits. */
    static final int EVENTS = RETRIED | LINKED_AFTER_PLAIN_SYN_ACK | ESTABLISHED | CLOSED_BY_RST | CLOSED_BY_FIN;

    private static final int ST_SEEN = 1, ST_SYNACK = 2, ST_EST = 4, ST_FIN_C = 8, ST_FIN_S = 16, ST_CLOSED = 32,
            ST_LINKED = 64, ST_SYNACK_NOT_MP = 128;

    // ---- per TCP stream (index = tcp.stream)
    private int streamCap;
    private int streams;
    private int[] sConn = new int[0], sSub = new int[0], sIface = new int[0], sSynKind = new int[0];
    private int[] sAddrId = new int[0];
    private boolean[] sBackup = new boolean[0];
    private boolean[] sReversed = new boolean[0];
    private long[] sSyn = new long[0];
    private int[] sState = new int[0];
    private long[] sPayload = new long[0], sLastPayload = new long[0]; // [2*stream+dir]
    private long[] sAddr = new long[0];     // [4*stream]: client hi, lo, server hi, lo
    private int[] sPorts = new int[0];      // [2*stream]: client port, server port

    // ---- per connection
    private int conns;
    private long[] cFirst = new long[0];

    // ---- client interfaces (addresses on the connection client's side)
    /** Client interfaces: the subflows' client addresses, by index in order of first appearance. */
    private final AddressIndex ifaces = new AddressIndex();

    /**
     * One TCP segment (parameters as {@link FlowStats#onSegment}); counts its payload and follows the stream's
     * handshake and close.
     *
     * @return {@link #S2C_BIT} and {@link #LINKED} for this segment, plus the event bits of what it changed
     */
    int onSegment(int stream, int connection, int subflow, boolean fromClient, int dataDirection, long nanos,
                  int tcpFlags, int payload, long srcHi, long srcLo, long dstHi, long dstLo, int srcPort,
                  int dstPort) {
        if (stream >= streams) growStreams(stream + 1);
        int st = sState[stream];
        if ((st & ST_SEEN) == 0) {
            st = firstSegment(stream, st, fromClient, srcHi, srcLo, dstHi, dstLo, srcPort, dstPort);
        }
        if (dataDirection >= 0 && (dataDirection == FlowStats.C2S) != fromClient && !sReversed[stream]) {
            setReversed(stream);
        }
        int dir = fromClient != sReversed[stream] ? FlowStats.C2S : FlowStats.S2C;
        int out;
        // Most segments change nothing: no SYN, RST or FIN, nothing to link, no third ACK awaited. The others go
        // through handshakeOrClose, kept apart so that this method stays small enough for the JIT to inline.
        if ((tcpFlags & (TcpView.SYN | TcpView.RST | TcpView.FIN)) != 0
                || (st & ST_LINKED) == 0 && connection >= 0 && subflow >= 0
                || (st & (ST_LINKED | ST_SYNACK | ST_EST)) == (ST_LINKED | ST_SYNACK)) {
            out = handshakeOrClose(stream, st, connection, subflow, fromClient, nanos, tcpFlags);
        } else {
            out = (st & ST_LINKED) != 0 ? LINKED : 0;
        }
        if (payload > 0) {
            int sd = 2 * stream + dir;
            sPayload[sd] += payload;
            sLastPayload[sd] = nanos;
        }
        return dir == FlowStats.S2C ? out | S2C_BIT : out;
    }

    /** The stream's first segment: its addresses and client interface. */
    private int firstSegment(int stream, int st, boolean fromClient, long srcHi, long srcLo, long dstHi, long dstLo,
                             int srcPort, int dstPort) {
        int a = 4 * stream;
        if (fromClient) {
            sAddr[a] = srcHi; sAddr[a + 1] = srcLo; sAddr[a + 2] = dstHi; sAddr[a + 3] = dstLo;
            sPorts[2 * stream] = srcPort; sPorts[2 * stream + 1] = dstPort;
        } else {
            sAddr[a] = dstHi; sAddr[a + 1] = dstLo; sAddr[a + 2] = srcHi; sAddr[a + 3] = srcLo;
            sPorts[2 * stream] = dstPort; sPorts[2 * stream + 1] = srcPort;
        }
        sIface[stream] = ifaceIndex(sAddr[a], sAddr[a + 1]);
        return sState[stream] = st | ST_SEEN;
    }

    /** SYN, link to the connection, third ACK, RST and FIN: the stream's state moves; returns the event bits. */
    private int handshakeOrClose(int stream, int st, int connection, int subflow, boolean fromClient, long nanos,
                                 int tcpFlags) {
        int out = 0;
        boolean syn = (tcpFlags & TcpView.SYN) != 0, ack = (tcpFlags & TcpView.ACK) != 0;
        if (syn && !ack && fromClient && sSyn[stream] < 0) sSyn[stream] = nanos;
        if (syn && !ack && fromClient && (st & ST_CLOSED) != 0) {
            // The client opens the closed subflow's 4-tuple again with the same ISN (so the same tcp.stream, as
            // in Wireshark): a join refused by RST and retried. Its handshake and close are events again.
            st &= ~(ST_CLOSED | ST_SYNACK | ST_EST | ST_FIN_C | ST_FIN_S);
            if ((st & ST_LINKED) != 0) out |= RETRIED;
        }
        if (syn && ack && !fromClient) st |= ST_SYNACK;
        if (connection >= 0 && subflow >= 0 && (st & ST_LINKED) == 0) {
            st |= ST_LINKED;
            link(stream, connection, subflow, nanos);
            if ((st & ST_SYNACK_NOT_MP) != 0) out |= LINKED_AFTER_PLAIN_SYN_ACK;
        }
        if ((st & ST_LINKED) != 0) {
            out |= LINKED;
            if (!syn && ack && fromClient && (st & (ST_SYNACK | ST_EST)) == ST_SYNACK) { // third ACK
                st |= ST_EST;
                out |= ESTABLISHED;
            }
            if ((tcpFlags & TcpView.RST) != 0 && (st & ST_CLOSED) == 0) {
                st |= ST_CLOSED;
                out |= CLOSED_BY_RST;
            }
            if ((tcpFlags & TcpView.FIN) != 0) {
                st |= fromClient ? ST_FIN_C : ST_FIN_S;
                if ((st & (ST_FIN_C | ST_FIN_S)) == (ST_FIN_C | ST_FIN_S) && (st & ST_CLOSED) == 0) {
                    st |= ST_CLOSED;
                    out |= CLOSED_BY_FIN;
                }
            }
        }
        sState[stream] = st;
        return out;
    }

    /**
     * The handshake option of a subflow's SYN or SYN/ACK (as {@link FlowStats#onHandshake}).
     *
     * @return true if this SYN/ACK answered an MP_CAPABLE SYN without MP_CAPABLE on a linked stream: a fallback
     *         to TCP to report now (an unlinked one is reported when it is linked, {@link #LINKED_AFTER_PLAIN_SYN_ACK})
     */
    boolean onHandshake(int stream, boolean synAck, int kind, boolean backup, int addressId) {
        if (stream < 0 || stream >= streams) return false;
        if (!synAck) {
            if (sSynKind[stream] == FlowStats.SYN_PLAIN) {
                sSynKind[stream] = kind;
                sBackup[stream] = backup;
                sAddrId[stream] = addressId;
            }
        } else if (kind == FlowStats.SYN_PLAIN && sSynKind[stream] == FlowStats.SYN_MP_CAPABLE
                && (sState[stream] & ST_SYNACK_NOT_MP) == 0) {
            sState[stream] |= ST_SYNACK_NOT_MP;
            return (sState[stream] & ST_LINKED) != 0;
        }
        return false;
    }

    /**
     * Marks the subflow of {@code stream} as one whose client (SYN sender, or first sender) is the connection's
     * server: its addresses and directions are swapped so that c2s stays the connection client's direction.
     */
    private void setReversed(int stream) {
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

    private void link(int stream, int connection, int subflow, long nanos) {
        if (connection >= conns) growConnections(connection + 1);
        sConn[stream] = connection;
        sSub[stream] = subflow;
        long first = sSyn[stream] >= 0 ? sSyn[stream] : nanos;
        if (cFirst[connection] < 0 || first < cFirst[connection]) cFirst[connection] = first;
    }

    /** The index of client address (hi, lo), made at its first stream. */
    private int ifaceIndex(long hi, long lo) {
        return ifaces.indexOf(hi, lo);
    }

    private void growStreams(int min) {
        if (min > streamCap) {
            int n = capacity(min, streamCap, 16);
            sConn = grow(sConn, n, -1);
            sSub = grow(sSub, n, -1);
            sIface = grow(sIface, n, -1);
            sSynKind = grow(sSynKind, n, FlowStats.SYN_PLAIN);
            sAddrId = grow(sAddrId, n, -1);
            sBackup = Arrays.copyOf(sBackup, n);
            sReversed = Arrays.copyOf(sReversed, n);
            sSyn = grow(sSyn, n, -1L);
            sState = grow(sState, n, 0);
            sPayload = grow(sPayload, 2 * n, 0L);
            sLastPayload = grow(sLastPayload, 2 * n, -1L);
            sAddr = grow(sAddr, 4 * n, 0L);
            sPorts = grow(sPorts, 2 * n, 0);
            streamCap = n;
        }
        streams = Math.max(streams, min);
    }

    private void growConnections(int min) {
        // doubling the capacity, not the count: a new connection must not copy every array (quadratic)
        if (min > cFirst.length) cFirst = grow(cFirst, capacity(min, cFirst.length, 4), -1L);
        conns = Math.max(conns, min);
    }

    // =============================================================== reading

    /** Connections linked so far: indices {@code 0 .. connections()-1} (some may have no stream). */
    int connections() { return conns; }

    /** The connection of {@code stream}, -1 if not linked. */
    int connection(int stream) { return sConn[stream]; }

    /** The subflow index of {@code stream} in its connection, -1 if not linked. */
    int subflow(int stream) { return sSub[stream]; }

    /** The client interface of {@code stream} ({@link #interfaceAddress}). */
    int iface(int stream) { return sIface[stream]; }

    /** Time of the first SYN the subflow's client sent, -1 if not captured. */
    long synNanos(int stream) { return sSyn[stream]; }

    /** TCP payload of {@code stream} in connection direction {@code dir}. */
    long payload(int stream, int dir) { return sPayload[2 * stream + dir]; }

    /** First SYN of connection {@code c}'s subflows (or first packet when no SYN was captured), -1 if none. */
    long firstNanos(int c) { return c < conns ? cFirst[c] : -1; }

    /** Client interfaces seen: {@code 0 .. interfaces()-1}. */
    int interfaces() { return ifaces.size(); }

    /** The address of client interface {@code iface} as text, null for -1. */
    String interfaceAddress(int iface) {
        return iface < 0 ? null : IpAddresses.format(ifaces.hi(iface), ifaces.lo(iface));
    }

    /** "client:port -> server:port", who opened it and its handshake option, for event subflow_established. */
    String describe(int stream) {
        int a = 4 * stream;
        StringBuilder sb = new StringBuilder();
        sb.append(IpAddresses.format(sAddr[a], sAddr[a + 1])).append(':').append(sPorts[2 * stream])
                .append(" -> ").append(IpAddresses.format(sAddr[a + 2], sAddr[a + 3])).append(':')
                .append(sPorts[2 * stream + 1]);
        if (sReversed[stream]) sb.append(" opened by the server");
        switch (sSynKind[stream]) {
            case FlowStats.SYN_MP_CAPABLE -> sb.append(" MP_CAPABLE");
            case FlowStats.SYN_MP_JOIN -> {
                sb.append(" MP_JOIN");
                if (sAddrId[stream] >= 0) sb.append(" addr_id=").append(sAddrId[stream]);
                if (sBackup[stream]) sb.append(" backup");
            }
            default -> sb.append(" no MPTCP option on SYN");
        }
        return sb.toString();
    }

    /**
     * The streams of each connection in stream order, made once for the tables so that per-connection sums do not
     * scan every stream (a million connections would make that 10^12 steps). Valid until the next segment.
     */
    ByConnection byConnection() {
        int[] first = new int[conns + 1];
        for (int st = 0; st < streams; st++) if (sConn[st] >= 0) first[sConn[st] + 1]++;
        for (int c = 0; c < conns; c++) first[c + 1] += first[c];
        int[] next = Arrays.copyOf(first, conns);
        int[] list = new int[first[conns]];
        for (int st = 0; st < streams; st++) if (sConn[st] >= 0) list[next[sConn[st]]++] = st;
        return new ByConnection(first, list);
    }

    /** {@code list[first[c] .. first[c + 1])} are the streams of connection {@code c}. */
    final class ByConnection {
        private final int[] first, list;

        private ByConnection(int[] first, int[] list) {
            this.first = first;
            this.list = list;
        }

        /** Index of connection {@code c}'s first stream in {@link #stream}. */
        int from(int c) { return c + 1 < first.length ? first[c] : 0; }

        /** One past connection {@code c}'s last stream. */
        int to(int c) { return c + 1 < first.length ? first[c + 1] : 0; }

        /** The {@code k}-th stream of the listing. */
        int stream(int k) { return list[k]; }

        /** Subflows of connection {@code c}: one more than the highest subflow index of its streams. */
        int subflowCount(int c) {
            int n = 0;
            for (int k = from(c); k < to(c); k++) n = Math.max(n, sSub[list[k]] + 1);
            return n;
        }

        /** TCP payload of connection {@code c}'s subflows in direction {@code dir}. */
        long payload(int c, int dir) {
            long p = 0;
            for (int k = from(c); k < to(c); k++) p += sPayload[2 * list[k] + dir];
            return p;
        }

        /** When connection {@code c}'s subflows last carried payload in direction {@code dir}, -1 if never. */
        long lastPayload(int c, int dir) {
            long p = -1;
            for (int k = from(c); k < to(c); k++) p = Math.max(p, sLastPayload[2 * list[k] + dir]);
            return p;
        }
    }
}
