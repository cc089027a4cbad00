package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.flow.Endpoint;
import org.mpcap.analyzer.flow.TcpStreamInfo;
import org.mpcap.analyzer.table.DataTable;

class InterfaceShareCollectorTest {
    private static final long V4 = 0xffff_0000_0000L;
    private static final Endpoint SERVER = new Endpoint(0, V4 | 0x0a000407L, 64000);

    private static TcpStreamInfo stream(int i, Endpoint client, long upPackets, long upBytes, long downPackets,
                                        long downBytes) {
        return new TcpStreamInfo(i, client, SERVER, true,
                new TcpStreamInfo.Direction(upPackets, upBytes, 0, 1, -1, -1),
                new TcpStreamInfo.Direction(downPackets, downBytes, 0, 1, -1, -1), 0, 1, 2, 0, 3);
    }

    @Test
    void streamsOfTheSameClientAddressAddUpAcrossPortsAndBothDirections() {
        Endpoint a1 = new Endpoint(0, V4 | 0x0a000106L, 40000), a2 = new Endpoint(0, V4 | 0x0a000106L, 40001);
        Endpoint b = new Endpoint(0, V4 | 0x0a000206L, 40000);
        DataTable t = InterfaceShareCollector.table("c.pcap", List.of(
                stream(0, a1, 10, 1000, 5, 0), stream(1, b, 4, 3000, 4, 0), stream(2, a2, 3, 0, 3, 500)));
        assertThat(t.rowCount()).isEqualTo(2);
        // b carries 3000 of 4500 payload bytes: first
        assertThat(t.rows().get(0)).containsExactly("c.pcap", "10.0.2.6", 8L, 8 * 100.0 / 29, 3000L,
                3000 * 100.0 / 4500, 3000L, 0L, 1L);
        assertThat(t.rows().get(1)).containsExactly("c.pcap", "10.0.1.6", 21L, 21 * 100.0 / 29, 1500L,
                1500 * 100.0 / 4500, 1000L, 500L, 2L);
    }

    @Test
    void sharesAreEmptyWhenThereIsNoPayload() {
        Endpoint a = new Endpoint(0x20010db8_00000000L, 1, 40000);
        DataTable t = InterfaceShareCollector.table("c.pcap", List.of(stream(0, a, 1, 0, 1, 0)));
        assertThat(t.get(0, "client_addr")).isEqualTo("2001:db8::1");
        assertThat(t.get(0, "packet_share")).isEqualTo(100.0);
        assertThat(t.get(0, "payload_share")).isNull();
    }

    @Test
    void equalPayloadIsOrderedByAddress() {
        Endpoint low = new Endpoint(0, V4 | 0x0a000106L, 1), high = new Endpoint(0xfe80_0000_0000_0000L, 1, 1);
        DataTable t = InterfaceShareCollector.table("c.pcap", List.of(stream(0, high, 1, 10, 0, 0),
                stream(1, low, 1, 10, 0, 0)));
        assertThat(t.get(0, "client_addr")).isEqualTo("10.0.1.6");
        assertThat(t.get(1, "client_addr")).isEqualTo("fe80::1");
    }
}
