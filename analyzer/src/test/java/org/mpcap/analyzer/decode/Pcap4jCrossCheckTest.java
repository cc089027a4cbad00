package org.mpcap.analyzer.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.decode.mptcp.MptcpOption;
import org.mpcap.analyzer.decode.mptcp.MptcpSubtype;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpPacket;
import org.pcap4j.packet.IpV4NoOperationOption;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc791Tos;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.IpV6SimpleFlowLabel;
import org.pcap4j.packet.IpV6SimpleTrafficClass;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpMaximumSegmentSizeOption;
import org.pcap4j.packet.TcpNoOperationOption;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.TcpSackOption;
import org.pcap4j.packet.TcpSackPermittedOption;
import org.pcap4j.packet.TcpTimestampsOption;
import org.pcap4j.packet.TcpWindowScaleOption;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.UnknownTcpOption;
import org.pcap4j.packet.factory.PacketFactories;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import org.pcap4j.packet.namednumber.TcpOptionKind;
import org.pcap4j.packet.namednumber.TcpPort;
import org.pcap4j.util.MacAddress;

/**
 * Packets built and serialised by pcap4j (static packet factory only), decoded by {@link PacketDecoder}, and
 * every header field compared with pcap4j's own parse of the same bytes.
 */
class Pcap4jCrossCheckTest {

    private static TcpPacket.Builder tcp(InetAddress src, InetAddress dst, List<TcpPacket.TcpOption> options,
                                         boolean syn, int payload) {
        return new TcpPacket.Builder()
                .srcPort(TcpPort.getInstance((short) 51234)).dstPort(TcpPort.getInstance((short) 443))
                .sequenceNumber(0x89abcdef).acknowledgmentNumber(syn ? 0 : 0x12345678)
                .syn(syn).ack(!syn).psh(payload > 0).window((short) 0xfaf0)
                .options(options).srcAddr(src).dstAddr(dst)
                .payloadBuilder(payload > 0 ? new UnknownPacket.Builder().rawData(new byte[payload]) : null)
                .correctChecksumAtBuild(true).correctLengthAtBuild(true).paddingAtBuild(true);
    }

    private static UnknownTcpOption mptcpOption(String hex) {
        byte[] all = TestPackets.hex(hex);
        byte[] data = java.util.Arrays.copyOfRange(all, 2, all.length);
        return new UnknownTcpOption.Builder().kind(TcpOptionKind.getInstance((byte) 30)).length((byte) all.length)
                .data(data).correctLengthAtBuild(true).build();
    }

    private static byte[] ethernet(EtherType type, Packet.Builder payload) throws Exception {
        return new EthernetPacket.Builder()
                .dstAddr(MacAddress.getByName("02:00:00:00:00:02")).srcAddr(MacAddress.getByName("02:00:00:00:00:01"))
                .type(type).payloadBuilder(payload).paddingAtBuild(true).build().getRawData();
    }

    private static void assertSameAsPcap4j(byte[] raw) throws Exception {
        PacketDecoder d = new PacketDecoder();
        assertThat(d.decode(TestPackets.packet(1, raw))).isEqualTo(DecodeStatus.TCP);
        EthernetPacket parsed = EthernetPacket.newPacket(raw, 0, raw.length);
        IpPacket ipPacket = parsed.get(IpPacket.class);
        IpView ip = d.ip();
        if (ipPacket instanceof IpV4Packet v4) {
            IpV4Packet.IpV4Header h = v4.getHeader();
            assertThat(ip.version()).isEqualTo(4);
            assertThat(ip.totalLength()).isEqualTo(h.getTotalLengthAsInt());
            assertThat(ip.ttl()).isEqualTo(h.getTtlAsInt());
            assertThat(ip.protocol()).isEqualTo(h.getProtocol().value() & 0xff);
            assertThat(IpAddresses.format(ip.srcHi(), ip.srcLo())).isEqualTo(h.getSrcAddr().getHostAddress());
            assertThat(IpAddresses.format(ip.dstHi(), ip.dstLo())).isEqualTo(h.getDstAddr().getHostAddress());
        } else {
            IpV6Packet.IpV6Header h = ((IpV6Packet) ipPacket).getHeader();
            assertThat(ip.version()).isEqualTo(6);
            assertThat(ip.totalLength()).isEqualTo(40 + h.getPayloadLengthAsInt());
            assertThat(ip.ttl()).isEqualTo(h.getHopLimitAsInt());
            assertThat(ip.protocol()).isEqualTo(h.getNextHeader().value() & 0xff);
            assertThat(ip.srcHi()).isEqualTo(ByteBuffer.wrap(h.getSrcAddr().getAddress()).getLong(0));
            assertThat(ip.srcLo()).isEqualTo(ByteBuffer.wrap(h.getSrcAddr().getAddress()).getLong(8));
            assertThat(ip.dstLo()).isEqualTo(ByteBuffer.wrap(h.getDstAddr().getAddress()).getLong(8));
        }
        TcpPacket tcpPacket = parsed.get(TcpPacket.class);
        TcpPacket.TcpHeader h = tcpPacket.getHeader();
        TcpView t = d.tcp();
        assertThat(t.srcPort()).isEqualTo(h.getSrcPort().valueAsInt());
        assertThat(t.dstPort()).isEqualTo(h.getDstPort().valueAsInt());
        assertThat(t.seq()).isEqualTo(h.getSequenceNumber());
        assertThat(t.ack()).isEqualTo(h.getAcknowledgmentNumber());
        assertThat(t.headerLength()).isEqualTo(h.getDataOffsetAsInt() * 4);
        assertThat(t.window()).isEqualTo(h.getWindowAsInt());
        assertThat(t.has(TcpView.SYN)).isEqualTo(h.getSyn());
        assertThat(t.has(TcpView.ACK)).isEqualTo(h.getAck());
        assertThat(t.has(TcpView.PSH)).isEqualTo(h.getPsh());
        assertThat(t.has(TcpView.FIN)).isEqualTo(h.getFin());
        assertThat(t.has(TcpView.RST)).isEqualTo(h.getRst());
        int payload = tcpPacket.getPayload() == null ? 0 : tcpPacket.getPayload().length();
        assertThat(t.payloadLength()).isEqualTo(payload);
        assertThat(t.capturedPayloadLength()).isEqualTo(payload);
        int mptcp = 0;
        for (TcpPacket.TcpOption o : h.getOptions()) {
            if (o instanceof TcpMaximumSegmentSizeOption mss) assertThat(t.mss()).isEqualTo(mss.getMaxSegSizeAsInt());
            if (o instanceof TcpWindowScaleOption ws) assertThat(t.windowScale()).isEqualTo(ws.getShiftCountAsInt());
            if (o instanceof TcpSackPermittedOption) assertThat(t.sackPermitted()).isTrue();
            if (o instanceof TcpTimestampsOption ts) {
                assertThat(t.tsVal()).isEqualTo(ts.getTsValue());
                assertThat(t.tsEcr()).isEqualTo(ts.getTsEchoReply());
            }
            if (o instanceof TcpSackOption sack) {
                // pcap4j 1.8.2 has no getter for the blocks: read them from its raw option bytes.
                ByteBuffer sackBytes = ByteBuffer.wrap(sack.getRawData());
                assertThat(t.sackBlockCount()).isEqualTo((sack.getLengthAsInt() - 2) / 8);
                for (int i = 0; i < t.sackBlockCount(); i++) {
                    assertThat(t.sackLeft(i)).isEqualTo(sackBytes.getInt(2 + 8 * i));
                    assertThat(t.sackRight(i)).isEqualTo(sackBytes.getInt(6 + 8 * i));
                }
            }
            if (o instanceof UnknownTcpOption u && u.getKind().value() == 30) {
                MptcpOption m = d.mptcp().get(mptcp++);
                assertThat(m.length()).isEqualTo(u.getLengthAsInt());
                assertThat(m.subtypeCode()).isEqualTo((u.getData()[0] & 0xff) >>> 4);
                assertThat(m.valid()).isTrue();
            }
        }
        assertThat(d.mptcp().count()).isEqualTo(mptcp);
        assertThat(t.optionsMalformed()).isFalse();
    }

    @Test
    void pcap4jUsesTheStaticPacketFactoryOnly() {
        assertThat(PacketFactories.class.getClassLoader().getResource(
                "META-INF/services/org.pcap4j.packet.factory.PacketFactoryBinderProvider")).isNotNull();
        assertThat(PacketFactories.getFactory(Packet.class, EtherType.class).getClass().getName())
                .startsWith("org.pcap4j.packet.factory.statik.");
    }

    @Test
    void ipv4SynWithEveryCommonOptionAndMpCapable() throws Exception {
        Inet4Address src = (Inet4Address) InetAddress.getByName("192.168.1.10");
        Inet4Address dst = (Inet4Address) InetAddress.getByName("203.0.113.7");
        List<TcpPacket.TcpOption> options = new ArrayList<>();
        options.add(new TcpMaximumSegmentSizeOption.Builder().maxSegSize((short) 1460).correctLengthAtBuild(true).build());
        options.add(TcpSackPermittedOption.getInstance());
        options.add(new TcpTimestampsOption.Builder().tsValue(0x01020304).tsEchoReply(0).correctLengthAtBuild(true).build());
        options.add(TcpNoOperationOption.getInstance());
        options.add(new TcpWindowScaleOption.Builder().shiftCount((byte) 7).correctLengthAtBuild(true).build());
        options.add(mptcpOption("1e 04 01 81"));
        IpV4Packet.Builder ip = new IpV4Packet.Builder().version(IpVersion.IPV4).tos(IpV4Rfc791Tos.newInstance((byte) 0))
                .identification((short) 7).ttl((byte) 61).protocol(IpNumber.TCP).srcAddr(src).dstAddr(dst)
                .payloadBuilder(tcp(src, dst, options, true, 0))
                .correctChecksumAtBuild(true).correctLengthAtBuild(true);
        assertSameAsPcap4j(ethernet(EtherType.IPV4, ip));
    }

    @Test
    void ipv4WithHeaderOptionsAndDssDataSegment() throws Exception {
        Inet4Address src = (Inet4Address) InetAddress.getByName("10.1.2.3");
        Inet4Address dst = (Inet4Address) InetAddress.getByName("10.3.2.1");
        List<TcpPacket.TcpOption> options = new ArrayList<>();
        options.add(TcpNoOperationOption.getInstance());
        options.add(TcpNoOperationOption.getInstance());
        options.add(new TcpTimestampsOption.Builder().tsValue(-5).tsEchoReply(77).correctLengthAtBuild(true).build());
        options.add(mptcpOption("1e 14 20 05 0000007b 000001c8 00000001 0200 beef")); // DSS A M + checksum
        IpV4Packet.Builder ip = new IpV4Packet.Builder().version(IpVersion.IPV4).tos(IpV4Rfc791Tos.newInstance((byte) 0))
                .ttl((byte) 64).protocol(IpNumber.TCP).srcAddr(src).dstAddr(dst)
                .options(List.of(IpV4NoOperationOption.getInstance(), IpV4NoOperationOption.getInstance(),
                        IpV4NoOperationOption.getInstance(), IpV4NoOperationOption.getInstance()))
                .payloadBuilder(tcp(src, dst, options, false, 512))
                .correctChecksumAtBuild(true).correctLengthAtBuild(true).paddingAtBuild(true);
        byte[] raw = ethernet(EtherType.IPV4, ip);
        assertThat(raw[14] & 0x0f).isEqualTo(6); // IHL 6: the options made it onto the wire
        assertSameAsPcap4j(raw);
    }

    @Test
    void ipv6AckWithSackBlocksAndTwoMptcpOptions() throws Exception {
        Inet6Address src = (Inet6Address) InetAddress.getByName("2001:db8:1::10");
        Inet6Address dst = (Inet6Address) InetAddress.getByName("2001:db8:2::20");
        List<TcpPacket.TcpOption> options = new ArrayList<>();
        options.add(new TcpSackOption.Builder()
                .sacks(List.of(new TcpSackOption.Sack(1000, 2000), new TcpSackOption.Sack(-3000, -2000)))
                .correctLengthAtBuild(true).build());
        options.add(mptcpOption("1e 08 20 01 0000007b"));
        options.add(mptcpOption("1e 05 40 02 03"));
        IpV6Packet.Builder ip = new IpV6Packet.Builder().version(IpVersion.IPV6)
                .trafficClass(IpV6SimpleTrafficClass.newInstance((byte) 0)).flowLabel(IpV6SimpleFlowLabel.newInstance(5))
                .nextHeader(IpNumber.TCP).hopLimit((byte) 60).srcAddr(src).dstAddr(dst)
                .payloadBuilder(tcp(src, dst, options, false, 33)).correctLengthAtBuild(true);
        assertSameAsPcap4j(ethernet(EtherType.IPV6, ip));
    }

    @Test
    void ipv4SmallSegmentPaddedToTheEthernetMinimum() throws Exception {
        Inet4Address src = (Inet4Address) InetAddress.getByName("10.0.0.1");
        Inet4Address dst = (Inet4Address) InetAddress.getByName("10.0.0.2");
        IpV4Packet.Builder ip = new IpV4Packet.Builder().version(IpVersion.IPV4).tos(IpV4Rfc791Tos.newInstance((byte) 0))
                .ttl((byte) 64).protocol(IpNumber.TCP).srcAddr(src).dstAddr(dst)
                .payloadBuilder(tcp(src, dst, List.of(), false, 1))
                .correctChecksumAtBuild(true).correctLengthAtBuild(true);
        byte[] raw = ethernet(EtherType.IPV4, ip);
        assertThat(raw.length).isEqualTo(60); // 14 + 41 + 5 bytes of padding
        assertSameAsPcap4j(raw);
    }
}
