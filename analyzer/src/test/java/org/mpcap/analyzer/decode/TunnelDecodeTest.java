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
import static org.mpcap.analyzer.decode.TestPackets.zeros;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** IP-in-IP, 6in4, GRE and GTP-U decapsulation; outer headers recorded; depth limit. */
class TunnelDecodeTest {
    static final byte[] SEGMENT = tcp(40000, 443, 1, 2, ACK, hex("1e 08 20 01 0000007b"), 7);
    static final byte[] INNER4 = ipv4("10.45.0.2", "93.184.216.34", 6, SEGMENT);
    static final byte[] INNER6 = ipv6("2001:db8:45::2", "2001:db8:80::1", 6, SEGMENT);

    private final PacketDecoder d = new PacketDecoder();

    private DecodeStatus ethernet(byte[] outerIp) {
        return d.decode(packet(1, eth(outerIp[0] >>> 4 == 6 ? 0x86dd : 0x0800, outerIp)));
    }

    private String src() {
        return IpAddresses.format(d.ip().srcHi(), d.ip().srcLo());
    }

    private String outerSrc(int i) {
        return IpAddresses.format(d.ip().outerSrcHi(i), d.ip().outerSrcLo(i));
    }

    private String outerDst(int i) {
        return IpAddresses.format(d.ip().outerDstHi(i), d.ip().outerDstLo(i));
    }

    private void assertInnerSegment() {
        assertThat(d.tcp().dstPort()).isEqualTo(443);
        assertThat(d.tcp().payloadLength()).isEqualTo(7);
        assertThat(d.mptcp().count()).isEqualTo(1);
    }

    @Test
    void ipInIp() {
        assertThat(ethernet(ipv4("192.0.2.1", "192.0.2.2", 4, INNER4))).isEqualTo(DecodeStatus.TCP);
        assertThat(src()).isEqualTo("10.45.0.2");
        assertThat(d.ip().encapsulationDepth()).isEqualTo(1);
        assertThat(d.ip().outerIpCount()).isEqualTo(1);
        assertThat(outerSrc(0)).isEqualTo("192.0.2.1");
        assertThat(outerDst(0)).isEqualTo("192.0.2.2");
        assertInnerSegment();
    }

    @Test
    void sixInFour() {
        assertThat(ethernet(ipv4("192.0.2.1", "192.0.2.2", 41, INNER6))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.ip().version()).isEqualTo(6);
        assertThat(src()).isEqualTo("2001:db8:45::2");
        assertThat(outerSrc(0)).isEqualTo("192.0.2.1");
        assertInnerSegment();
    }

    @Test
    void ipv4InIpv6() {
        assertThat(ethernet(ipv6("2001:db8::a", "2001:db8::b", 4, INNER4))).isEqualTo(DecodeStatus.TCP);
        assertThat(outerDst(0)).isEqualTo("2001:db8::b");
        assertInnerSegment();
    }

    @Test
    void greWithKeyAndSequenceNumber() {
        byte[] gre = hex("""
                3000        # C 0, R 0, K 1, S 1, version 0 (RFC 2784 §2.1, RFC 2890 §2)
                0800        # protocol type IPv4
                0000002a    # key
                00000007    # sequence number
                """);
        assertThat(ethernet(ipv4("192.0.2.1", "192.0.2.2", 47, cat(gre, INNER4)))).isEqualTo(DecodeStatus.TCP);
        assertThat(src()).isEqualTo("10.45.0.2");
        assertThat(outerSrc(0)).isEqualTo("192.0.2.1");
        assertInnerSegment();
    }

    @Test
    void greWithChecksumCarryingIpv6() {
        byte[] gre = hex("8000 86dd  1234 0000"); // C 1: checksum + reserved1
        assertThat(ethernet(ipv4("192.0.2.1", "192.0.2.2", 47, cat(gre, INNER6)))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.ip().version()).isEqualTo(6);
        assertInnerSegment();
    }

    @Test
    void greTransparentEthernetBridging() {
        byte[] gre = hex("2000 6558 00000001"); // K 1, protocol 0x6558: an Ethernet frame follows
        byte[] inner = eth(0x8100, cat(hex("0005 0800"), INNER4));
        assertThat(ethernet(ipv4("192.0.2.1", "192.0.2.2", 47, cat(gre, inner)))).isEqualTo(DecodeStatus.TCP);
        assertThat(src()).isEqualTo("10.45.0.2");
        assertThat(d.ip().outerIpCount()).isEqualTo(1);
        assertInnerSegment();
    }

    @Test
    void greCarryingArpIsIpOtherOnTheOuterHeader() {
        byte[] gre = hex("0000 6558");
        assertThat(ethernet(ipv4("192.0.2.1", "192.0.2.2", 47, cat(gre, eth(0x0806, zeros(28))))))
                .isEqualTo(DecodeStatus.IP_OTHER);
        assertThat(d.ip().protocol()).isEqualTo(47);
        assertThat(src()).isEqualTo("192.0.2.1");
        assertThat(d.ip().outerIpCount()).isZero();
        assertThat(d.counters().notIp()).isZero();
    }

    @Test
    void greVersion1IsNotDecoded() {
        assertThat(ethernet(ipv4("192.0.2.1", "192.0.2.2", 47, cat(hex("3001 880b 00000000 00000001"), INNER4))))
                .isEqualTo(DecodeStatus.IP_OTHER);
    }

    private static byte[] udp(int sport, int dport, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) sport).putShort((short) dport)
                .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array();
    }

    private static byte[] gtpHeader(int flags, int type, int length, byte[] optional) {
        return cat(ByteBuffer.allocate(8).put((byte) flags).put((byte) type).putShort((short) length)
                .putInt(0x1234_5678).array(), optional);
    }

    @Test
    void gtpuWithExtensionHeader() {
        byte[] optional = hex("""
                0001      # sequence number
                00        # N-PDU number
                85        # next extension header: PDU session container
                01 10 05 00   # extension: length 1 (4 bytes), content, next type 0 (none)
                """);
        byte[] gtp = cat(gtpHeader(0x34, 0xff, optional.length + INNER4.length, optional), INNER4); // v1, PT, E
        byte[] outer = ipv4("172.16.0.1", "172.16.0.2", 17, udp(2152, 2152, gtp));
        assertThat(ethernet(outer)).isEqualTo(DecodeStatus.TCP);
        assertThat(src()).isEqualTo("10.45.0.2");
        assertThat(outerSrc(0)).isEqualTo("172.16.0.1");
        assertInnerSegment();
    }

    @Test
    void gtpuPlainHeaderWithIpv6() {
        byte[] gtp = cat(gtpHeader(0x30, 0xff, INNER6.length, new byte[0]), INNER6);
        assertThat(ethernet(ipv4("172.16.0.1", "172.16.0.2", 17, udp(40000, 2152, gtp)))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.ip().version()).isEqualTo(6);
        assertInnerSegment();
    }

    @Test
    void gtpEchoRequestIsIpOther() {
        byte[] gtp = gtpHeader(0x32, 0x01, 4, hex("0001 0000")); // S flag, echo request
        assertThat(ethernet(ipv4("172.16.0.1", "172.16.0.2", 17, udp(2152, 2152, gtp)))).isEqualTo(DecodeStatus.IP_OTHER);
        assertThat(src()).isEqualTo("172.16.0.1");
    }

    @Test
    void gtpExtensionHeaderWithLengthZeroIsMalformed() {
        byte[] optional = hex("0001 00 85  00 00 00 00");
        byte[] gtp = cat(gtpHeader(0x34, 0xff, optional.length + INNER4.length, optional), INNER4);
        assertThat(ethernet(ipv4("172.16.0.1", "172.16.0.2", 17, udp(2152, 2152, gtp)))).isEqualTo(DecodeStatus.MALFORMED);
    }

    @Test
    void nestedTunnelsRecordEveryOuterHeader() {
        byte[] p = ipv4("10.0.0.3", "10.0.0.4", 4, INNER4);
        p = ipv6("2001:db8::2", "2001:db8::3", 4, p);
        p = ipv4("10.0.0.1", "10.0.0.2", 41, p);
        assertThat(ethernet(p)).isEqualTo(DecodeStatus.TCP);
        assertThat(d.ip().outerIpCount()).isEqualTo(3);
        assertThat(outerSrc(0)).isEqualTo("10.0.0.1");
        assertThat(outerSrc(1)).isEqualTo("2001:db8::2");
        assertThat(outerSrc(2)).isEqualTo("10.0.0.3");
        assertThat(src()).isEqualTo("10.45.0.2");
    }

    @Test
    void tunnelsDeeperThanTheLimitStopAtTheLastAllowedHeader() {
        byte[] p = INNER4;
        for (int i = PacketDecoder.MAX_ENCAPSULATION + 1; i >= 1; i--) p = ipv4("10.0.0." + i, "10.0.1." + i, 4, p);
        assertThat(ethernet(p)).isEqualTo(DecodeStatus.IP_OTHER);
        assertThat(d.ip().outerIpCount()).isEqualTo(PacketDecoder.MAX_ENCAPSULATION);
        assertThat(src()).isEqualTo("10.0.0." + (PacketDecoder.MAX_ENCAPSULATION + 1));
        assertThat(d.ip().protocol()).isEqualTo(4);
    }

    @Test
    void innerHeaderCutByTheCaptureIsTruncated() {
        byte[] frame = eth(0x0800, ipv4("192.0.2.1", "192.0.2.2", 4, INNER4));
        assertThat(d.decode(TestPackets.snapped(1, frame, 14 + 20 + 30))).isEqualTo(DecodeStatus.TRUNCATED);
    }

    @Test
    void outerHeadersAreForgottenByTheNextPacket() {
        ethernet(ipv4("192.0.2.1", "192.0.2.2", 4, INNER4));
        assertThat(ethernet(INNER4)).isEqualTo(DecodeStatus.TCP);
        assertThat(d.ip().outerIpCount()).isZero();
        assertThat(d.ip().encapsulationDepth()).isZero();
    }
}
