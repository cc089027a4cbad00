package org.mpcap.analyzer.stats;

import java.util.ArrayList;
import java.util.List;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.IpAddresses;
import org.mpcap.analyzer.decode.IpView;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.decode.mptcp.MptcpOption;
import org.mpcap.analyzer.decode.mptcp.MptcpOptionDecoder;
import org.mpcap.analyzer.decode.mptcp.MptcpSubtype;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * The per-option table {@code mptcp-options}: one row per MPTCP option of every segment. It holds a row per
 * option, so it is only added when asked for ({@link org.mpcap.analyzer.AnalysisOptions#mptcpOptionRows()}).
 * Allocates per MPTCP option by design.
 */
public final class MptcpOptionsCollector implements StatsCollector {
    public static final String NAME = "mptcp-options";

    private final List<Object[]> rows = new ArrayList<>();

    /** Columns of {@code mptcp-options} (a contract). */
    public static DataTable table() {
        return new DataTable(NAME, "MPTCP options, one row per option", List.of(
                Column.text("capture", "Capture file name"),
                Column.integer("frame", "", "Frame number (1-based, as Wireshark)"),
                Column.seconds("time", "Capture time relative to the capture start"),
                Column.integer("tcp_stream", "", "Wireshark tcp.stream"),
                Column.text("src_addr", "Source address"),
                Column.integer("src_port", "", "Source port"),
                Column.text("dst_addr", "Destination address"),
                Column.integer("dst_port", "", "Destination port"),
                Column.text("subtype", "MPTCP option subtype (RFC 8684 name)"),
                Column.text("detail", "Decoded fields of the option")));
    }

    /** Subtype as table text: the RFC name, or {@code UNKNOWN(n)}. */
    public static String subtypeName(MptcpOption o) {
        return o.subtype() == MptcpSubtype.UNKNOWN ? "UNKNOWN(" + o.subtypeCode() + ")" : o.subtype().name();
    }

    @Override
    public void onPacket(PacketContext p) {
        if (p.status != DecodeStatus.TCP) return;
        MptcpOptionDecoder opts = p.decoder.mptcp();
        if (opts.count() == 0) return;
        IpView ip = p.decoder.ip();
        TcpView tcp = p.decoder.tcp();
        String src = IpAddresses.format(ip.srcHi(), ip.srcLo()), dst = IpAddresses.format(ip.dstHi(), ip.dstLo());
        for (int i = 0; i < opts.count(); i++) {
            MptcpOption o = opts.get(i);
            rows.add(new Object[] {p.raw.frameNumber(), p.relativeNanos / 1e9, (long) p.tcpStream, src,
                    (long) tcp.srcPort(), dst, (long) tcp.dstPort(), subtypeName(o), o.describe()});
        }
    }

    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) {
        DataTable t = table();
        for (Object[] r : rows) {
            Object[] full = new Object[r.length + 1];
            full[0] = capture;
            System.arraycopy(r, 0, full, 1, r.length);
            t.add(full);
        }
        rows.clear();
        return List.of(t);
    }
}
