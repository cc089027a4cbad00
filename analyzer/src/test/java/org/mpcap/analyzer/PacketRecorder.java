package org.mpcap.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.mptcp.MptcpOptionDecoder;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.stats.StatsCollector;
import org.mpcap.analyzer.stats.TrackingView;
import org.mpcap.analyzer.table.DataTable;

/** Test collector: what the trackers said about every packet. */
final class PacketRecorder implements StatsCollector {
    record Seen(long frame, boolean tcp, int tcpStream, int connection, int subflow, boolean fromClient,
                List<Integer> subtypes) {}

    final List<Seen> packets = new ArrayList<>();

    @Override
    public void onPacket(PacketContext p) {
        List<Integer> subtypes = new ArrayList<>();
        if (p.status == DecodeStatus.TCP) {
            MptcpOptionDecoder m = p.decoder.mptcp();
            for (int i = 0; i < m.count(); i++) subtypes.add(m.get(i).subtypeCode());
        }
        packets.add(new Seen(p.raw.frameNumber(), p.status == DecodeStatus.TCP, p.tcpStream, p.connection,
                p.subflow, p.fromClient, subtypes));
    }

    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) {
        return List.of();
    }
}
