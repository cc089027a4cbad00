package org.mpcap.analyzer.stats;

import java.util.Collections;
import java.util.List;
import org.mpcap.analyzer.flow.TcpStreamInfo;
import org.mpcap.analyzer.mptcp.MptcpConnectionInfo;
import org.mpcap.analyzer.mptcp.SubflowInfo;

/**
 * Read-only access, at the end of the pass, to what the TCP and MPTCP trackers found. Everything returned is
 * immutable. Indices are those put in {@link PacketContext#tcpStream}, {@link PacketContext#connection} and
 * {@link PacketContext#subflow} (see the tracker classes for the few packets whose connection is only known
 * after they passed).
 */
public interface TrackingView {

    /** Every TCP conversation, indexed by {@code tcp.stream}. */
    List<TcpStreamInfo> tcpStreams();

    /** Every MPTCP connection, indexed by connection number. */
    List<MptcpConnectionInfo> connections();

    /** The conversation with this {@code tcp.stream} index. */
    default TcpStreamInfo tcpStream(int stream) { return tcpStreams().get(stream); }

    /** The connection with this index. */
    default MptcpConnectionInfo connection(int connection) { return connections().get(connection); }

    /** Subflow {@code subflow} of connection {@code connection}. */
    default SubflowInfo subflow(int connection, int subflow) {
        return connections().get(connection).subflows().get(subflow);
    }

    /** The subflow carried by TCP stream {@code stream}, or null if that stream is not an MPTCP subflow. */
    SubflowInfo subflowOfStream(int stream);

    /**
     * Numbers of the connections whose handshake ACK echoed a key other than the SYN/ACK's
     * ({@link MptcpConnectionInfo#echoedKeyMismatch()}), in order; found while the view is made.
     */
    default List<Integer> echoedKeyMismatches() {
        List<Integer> ids = new java.util.ArrayList<>();
        for (MptcpConnectionInfo c : connections()) if (c.echoedKeyMismatch()) ids.add(c.connection());
        return ids;
    }

    /** Number of TCP conversations that are not MPTCP subflows. */
    default long plainTcpStreams() {
        long n = 0;
        for (int i = 0; i < tcpStreams().size(); i++) if (subflowOfStream(i) == null) n++;
        return n;
    }

    /**
     * A view over the given results, which must not change afterwards: they are wrapped, not copied (the trackers'
     * lists are views over compact records, and a capture may hold millions of conversations). The subflow of each
     * stream is found through one int per stream.
     */
    static TrackingView of(List<TcpStreamInfo> streams, List<MptcpConnectionInfo> connections) {
        List<TcpStreamInfo> s = Collections.unmodifiableList(streams);
        List<MptcpConnectionInfo> c = Collections.unmodifiableList(connections);
        // connection << 32 | subflow + 1 per stream; 0 = not a subflow
        long[] byStream = new long[s.size()];
        List<Integer> mismatches = new java.util.ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            MptcpConnectionInfo conn = c.get(i);
            for (SubflowInfo sf : conn.subflows()) byStream[sf.tcpStream()] = ((long) i << 32) | (sf.subflow() + 1L);
            if (conn.echoedKeyMismatch()) mismatches.add(conn.connection());
        }
        List<Integer> echoed = List.copyOf(mismatches);
        return new TrackingView() {
            @Override public List<TcpStreamInfo> tcpStreams() { return s; }
            @Override public List<MptcpConnectionInfo> connections() { return c; }
            @Override public List<Integer> echoedKeyMismatches() { return echoed; }
            @Override public SubflowInfo subflowOfStream(int stream) {
                long v = byStream[stream];
                return v == 0 ? null : c.get((int) (v >>> 32)).subflows().get((int) v - 1);
            }
            @Override public long plainTcpStreams() {
                long n = 0;
                for (long v : byStream) if (v == 0) n++;
                return n;
            }
        };
    }

    /** No streams, no connections. */
    static TrackingView empty() { return of(List.of(), List.of()); }
}
