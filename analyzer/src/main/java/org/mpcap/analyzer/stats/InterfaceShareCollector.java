package org.mpcap.analyzer.stats;

import java.util.Arrays;
import java.util.List;
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

    /**
     * The table of the given streams: per client address (an open-addressing table of (hi, lo) pairs and four
     * counters, about 60 bytes an address: a scan or a SYN flood from spoofed sources has a row per source), rows
     * made on access in the table's order.
     */
    static DataTable table(String capture, List<TcpStreamInfo> streams) {
        Clients c = new Clients();
        long totalPackets = 0, totalBytes = 0;
        for (TcpStreamInfo s : streams) {
            int i = c.index(s.client().hi(), s.client().lo());
            c.packets[i] += s.packets();
            c.up[i] += s.c2s().payloadBytes();
            c.down[i] += s.s2c().payloadBytes();
            c.streams[i]++;
            totalPackets += s.packets();
            totalBytes += s.c2s().payloadBytes() + s.s2c().payloadBytes();
        }
        int[] order = IntOrder.sorted(c.size, (a, b) -> {
            int k = Long.compare(c.up[b] + c.down[b], c.up[a] + c.down[a]);
            if (k == 0) k = Long.compareUnsigned(c.addresses.hi(a), c.addresses.hi(b));
            if (k == 0) k = Long.compareUnsigned(c.addresses.lo(a), c.addresses.lo(b));
            return k;
        });
        long packets = totalPackets, bytes = totalBytes;
        return DataTable.generated(TABLE, "TCP traffic per client address", COLUMNS, order.length, r -> {
            int i = order[r];
            long b = c.up[i] + c.down[i];
            String address = new Endpoint(c.addresses.hi(i), c.addresses.lo(i), 0).address();
            return new Object[] {capture, address, c.packets[i],
                    share(c.packets[i], packets), b, share(b, bytes), c.up[i], c.down[i], c.streams[i]};
        });
    }

    /** Client addresses ({@link AddressIndex}) and their counters, by index in order of first appearance. */
    private static final class Clients {
        final AddressIndex addresses = new AddressIndex();
        int size;
        long[] packets = new long[16], up = new long[16], down = new long[16], streams = new long[16];

        int index(long h, long l) {
            int i = addresses.indexOf(h, l);
            if (i < size) return i;
            size = i + 1;
            if (i == packets.length) {
                int n = i * 2;
                packets = Arrays.copyOf(packets, n);
                up = Arrays.copyOf(up, n);
                down = Arrays.copyOf(down, n);
                streams = Arrays.copyOf(streams, n);
            }
            return i;
        }
    }

    private static Double share(long part, long total) {
        return total == 0 ? null : part * 100.0 / total;
    }
}
