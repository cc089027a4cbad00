package org.mpcap.analyzer.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.decode.TestPackets.ACK;
import static org.mpcap.analyzer.decode.TestPackets.cat;
import static org.mpcap.analyzer.decode.TestPackets.eth;
import static org.mpcap.analyzer.decode.TestPackets.hex;
import static org.mpcap.analyzer.decode.TestPackets.ipv4;
import static org.mpcap.analyzer.decode.TestPackets.ipv6;
import static org.mpcap.analyzer.decode.TestPackets.packet;
import static org.mpcap.analyzer.decode.TestPackets.tcp;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.capture.RawPacket;

/** IPv4 header lengths and fragments, the IPv6 extension-header chain, jumbograms and offload lengths. */
class IpDecodeTest {
    static final byte[] SEGMENT = tcp(ACK, hex("0101 080a 00000001 00000002"), 100); // 32-byte header
    private final PacketDecoder d = new PacketDecoder();

    private DecodeStatus raw(byte[] ip) {
        return d.decode(packet(PacketDecoder.LINKTYPE_RAW, ip));
    }

    @Test
    void ipv4WithOptionsUsesTheHeaderLength() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, hex("94040000"), 0, SEGMENT); // Router Alert: IHL 6
        assertThat(raw(ip)).isEqualTo(DecodeStatus.TCP);
        assertThat(d.ip().totalLength()).isEqualTo(24 + SEGMENT.length);
        assertThat(d.ip().ttl()).isEqualTo(64);
        assertThat(d.tcp().payloadOffset()).isEqualTo(24 + 32);
        assertThat(d.tcp().payloadLength()).isEqualTo(100);
        assertThat(d.tcp().hasTimestamps()).isTrue();
    }

    @Test
    void ipv4NonFirstFragmentIsCountedAndSkipped() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, new byte[0], 185, SEGMENT); // fragment offset 185 × 8
        assertThat(raw(ip)).isEqualTo(DecodeStatus.IP_OTHER);
        assertThat(d.ip().protocol()).isEqualTo(6);
        assertThat(d.counters().nonFirstFragments()).isEqualTo(1);
    }

    @Test
    void ipv4FirstFragmentIsDecodedAsTcp() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, new byte[0], 0x2000, SEGMENT); // MF, offset 0
        assertThat(raw(ip)).isEqualTo(DecodeStatus.TCP);
        assertThat(d.counters().nonFirstFragments()).isZero();
    }

    @Test
    void ipv4TotalLengthZeroFallsBackToTheFrameLength() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, SEGMENT);
        ip[2] = 0;
        ip[3] = 0; // TSO super-packet as captured on the sending host
        byte[] frame = eth(0x0800, ip);
        RawPacket p = new RawPacket().set(frame, 0, 100, frame.length, 0, 1, 0, 1, 0); // snaplen 100
        assertThat(d.decode(p)).isEqualTo(DecodeStatus.TCP);
        assertThat(d.ip().totalLength()).isEqualTo(ip.length);
        assertThat(d.tcp().payloadLength()).isEqualTo(100);
    }

    @Test
    void ipv4TotalLengthBeyondTheFrameCountsOnlyTheCarriedPayload() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, SEGMENT);
        int claimed = ip.length + 1000;
        ip[2] = (byte) (claimed >>> 8);
        ip[3] = (byte) claimed; // RFC 791: the datagram is longer than what the frame carried on the wire
        assertThat(raw(ip)).isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().payloadLength()).isEqualTo(100);
        assertThat(d.counters().incompleteDatagrams()).isEqualTo(1);
    }

    @Test
    void ipv6PayloadLengthBeyondTheFrameCountsOnlyTheCarriedPayload() {
        byte[] ip = ipv6("2001:db8::1", "2001:db8::2", 6, SEGMENT);
        int claimed = SEGMENT.length + 1000;
        ip[4] = (byte) (claimed >>> 8);
        ip[5] = (byte) claimed; // RFC 8200 §3
        assertThat(raw(ip)).isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().payloadLength()).isEqualTo(100);
        assertThat(d.counters().incompleteDatagrams()).isEqualTo(1);
    }

    @Test
    void snapLengthCutIsNotAnIncompleteDatagram() {
        byte[] frame = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, SEGMENT));
        assertThat(d.decode(TestPackets.snapped(PacketDecoder.LINKTYPE_ETHERNET, frame, 80)))
                .isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().payloadLength()).isEqualTo(100);
        assertThat(d.counters().incompleteDatagrams()).isZero();
    }

    @Test
    void ipv4HeaderLengthBelow20IsMalformed() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, SEGMENT);
        ip[0] = 0x44;
        assertThat(raw(ip)).isEqualTo(DecodeStatus.MALFORMED);
    }

    @Test
    void ipv4TotalLengthBelowHeaderLengthIsMalformed() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, SEGMENT);
        ip[2] = 0;
        ip[3] = 19;
        assertThat(raw(ip)).isEqualTo(DecodeStatus.MALFORMED);
    }

    @Test
    void ipv4CutInsideTheHeaderIsTruncated() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, SEGMENT);
        assertThat(d.decode(TestPackets.snapped(PacketDecoder.LINKTYPE_RAW, ip, 16))).isEqualTo(DecodeStatus.TRUNCATED);
    }

    @Test
    void ipVersionFiveIsMalformed() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, SEGMENT);
        ip[0] = 0x55;
        assertThat(raw(ip)).isEqualTo(DecodeStatus.MALFORMED);
    }

    @Test
    void ipv6ExtensionHeaderChainHopByHopRoutingDestinationAh() {
        byte[] chain = hex("""
                2b 00 01 04 00000000       # hop-by-hop: next 43 (routing), 8 bytes, PadN(4)
                3c 00 00 00 00000000       # routing: next 60, 8 bytes, type 0, segments left 0
                33 00 01 04 00000000       # destination options: next 51 (AH), 8 bytes, PadN(4)
                06 04 0000 00001000 00000001 000000000000000000000000
                                           # AH: next 6 (TCP), payload len 4 → (4+2)×4 = 24 bytes (RFC 4302 §2.2)
                """);
        byte[] ip = ipv6("2001:db8::1", "2001:db8::2", 0, cat(chain, SEGMENT));
        assertThat(raw(ip)).isEqualTo(DecodeStatus.TCP);
        assertThat(d.ip().protocol()).isEqualTo(6);
        assertThat(d.ip().totalLength()).isEqualTo(ip.length);
        assertThat(d.tcp().payloadOffset()).isEqualTo(40 + 48 + 32);
        assertThat(d.tcp().payloadLength()).isEqualTo(100);
    }

    @Test
    void ipv6JumboPayloadOption() {
        int jumbo = 8 + 32 + 70_000; // RFC 2675: counts everything after the IPv6 header
        byte[] hbh = cat(hex("06 00 c2 04"), ByteBuffer.allocate(4).putInt(jumbo).array());
        byte[] ip = ipv6("2001:db8::1", "2001:db8::2", 0, cat(hbh, SEGMENT));
        ip[4] = 0;
        ip[5] = 0; // payload length 0
        RawPacket p = new RawPacket().set(ip, 0, ip.length, 40 + jumbo, 0, PacketDecoder.LINKTYPE_RAW, 0, 1, 0);
        assertThat(d.decode(p)).isEqualTo(DecodeStatus.TCP);
        assertThat(d.ip().totalLength()).isEqualTo(40 + jumbo);
        assertThat(d.tcp().payloadLength()).isEqualTo(70_000);
        assertThat(d.tcp().capturedPayloadLength()).isEqualTo(100);
    }

    @Test
    void ipv6PayloadLengthZeroWithoutJumboFallsBackToTheFrameLength() {
        byte[] ip = ipv6("2001:db8::1", "2001:db8::2", 6, SEGMENT);
        ip[4] = 0;
        ip[5] = 0; // BIG TCP / GSO as captured on the sending host
        assertThat(raw(ip)).isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().payloadLength()).isEqualTo(100);
    }

    @Test
    void ipv6NonFirstFragmentIsCountedAndSkipped() {
        byte[] frag = hex("06 00 0008 00000001"); // next 6, offset 1 (× 8 bytes), M 0, identification 1
        assertThat(raw(ipv6("2001:db8::1", "2001:db8::2", 44, cat(frag, SEGMENT)))).isEqualTo(DecodeStatus.IP_OTHER);
        assertThat(d.ip().protocol()).isEqualTo(6);
        assertThat(d.counters().nonFirstFragments()).isEqualTo(1);
    }

    @Test
    void ipv6FirstFragmentIsDecodedAsTcp() {
        byte[] frag = hex("06 00 0001 00000001"); // offset 0, M 1
        assertThat(raw(ipv6("2001:db8::1", "2001:db8::2", 44, cat(frag, SEGMENT)))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().payloadLength()).isEqualTo(100);
    }

    @Test
    void ipv6EspEndsTheChain() {
        assertThat(raw(ipv6("2001:db8::1", "2001:db8::2", 50, SEGMENT))).isEqualTo(DecodeStatus.IP_OTHER);
        assertThat(d.ip().protocol()).isEqualTo(50);
    }

    @Test
    void ipv6NoNextHeaderEndsTheChain() {
        byte[] dst = hex("3b 00 01 04 00000000"); // destination options, next 59
        assertThat(raw(ipv6("2001:db8::1", "2001:db8::2", 60, dst))).isEqualTo(DecodeStatus.IP_OTHER);
        assertThat(d.ip().protocol()).isEqualTo(59);
    }

    @Test
    void ipv6ExtensionHeaderCutByTheCaptureIsTruncated() {
        byte[] ip = ipv6("2001:db8::1", "2001:db8::2", 0, cat(hex("06 01 01 0a 0000000000000000 00000000"), SEGMENT));
        assertThat(d.decode(TestPackets.snapped(PacketDecoder.LINKTYPE_RAW, ip, 50))).isEqualTo(DecodeStatus.TRUNCATED);
    }

    @Test
    void ipv6ExtensionHeadersLongerThanThePayloadLengthAreMalformed() {
        byte[] ip = ipv6("2001:db8::1", "2001:db8::2", 60, cat(hex("06 00 01 04 00000000"), SEGMENT));
        ip[4] = 0;
        ip[5] = 4; // payload length 4 < the 8-byte extension header
        assertThat(raw(ip)).isEqualTo(DecodeStatus.MALFORMED);
    }

    @Test
    void udpIsIpOther() {
        assertThat(raw(ipv4("10.0.0.1", "10.0.0.2", 17, hex("0035 0035 0008 0000")))).isEqualTo(DecodeStatus.IP_OTHER);
        assertThat(d.ip().protocol()).isEqualTo(17);
    }
}
