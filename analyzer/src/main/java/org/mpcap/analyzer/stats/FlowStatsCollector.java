package org.mpcap.analyzer.stats;

import java.util.List;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.IpAddresses;
import org.mpcap.analyzer.decode.IpView;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.decode.mptcp.MptcpCrypto;
import org.mpcap.analyzer.decode.mptcp.MptcpOption;
import org.mpcap.analyzer.decode.mptcp.MptcpOptionDecoder;
import org.mpcap.analyzer.decode.mptcp.MptcpSubtype;
import org.mpcap.analyzer.table.DataTable;

/**
 * Feeds {@link FlowStats} from the decoder's views and the trackers' indices; produces the tables
 * {@code cumulative}, {@code throughput}, {@code transfers}, {@code intervals}, {@code reinjections},
 * {@code subflow-share} and {@code events} (table {@code interface-share} is {@link InterfaceShareCollector}'s). Allocates nothing per packet except event
 * rows (ADD_ADDR, MP_PRIO …, which are rare).
 */
final class FlowStatsCollector implements StatsCollector {
    /** MP_TCPRST reason codes, RFC 8684 §3.6. */
    private static final String[] TCPRST_REASONS = {"unspecified error", "MPTCP-specific error",
            "lack of resources", "administratively prohibited", "too much outstanding data",
            "unacceptable performance", "middlebox interference"};

    private final FlowStats stats;
    /** Per connection: keys from MP_CAPABLE (RFC 8684 §3.1), for join direction and implicit mappings. */
    private long[] clientKey = new long[0], serverKey = new long[0];
    private int[] keyFlags = new int[0]; // bit 0: client key, bit 1: server key
    private int[] keyVersion = new int[0];

    FlowStatsCollector(AnalysisOptions options) {
        this.stats = new FlowStats(options);
    }

    @Override
    public void onPacket(PacketContext p) {
        if (p.status != DecodeStatus.TCP || p.tcpStream < 0) return;
        IpView ip = p.decoder.ip();
        TcpView tcp = p.decoder.tcp();
        long t = p.relativeNanos;
        int flags = tcp.flags();
        stats.onSegment(p.tcpStream, p.connection, p.subflow, p.fromClient, t, flags, tcp.payloadLength(),
                ip.srcHi(), ip.srcLo(), ip.dstHi(), ip.dstLo(), tcp.srcPort(), tcp.dstPort());
        if (p.hasDsn) {
            stats.onDataSegment(p.tcpStream, p.connection, p.subflow, p.dataDirection, p.raw.frameNumber(), t, p.dsn,
                    tcp.payloadLength());
            p.newDataBytes = stats.reinjections.lastNewBytes; // the per-frame verdicts, for the data-level analyses
            p.reinjectedBytes = stats.reinjections.lastReinjectedBytes;
        }
        MptcpOptionDecoder mp = p.decoder.mptcp();
        int n = mp.count();
        boolean syn = (flags & TcpView.SYN) != 0;
        if (syn) handshake(p, mp, n, (flags & TcpView.ACK) != 0, t);
        for (int i = 0; i < n; i++) {
            MptcpOption o = mp.get(i);
            if (!o.valid()) continue;
            if (o.subtype() == MptcpSubtype.DSS) {
                if (o.hasMapping()) {
                    stats.onMapping(p.tcpStream, p.connection, p.subflow, p.fromClient, o.dsn(), o.dsn8(),
                            o.dataLevelLength(), o.dataFin(), t);
                }
                if (o.hasDataAck()) stats.onDataAck(p.tcpStream, p.connection, p.fromClient, o.dataAck(), o.dataAck8(), t);
            } else {
                otherOption(p, o, syn, t);
            }
        }
    }

    /**
     * Every option but DSS: a few per connection. Kept out of {@link #onPacket} so that the per-packet code the
     * JIT compiles (and recompiles) stays small.
     */
    private void otherOption(PacketContext p, MptcpOption o, boolean syn, long t) {
        switch (o.subtype()) {
            case MP_CAPABLE -> capable(p, o, syn, t);
            case ADD_ADDR -> stats.event(p.connection, p.subflow, t, o.echo() ? "add_addr_echo" : "add_addr",
                    "addr_id=" + o.addressId() + " " + IpAddresses.format(o.addrHi(), o.addrLo())
                            + (o.port() >= 0 ? " port=" + o.port() : "") + from(p));
            case REMOVE_ADDR -> {
                StringBuilder ids = new StringBuilder("addr_id=");
                for (int k = 0; k < o.removeIdCount(); k++) ids.append(k == 0 ? "" : ",").append(o.removeId(k));
                stats.event(p.connection, p.subflow, t, "remove_addr", ids + from(p));
            }
            case MP_PRIO -> stats.event(p.connection, p.subflow, t, "mp_prio", "backup=" + (o.backup() ? 1 : 0)
                    + (o.addressId() >= 0 ? " addr_id=" + o.addressId() : "") + from(p));
            case MP_FAIL -> {
                boolean rst = (p.decoder.tcp().flags() & TcpView.RST) != 0;
                stats.event(p.connection, p.subflow, t, "mp_fail",
                        "dsn=" + Long.toUnsignedString(o.dsn()) + (rst ? " with RST" : "") + from(p));
                if (!rst) stats.onFailFallback(p.tcpStream, p.connection, p.subflow, p.fromClient, o.dsn(), t);
            }
            case MP_FASTCLOSE -> stats.event(p.connection, p.subflow, t, "mp_fastclose", from(p).trim());
            case MP_TCPRST -> {
                int r = o.tcprstReason();
                String reason = r >= 0 && r < TCPRST_REASONS.length ? TCPRST_REASONS[r] : "reason " + r;
                stats.event(p.connection, p.subflow, t, "mp_tcprst", "reason=" + r + " (" + reason + ")"
                        + ((o.tcprstFlags() & MptcpOption.RST_T) != 0 ? " transient" : "") + from(p));
            }
            default -> { }
        }
    }

    /**
     * Remembers the keys of the initial subflow; a v1 MP_CAPABLE carrying data (RFC 8684 §3.1, length 22/24) maps
     * its data implicitly at DSN = IDSN + 1 of its sender, so it becomes a mapping like a DSS one.
     */
    private void capable(PacketContext p, MptcpOption o, boolean syn, long t) {
        int c = p.connection;
        if (c < 0 || p.subflow < 0) return;
        if (c >= keyFlags.length) {
            int len = Math.max(c + 1, keyFlags.length * 2);
            clientKey = java.util.Arrays.copyOf(clientKey, len);
            serverKey = java.util.Arrays.copyOf(serverKey, len);
            keyFlags = java.util.Arrays.copyOf(keyFlags, len);
            keyVersion = java.util.Arrays.copyOf(keyVersion, len);
        }
        keyVersion[c] = o.version();
        if (o.hasSenderKey()) setKey(c, p.fromClient, o.senderKey());
        if (o.hasReceiverKey()) setKey(c, !p.fromClient, o.receiverKey());
        if (!syn && o.dataLevelLength() > 0 && o.hasSenderKey()) {
            long idsn = MptcpCrypto.idsn(o.senderKey(), o.version()); // hashes: only on these rare packets
            stats.onMapping(p.tcpStream, c, p.subflow, p.fromClient, idsn + 1, true, o.dataLevelLength(), false, t);
        }
    }

    private void setKey(int c, boolean client, long key) {
        if (client) {
            clientKey[c] = key;
            keyFlags[c] |= 1;
        } else {
            serverKey[c] = key;
            keyFlags[c] |= 2;
        }
    }

    private static String from(PacketContext p) {
        return p.fromClient ? " from client" : " from server";
    }

    private void handshake(PacketContext p, MptcpOptionDecoder mp, int n, boolean synAck, long t) {
        int kind = FlowStats.SYN_PLAIN;
        boolean backup = false;
        int addrId = -1;
        for (int i = 0; i < n; i++) {
            MptcpOption o = mp.get(i);
            if (!o.valid()) continue;
            switch (o.subtype()) {
                case MP_CAPABLE -> kind = FlowStats.SYN_MP_CAPABLE;
                case MP_JOIN -> {
                    kind = FlowStats.SYN_MP_JOIN;
                    backup = o.backup();
                    addrId = o.addressId();
                }
                default -> { }
            }
        }
        stats.onHandshake(p.tcpStream, synAck, kind, backup, addrId, t);
        if (kind == FlowStats.SYN_MP_JOIN && !synAck && p.fromClient) joinDirection(p, mp, n);
    }

    /**
     * An MP_JOIN SYN carries the token of the receiver's key (RFC 8684 §3.2): if that is the connection client's
     * key, the connection's server opened this subflow.
     */
    private void joinDirection(PacketContext p, MptcpOptionDecoder mp, int n) {
        int c = p.connection;
        if (c < 0 || c >= keyFlags.length || (keyFlags[c] & 1) == 0) return;
        for (int i = 0; i < n; i++) {
            MptcpOption o = mp.get(i);
            if (o.valid() && o.subtype() == org.mpcap.analyzer.decode.mptcp.MptcpSubtype.MP_JOIN
                    && o.token() == MptcpCrypto.token(clientKey[c], keyVersion[c])) {
                stats.setReversed(p.tcpStream);
            }
        }
    }

    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) {
        return stats.tables(capture, tracking);
    }
}
