package org.mpcap.analyzer.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mpcap.analyzer.flow.Endpoint;
import org.mpcap.analyzer.flow.TcpStreamInfo;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Table {@code interface-share}: how the TCP traffic spreads over the client's interfaces (addresses), the
 * question behind the internship report's Table 2 and Figure 11. Each TCP stream ({@code tcp.stream}) belongs
 * to the address of its client (the SYN sender, or the tracker's guess when the handshake was not captured);
 * its packets and payload bytes in <b>both directions</b> count for that address, so the shares describe the
 * load of each interface for uploads and downloads alike (the two directions are also given apart). Every TCP
 * stream counts, MPTCP subflow or not. Payload bytes are from the IP length (retransmissions included), as the
 * tracker counts them.
 *
 * <p>Rows: payload bytes descending, then address. Shares are percentages of all TCP packets / payload bytes of
 * the capture (empty when the total is 0). Computed from the tracker's per-stream counts at the end of the
 * pass: nothing per packet.
 */
final class InterfaceShareCollector implements StatsCollector {
    static final String TABLE = "interface-share";

    static final List<Column> COLUMNS = List.of(
            Column.text("capture", "Capture file name"),
            Column.text("client_addr", "Client address (interface) of the TCP streams"),
            Column.integer("packets", "packets", "TCP packets of the streams of this client address, both directions"),
            Column.decimal("packet_share", 2, "%", "packets × 100 / all TCP packets of the capture"),
            Column.integer("payload_bytes", "B", "TCP payload bytes of these streams, both directions"),
            Column.decimal("payload_share", 2, "%", "payload_bytes × 100 / all TCP payload bytes of the capture"),
            Column.integer("payload_bytes_to_server", "B", "payload bytes sent by this client address"),
            Column.integer("payload_bytes_to_client", "B", "payload bytes received by this client address"),
            Column.integer("streams", "", "TCP streams whose client is this address"));

    @Override
    public void onPacket(PacketContext packet) {
        // everything needed is in the tracker's per-stream counts
    }

    @Override
    public boolean needsPackets() { return false; }

    @Override
    public List<DataTable> finish(String capture, TrackingView tracking) {
        return List.of(table(capture, tracking.tcpStreams()));
    }

    private static final class Acc {
        final Endpoint client;
        long packets, up, down, streams;

        Acc(Endpoint client) { this.client = client; }
    }

    static DataTable table(String capture, List<TcpStreamInfo> streams) {
        Map<Endpoint, Acc> byAddress = new LinkedHashMap<>();
        long totalPackets = 0, totalBytes = 0;
        for (TcpStreamInfo s : streams) {
            Endpoint key = new Endpoint(s.client().hi(), s.client().lo(), 0);
            Acc a = byAddress.computeIfAbsent(key, Acc::new);
            a.packets += s.packets();
            a.up += s.c2s().payloadBytes();
            a.down += s.s2c().payloadBytes();
            a.streams++;
            totalPackets += s.packets();
            totalBytes += s.c2s().payloadBytes() + s.s2c().payloadBytes();
        }
        List<Acc> rows = new ArrayList<>(byAddress.values());
        rows.sort(Comparator.comparingLong((Acc a) -> -(a.up + a.down))
                .thenComparing((x, y) -> x.client.hi() != y.client.hi()
                        ? Long.compareUnsigned(x.client.hi(), y.client.hi())
                        : Long.compareUnsigned(x.client.lo(), y.client.lo())));
        DataTable t = new DataTable(TABLE, "TCP traffic per client address", COLUMNS);
        for (Acc a : rows) {
            long bytes = a.up + a.down;
            t.add(capture, a.client.address(), a.packets, share(a.packets, totalPackets), bytes,
                    share(bytes, totalBytes), a.up, a.down, a.streams);
        }
        return t;
    }

    private static Double share(long part, long total) {
        return total == 0 ? null : part * 100.0 / total;
    }
}
