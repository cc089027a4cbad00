package org.mpcap.analyzer.stats;

import java.util.List;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.IpAddresses;
import org.mpcap.analyzer.decode.IpView;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.decode.mptcp.MptcpOption;
import org.mpcap.analyzer.decode.mptcp.MptcpOptionDecoder;
import org.mpcap.analyzer.decode.mptcp.MptcpSubtype;
import org.mpcap.analyzer.table.DataTable;

/**
 * Feeds {@link FlowStats} from the decoder's views and the trackers' indices; produces the tables
 * {@code cumulative}, {@code throughput}, {@code transfers}, {@code intervals}, {@code reinjections},
 * {@code subflow-share} and {@code events} (table {@code interface-share} is {@link InterfaceShareCollector}'s).
 * Allocates nothing per packet except the detail text of events (ADD_ADDR, MP_PRIO …, which are rare).
 */
final class FlowStatsCollector implements StatsCollector {
    /** MP_TCPRST reason codes, RFC 8684 §3.6. */
    private static final String[] TCPRST_REASONS = {"unspecified error", "MPTCP-specific error",
            "lack of resources", "administratively prohibited", "too much outstanding data",
            "unacceptable performance", "middlebox interference"};

    private final FlowStats stats;

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
        stats.onSegment(p.tcpStream, p.connection, p.subflow, p.fromClient, p.dataDirection, t, flags,
                tcp.payloadLength(), ip.srcHi(), ip.srcLo(), ip.dstHi(), ip.dstLo(), tcp.srcPort(), tcp.dstPort());
        // the data level as the MPTCP tracker published it: 64-bit DSNs and data ACKs, connection directions
        if (p.rebased != 0) {
            for (int d = 0; d < 2; d++) if ((p.rebased & (1 << d)) != 0) stats.rebase(p.connection, d, p.rebaseDelta[d]);
        }
        if (p.hasDsn) {
            stats.onDataSegment(p.tcpStream, p.connection, p.subflow, p.dataDirection, p.raw.frameNumber(), t, p.dsn,
                    tcp.payloadLength());
            p.newDataBytes = stats.reinjections.lastNewBytes; // the per-frame verdicts, for the data-level analyses
            p.reinjectedBytes = stats.reinjections.lastReinjectedBytes;
        }
        if (p.hasMapping) {
            stats.onMapping(p.connection, p.subflow, p.dataDirection, p.mappingDsn, p.mappingLength,
                    p.mappingDataFin, t);
        }
        if (p.hasDataAck && p.dataDirection >= 0) stats.onDataAck(p.connection, 1 - p.dataDirection, p.dataAck, t);
        MptcpOptionDecoder mp = p.decoder.mptcp();
        int n = mp.count();
        boolean syn = (flags & TcpView.SYN) != 0;
        if (syn) handshake(p, mp, n, (flags & TcpView.ACK) != 0, t);
        for (int i = 0; i < n; i++) {
            MptcpOption o = mp.get(i);
            if (o.valid() && o.subtype() != MptcpSubtype.DSS && o.subtype() != MptcpSubtype.MP_CAPABLE) {
                otherOption(p, o, t);
            }
        }
    }

    /**
     * Every option but DSS: a few per connection. Kept out of {@link #onPacket} so that the per-packet code the
     * JIT compiles (and recompiles) stays small.
     */
    private void otherOption(PacketContext p, MptcpOption o, long t) {
        switch (o.subtype()) {
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
                if (!rst && p.dataDirection >= 0) {
                    // the MP_FAIL's sender received the data that failed: the other direction's
                    stats.onFailFallback(p.connection, p.subflow, 1 - p.dataDirection, p.fromClient, o.dsn(), t);
                }
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
    }

    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) {
        return stats.tables(capture, tracking);
    }
}
