package org.mpcap.analyzer.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.decode.TestPackets.ACK;
import static org.mpcap.analyzer.decode.TestPackets.SYN;
import static org.mpcap.analyzer.decode.TestPackets.cat;
import static org.mpcap.analyzer.decode.TestPackets.eth;
import static org.mpcap.analyzer.decode.TestPackets.hex;
import static org.mpcap.analyzer.decode.TestPackets.ipv4;
import static org.mpcap.analyzer.decode.TestPackets.ipv6;
import static org.mpcap.analyzer.decode.TestPackets.packet;
import static org.mpcap.analyzer.decode.TestPackets.snapped;
import static org.mpcap.analyzer.decode.TestPackets.tcp;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.capture.RawPacket;

/** The per-packet path allocates nothing: allocated bytes do not grow with the number of packets decoded. */
class DecoderAllocationTest {
    /** Generous for the measuring calls themselves; 100k packets at even 1 byte each would exceed it. */
    private static final long BOUND_BYTES = 16 * 1024;

    static List<RawPacket> mix() {
        byte[] dss = tcp(ACK, hex("0101 080a 00000001 00000002  1e 1a 20 0f 000000000000007b 00000001000001c8 00000001 0578"), 1400);
        byte[] join = tcp(SYN, hex("02 04 05b4 04 02 08 0a 00000001 00000000 01 03 03 07 1e 0c 11 02 1a2b3c4d deadbeef"), 0);
        byte[] addAddr = tcp(ACK, hex("1e 12 30 03 0a000206 1f90 0102030405060708 1e 05 40 02 03"), 0);
        byte[] chain = hex("2b 00 01 04 00000000  3c 00 00 00 00000000  33 00 01 04 00000000"
                + "06 04 0000 00001000 00000001 000000000000000000000000");
        byte[] v4 = ipv4("10.0.0.1", "10.0.0.2", 6, dss);
        return List.of(
                snapped(1, eth(0x0800, v4), 128),
                packet(1, eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, join))),
                packet(1, eth(0x86dd, ipv6("2001:db8::1", "2001:db8::2", 6, addAddr))),
                snapped(1, eth(0x86dd, ipv6("2001:db8::1", "2001:db8::2", 0, cat(chain, dss))), 200),
                snapped(1, eth(0x88a8, cat(hex("0064 8100 00c8 0800"), v4)), 128),
                snapped(1, eth(0x0800, ipv4("192.0.2.1", "192.0.2.2", 47, cat(hex("3000 0800 0000002a 00000007"), v4))), 128),
                snapped(PacketDecoder.LINKTYPE_LINUX_SLL2, cat(hex("0800 0000 00000002 0001 00 06 0200000000010000"), v4), 128),
                packet(1, eth(0x0806, new byte[28])));
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long decodeAndMeasure(PacketDecoder d, RawPacket[] packets, int n) {
        long before = allocatedBytes();
        int tcp = 0;
        for (int i = 0; i < n; i++) {
            if (d.decode(packets[i % packets.length]) == DecodeStatus.TCP) tcp++;
        }
        long after = allocatedBytes();
        assertThat(tcp).isPositive();
        return after - before;
    }

    @Test
    void decodingAllocatesNothingPerPacket() {
        RawPacket[] packets = mix().toArray(new RawPacket[0]);
        PacketDecoder d = new PacketDecoder();
        decodeAndMeasure(d, packets, 50_000); // warm-up: class loading, JIT
        long small = decodeAndMeasure(d, packets, 10_000);
        long large = decodeAndMeasure(d, packets, 100_000);
        assertThat(small).isLessThan(BOUND_BYTES);
        assertThat(large).isLessThan(BOUND_BYTES);
        assertThat(d.counters().decoderFaults()).isZero();
    }

    @Test
    void theMixExercisesEveryPathItClaims() {
        PacketDecoder d = new PacketDecoder();
        List<DecodeStatus> statuses = mix().stream().map(d::decode).toList();
        assertThat(statuses).containsExactly(DecodeStatus.TCP, DecodeStatus.TCP, DecodeStatus.TCP, DecodeStatus.TCP,
                DecodeStatus.TCP, DecodeStatus.TCP, DecodeStatus.TCP, DecodeStatus.NOT_IP);
    }
}
