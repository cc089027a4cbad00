package org.mpcap.analyzer.stats;

import java.util.ArrayList;
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

    /** Number of TCP conversations that are not MPTCP subflows. */
    default long plainTcpStreams() {
        long n = 0;
        for (int i = 0; i < tcpStreams().size(); i++) if (subflowOfStream(i) == null) n++;
        return n;
    }

    /** A view over the given results (lists are copied). */
    static TrackingView of(List<TcpStreamInfo> streams, List<MptcpConnectionInfo> connections) {
        List<TcpStreamInfo> s = List.copyOf(streams);
        List<MptcpConnectionInfo> c = List.copyOf(connections);
        List<SubflowInfo> byStream = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) byStream.add(null);
        for (MptcpConnectionInfo conn : c) for (SubflowInfo sf : conn.subflows()) byStream.set(sf.tcpStream(), sf);
        return new TrackingView() {
            @Override public List<TcpStreamInfo> tcpStreams() { return s; }
            @Override public List<MptcpConnectionInfo> connections() { return c; }
            @Override public SubflowInfo subflowOfStream(int stream) { return byStream.get(stream); }
        };
    }

    /** No streams, no connections. */
    static TrackingView empty() { return of(List.of(), List.of()); }
}
