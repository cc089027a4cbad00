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

import java.util.Map;
import org.junit.jupiter.api.Test;

/** One link type (or link-layer encapsulation) per test; each carries the same TCP segment. */
class LinkLayerDecodeTest {
    static final byte[] SEGMENT = tcp(ACK, hex("1e 08 20 01 0000007b"), 5); // DSS data ACK, 5 payload bytes
    static final byte[] V4 = ipv4("192.0.2.1", "198.51.100.2", 6, SEGMENT);
    static final byte[] V6 = ipv6("2001:db8::1", "2001:db8::2", 6, SEGMENT);

    private final PacketDecoder d = new PacketDecoder();

    private void assertV4(byte[] frame, int linkType) {
        assertThat(d.decode(packet(linkType, frame))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.ip().version()).isEqualTo(4);
        assertThat(IpAddresses.format(d.ip().srcHi(), d.ip().srcLo())).isEqualTo("192.0.2.1");
        assertThat(IpAddresses.format(d.ip().dstHi(), d.ip().dstLo())).isEqualTo("198.51.100.2");
        assertThat(d.ip().headerOffset()).isEqualTo(frame.length - V4.length);
        assertSegment();
    }

    private void assertV6(byte[] frame, int linkType) {
        assertThat(d.decode(packet(linkType, frame))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.ip().version()).isEqualTo(6);
        assertThat(IpAddresses.format(d.ip().srcHi(), d.ip().srcLo())).isEqualTo("2001:db8::1");
        assertThat(IpAddresses.format(d.ip().dstHi(), d.ip().dstLo())).isEqualTo("2001:db8::2");
        assertSegment();
    }

    private void assertSegment() {
        assertThat(d.tcp().srcPort()).isEqualTo(40000);
        assertThat(d.tcp().payloadLength()).isEqualTo(5);
        assertThat(d.mptcp().count()).isEqualTo(1);
        assertThat(d.mptcp().get(0).dataAck()).isEqualTo(123);
        assertThat(d.counters().decoderFaults()).isZero();
    }

    @Test
    void ethernetIpv4() {
        assertV4(eth(0x0800, V4), PacketDecoder.LINKTYPE_ETHERNET);
    }

    @Test
    void ethernetIpv6() {
        assertV6(eth(0x86dd, V6), PacketDecoder.LINKTYPE_ETHERNET);
    }

    @Test
    void ethernetPaddingAfterTheIpPacketIsNotPayload() {
        byte[] small = ipv4("192.0.2.1", "198.51.100.2", 6, tcp(ACK, new byte[0], 0)); // 40 bytes
        assertThat(d.decode(packet(1, cat(eth(0x0800, small), zeros(6))))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().payloadLength()).isZero();
        assertThat(d.tcp().capturedPayloadLength()).isZero();
    }

    @Test
    void vlanStackOf8021adAnd8021q() {
        byte[] frame = eth(0x88a8, cat(hex("""
                0064 8100   # 802.1ad S-tag: TCI (VID 100), then 802.1Q
                00c8 0800   # 802.1Q C-tag: TCI (VID 200), then IPv4
                """), V4));
        assertV4(frame, PacketDecoder.LINKTYPE_ETHERNET);
    }

    @Test
    void oldQinqTagType9100() {
        assertV6(eth(0x9100, cat(hex("0064 86dd"), V6)), PacketDecoder.LINKTYPE_ETHERNET);
    }

    @Test
    void mplsLabelStack() {
        byte[] frame = eth(0x8847, cat(hex("""
                00010040   # label 16, TC 0, S 0, TTL 64
                00011140   # label 17, TC 0, S 1 (bottom of stack), TTL 64
                """), V4));
        assertV4(frame, PacketDecoder.LINKTYPE_ETHERNET);
    }

    @Test
    void pppoeSession() {
        int len = V6.length + 2;
        byte[] frame = eth(0x8864, cat(hex("11 00 1234"), new byte[] {(byte) (len >> 8), (byte) len}, hex("0057"), V6));
        assertV6(frame, PacketDecoder.LINKTYPE_ETHERNET);
    }

    @Test
    void linuxCookedV1() {
        byte[] frame = cat(hex("""
                0000                # packet type: to us
                0001                # ARPHRD_ETHER
                0006                # address length
                020000000001 0000   # address (8 bytes)
                0800                # protocol: IPv4
                """), V4);
        assertV4(frame, PacketDecoder.LINKTYPE_LINUX_SLL);
    }

    @Test
    void linuxCookedV2() {
        byte[] frame = cat(hex("""
                86dd                # protocol: IPv6
                0000                # reserved
                00000002            # interface index
                0001                # ARPHRD_ETHER
                00                  # packet type
                06                  # address length
                020000000001 0000   # address (8 bytes)
                """), V6);
        assertV6(frame, PacketDecoder.LINKTYPE_LINUX_SLL2);
    }

    @Test
    void linuxCookedV1WithVlanProtocol() {
        byte[] frame = cat(hex("0000 0001 0006 0200000000010000 8100"), hex("0064 0800"), V4);
        assertV4(frame, PacketDecoder.LINKTYPE_LINUX_SLL);
    }

    @Test
    void rawIpLinktype101ByVersionNibble() {
        assertV4(V4, PacketDecoder.LINKTYPE_RAW);
        assertV6(V6, PacketDecoder.LINKTYPE_RAW);
    }

    @Test
    void rawIpDltValues12And14() {
        assertV4(V4, PacketDecoder.DLT_RAW_12);
        assertV6(V6, PacketDecoder.DLT_RAW_14);
    }

    @Test
    void ipv4AndIpv6Linktypes() {
        assertV4(V4, PacketDecoder.LINKTYPE_IPV4);
        assertV6(V6, PacketDecoder.LINKTYPE_IPV6);
    }

    @Test
    void ipv6InTheIpv4LinktypeIsMalformed() {
        assertThat(d.decode(packet(PacketDecoder.LINKTYPE_IPV4, V6))).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(d.counters().malformed()).isEqualTo(1);
    }

    @Test
    void bsdNullLittleEndianFamily() {
        assertV4(cat(hex("02000000"), V4), PacketDecoder.LINKTYPE_NULL); // AF_INET written by a little-endian host
        assertV6(cat(hex("1e000000"), V6), PacketDecoder.LINKTYPE_NULL); // Darwin AF_INET6 = 30
    }

    @Test
    void bsdNullBigEndianFamily() {
        assertV4(cat(hex("00000002"), V4), PacketDecoder.LINKTYPE_NULL);
        assertV6(cat(hex("0000001c"), V6), PacketDecoder.LINKTYPE_NULL); // FreeBSD AF_INET6 = 28
    }

    @Test
    void openBsdLoopIsNetworkByteOrder() {
        assertV6(cat(hex("00000018"), V6), PacketDecoder.LINKTYPE_LOOP); // AF_INET6 = 24
        assertV4(cat(hex("00000002"), V4), PacketDecoder.LINKTYPE_LOOP);
    }

    @Test
    void nullWithUnknownFamilyIsNotIp() {
        assertThat(d.decode(packet(PacketDecoder.LINKTYPE_NULL, cat(hex("07000000"), V4)))).isEqualTo(DecodeStatus.NOT_IP);
    }

    @Test
    void pppWithAddressAndControl() {
        assertV4(cat(hex("ff 03 0021"), V4), PacketDecoder.LINKTYPE_PPP);
    }

    @Test
    void pppWithoutAddressAndControl() {
        assertV6(cat(hex("0057"), V6), PacketDecoder.LINKTYPE_PPP);
    }

    @Test
    void pppWithCompressedProtocolField() {
        assertV4(cat(hex("21"), V4), PacketDecoder.LINKTYPE_PPP);
    }

    @Test
    void arpIsNotIpAndCounted() {
        assertThat(d.decode(packet(1, eth(0x0806, zeros(28))))).isEqualTo(DecodeStatus.NOT_IP);
        assertThat(d.counters().notIp()).isEqualTo(1);
    }

    @Test
    void ieee8023LengthFrameIsNotIp() {
        assertThat(d.decode(packet(1, eth(0x0026, zeros(38))))).isEqualTo(DecodeStatus.NOT_IP);
    }

    @Test
    void unsupportedLinkTypeIsCountedPerType() {
        assertThat(d.decode(packet(147, V4))).isEqualTo(DecodeStatus.UNSUPPORTED_LINK);
        assertThat(d.decode(packet(147, V4))).isEqualTo(DecodeStatus.UNSUPPORTED_LINK);
        assertThat(d.decode(packet(105, V4))).isEqualTo(DecodeStatus.UNSUPPORTED_LINK);
        assertThat(d.counters().unsupportedLinkTypes()).isEqualTo(Map.of(105, 1L, 147, 2L));
    }

    @Test
    void frameShorterThanEthernetHeaderIsTruncated() {
        assertThat(d.decode(packet(1, hex("0200000000020200")))).isEqualTo(DecodeStatus.TRUNCATED);
        assertThat(d.counters().truncated()).isEqualTo(1);
    }

    @Test
    void faultAtThePacketBoundaryIsCountedNotThrown() {
        // A RawPacket without a buffer cannot come from a reader; the safety net must still hold.
        var broken = new org.mpcap.analyzer.capture.RawPacket().set(null, 0, 10, 10, 0, 1, 0, 1, 0);
        assertThat(d.decode(broken)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(d.counters().decoderFaults()).isEqualTo(1);
        assertThat(d.decode(packet(1, eth(0x0800, V4)))).isEqualTo(DecodeStatus.TCP); // and it still works
        assertThat(d.counters().decoderFaults()).isEqualTo(1);
    }
}
