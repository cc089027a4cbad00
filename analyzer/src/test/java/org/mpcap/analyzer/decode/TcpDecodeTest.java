package org.mpcap.analyzer.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.decode.TestPackets.ACK;
import static org.mpcap.analyzer.decode.TestPackets.PSH;
import static org.mpcap.analyzer.decode.TestPackets.SYN;
import static org.mpcap.analyzer.decode.TestPackets.eth;
import static org.mpcap.analyzer.decode.TestPackets.hex;
import static org.mpcap.analyzer.decode.TestPackets.ipv4;
import static org.mpcap.analyzer.decode.TestPackets.packet;
import static org.mpcap.analyzer.decode.TestPackets.snapped;
import static org.mpcap.analyzer.decode.TestPackets.tcp;

import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.decode.mptcp.MptcpSubtype;

/** TCP header fields, the option walk, payload lengths and truncation. */
class TcpDecodeTest {
    private final PacketDecoder d = new PacketDecoder();

    private DecodeStatus decode(byte[] segment) {
        return d.decode(packet(1, eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, segment))));
    }

    @Test
    void headerFields() {
        assertThat(decode(tcp(40000, 80, 0x8000_0001, 0xffff_fffe, ACK | PSH, new byte[0], 3))).isEqualTo(DecodeStatus.TCP);
        TcpView t = d.tcp();
        assertThat(t.srcPort()).isEqualTo(40000);
        assertThat(t.dstPort()).isEqualTo(80);
        assertThat(t.seq()).isEqualTo(0x8000_0001);
        assertThat(t.ack()).isEqualTo(0xffff_fffe);
        assertThat(t.flags()).isEqualTo(TcpView.ACK | TcpView.PSH);
        assertThat(t.has(TcpView.SYN)).isFalse();
        assertThat(t.window()).isEqualTo(65535);
        assertThat(t.headerLength()).isEqualTo(20);
        assertThat(t.payloadOffset()).isEqualTo(14 + 20 + 20);
        assertThat(t.payloadLength()).isEqualTo(3);
        assertThat(t.capturedPayloadLength()).isEqualTo(3);
        assertThat(t.mss()).isEqualTo(-1);
        assertThat(t.windowScale()).isEqualTo(-1);
    }

    @Test
    void synOptionsMssSackPermittedTimestampsWindowScaleMptcp() {
        byte[] options = hex("""
                02 04 05b4               # MSS 1460
                04 02                    # SACK permitted
                08 0a 376fe42b 00000000  # timestamps
                01                       # NOP
                03 03 0a                 # window scale 10
                1e 04 01 81              # MP_CAPABLE v1 SYN
                """);
        assertThat(decode(tcp(SYN, options, 0))).isEqualTo(DecodeStatus.TCP);
        TcpView t = d.tcp();
        assertThat(t.mss()).isEqualTo(1460);
        assertThat(t.sackPermitted()).isTrue();
        assertThat(t.hasTimestamps()).isTrue();
        assertThat(t.tsVal()).isEqualTo(0x376fe42b);
        assertThat(t.tsEcr()).isZero();
        assertThat(t.windowScale()).isEqualTo(10);
        assertThat(t.optionsMalformed()).isFalse();
        assertThat(d.mptcp().count()).isEqualTo(1);
        assertThat(d.mptcp().get(0).subtype()).isEqualTo(MptcpSubtype.MP_CAPABLE);
        assertThat(d.mptcp().get(0).optionOffset()).isEqualTo(14 + 20 + 20 + 20);
    }

    @Test
    void sackBlocks() {
        byte[] options = hex("01 01 05 12  00000064 000000c8  0000012c 00000190"); // 2 blocks
        assertThat(decode(tcp(ACK, options, 0))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().sackBlockCount()).isEqualTo(2);
        assertThat(d.tcp().sackLeft(0)).isEqualTo(100);
        assertThat(d.tcp().sackRight(0)).isEqualTo(200);
        assertThat(d.tcp().sackLeft(1)).isEqualTo(300);
        assertThat(d.tcp().sackRight(1)).isEqualTo(400);
    }

    @Test
    void unknownOptionKindsAreSkippedByLength() {
        byte[] options = hex("fd 06 0000 0000  02 04 0578"); // experimental kind 253, then MSS
        assertThat(decode(tcp(SYN, options, 0))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().mss()).isEqualTo(1400);
        assertThat(d.tcp().optionsMalformed()).isFalse();
    }

    @Test
    void endOfOptionListStopsTheWalk() {
        byte[] options = hex("00 02 04 0578"); // EOL, then bytes that must be ignored
        assertThat(decode(tcp(SYN, options, 0))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().mss()).isEqualTo(-1);
        assertThat(d.tcp().optionsMalformed()).isFalse();
    }

    @Test
    void optionLengthPastTheHeaderStopsTheWalkAndIsCounted() {
        byte[] options = hex("02 04 05b4  08 0c 00000001"); // MSS ok, then timestamps claiming 12 bytes of 6
        assertThat(decode(tcp(ACK, options, 0))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().mss()).isEqualTo(1460);
        assertThat(d.tcp().hasTimestamps()).isFalse();
        assertThat(d.tcp().optionsMalformed()).isTrue();
        assertThat(d.counters().malformedTcpOptions()).isEqualTo(1);
    }

    @Test
    void optionLengthBelowTwoStopsTheWalk() {
        assertThat(decode(tcp(ACK, hex("1e 01 00 00"), 0))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().optionsMalformed()).isTrue();
        assertThat(d.mptcp().count()).isZero();
    }

    @Test
    void knownKindWithWrongLengthIsMalformed() {
        assertThat(decode(tcp(SYN, hex("02 03 05 00"), 0))).isEqualTo(DecodeStatus.TCP); // MSS with length 3
        assertThat(d.tcp().optionsMalformed()).isTrue();
        assertThat(d.tcp().mss()).isEqualTo(-1);
    }

    @Test
    void mptcpOptionLengthIsBoundedByTheOptionArea() {
        // DSS claims 20 bytes but only 8 remain in the header: the walk stops before the MPTCP decoder.
        assertThat(decode(tcp(ACK, hex("1e 14 20 01 0000007b"), 0))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().optionsMalformed()).isTrue();
        assertThat(d.mptcp().count()).isZero();
    }

    @Test
    void severalMptcpOptionsInOneSegment() {
        byte[] options = hex("""
                1e 08 20 01 0000007b   # DSS data ACK
                1e 08 31 03 0a000206   # ADD_ADDR echo
                1e 05 40 02 03         # REMOVE_ADDR 2, 3
                """);
        assertThat(decode(tcp(ACK, options, 0))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.mptcp().count()).isEqualTo(3);
        assertThat(d.mptcp().get(0).subtype()).isEqualTo(MptcpSubtype.DSS);
        assertThat(d.mptcp().get(1).subtype()).isEqualTo(MptcpSubtype.ADD_ADDR);
        assertThat(d.mptcp().get(2).subtype()).isEqualTo(MptcpSubtype.REMOVE_ADDR);
    }

    @Test
    void invalidAndUnknownMptcpOptionsAreCountedAndTheSegmentStaysTcp() {
        byte[] options = hex("1e 0c 10 02 1a2b3c4d deadbeef  1e 04 f0 00"); // MP_JOIN SYN on an ACK; subtype 15
        assertThat(decode(tcp(ACK, options, 0))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.mptcp().count()).isEqualTo(2);
        assertThat(d.counters().malformedMptcpOptions()).isEqualTo(1);
        assertThat(d.counters().unknownMptcpSubtypes()).isEqualTo(1);
    }

    @Test
    void mptcpOptionsAreForgottenByTheNextPacket() {
        decode(tcp(ACK, hex("1e 08 20 01 0000007b"), 0));
        decode(tcp(ACK, new byte[0], 0));
        assertThat(d.mptcp().count()).isZero();
    }

    @Test
    void snaplenCutInsideTheFixedTcpHeaderIsTruncated() {
        byte[] frame = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(ACK, hex("0101 080a 00000001 00000002"), 100)));
        assertThat(d.decode(snapped(1, frame, 14 + 20 + 16))).isEqualTo(DecodeStatus.TRUNCATED);
        assertThat(d.counters().truncated()).isEqualTo(1);
    }

    @Test
    void snaplenCutInsideTheOptionsKeepsTheSegmentWithTheWholeOptionsOnly() {
        // tcpdump -s 64 on Linux cooked v2, -s 54..66 on Ethernet: fixed header complete, options cut.
        byte[] frame = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6,
                tcp(ACK, hex("1e 08 20 01 0000007b  080a 00000001 00000002  0101"), 100)));
        assertThat(d.decode(snapped(1, frame, 14 + 20 + 20 + 8 + 4))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().srcPort()).isEqualTo(40000);
        assertThat(d.tcp().payloadLength()).isEqualTo(100);
        assertThat(d.tcp().capturedPayloadLength()).isZero();
        assertThat(d.mptcp().count()).isEqualTo(1); // the DSS is whole
        assertThat(d.tcp().hasTimestamps()).isFalse(); // cut after 4 of its 10 bytes
        assertThat(d.tcp().optionsTruncated()).isTrue();
        assertThat(d.tcp().optionsMalformed()).isFalse();
        assertThat(d.counters().truncatedTcpOptions()).isEqualTo(1);
        assertThat(d.counters().truncated()).isZero();
        assertThat(d.counters().malformedTcpOptions()).isZero();
    }

    @Test
    void snaplenCutInsideThePayloadKeepsTheFullPayloadLength() {
        byte[] frame = eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(ACK, hex("0101 080a 00000001 00000002"), 1400)));
        assertThat(d.decode(snapped(1, frame, 128))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.tcp().payloadLength()).isEqualTo(1400);
        assertThat(d.tcp().capturedPayloadLength()).isEqualTo(128 - 14 - 20 - 32);
    }

    @Test
    void dataOffsetBelowFiveIsMalformed() {
        byte[] segment = tcp(ACK, new byte[0], 10);
        segment[12] = 0x40;
        assertThat(decode(segment)).isEqualTo(DecodeStatus.MALFORMED);
        assertThat(d.counters().malformed()).isEqualTo(1);
    }

    @Test
    void headerLongerThanTheSegmentIsMalformed() {
        byte[] segment = tcp(ACK, new byte[0], 10); // 30 bytes on the wire
        segment[12] = (byte) 0x80; // claims 32
        assertThat(decode(segment)).isEqualTo(DecodeStatus.MALFORMED);
    }

    @Test
    void segmentShorterThanATcpHeaderIsMalformed() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(ACK, new byte[0], 0));
        ip[3] = 30; // total length 30: 10 bytes of TCP
        assertThat(d.decode(packet(PacketDecoder.LINKTYPE_RAW, ip))).isEqualTo(DecodeStatus.MALFORMED);
    }
}
