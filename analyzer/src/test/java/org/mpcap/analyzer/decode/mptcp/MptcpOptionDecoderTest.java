package org.mpcap.analyzer.decode.mptcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.analyzer.decode.TestPackets.ACK;
import static org.mpcap.analyzer.decode.TestPackets.PSH;
import static org.mpcap.analyzer.decode.TestPackets.RST;
import static org.mpcap.analyzer.decode.TestPackets.SYN;
import static org.mpcap.analyzer.decode.TestPackets.hex;

import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.decode.IpAddresses;

/**
 * RFC byte vectors, one per MPTCP subtype and length variant, plus one negative vector per (length, flags)
 * rule. Each vector is the option alone: kind 30, length, then the subtype's fields.
 */
class MptcpOptionDecoderTest {
    private static final String KEY_A = "0123456789abcdef";
    private static final String KEY_B = "fedcba9876543210";

    private static MptcpOption decode(String bytes, int tcpFlags) {
        byte[] b = hex(bytes);
        MptcpOption o = new MptcpOptionDecoder().decode(b, 0, b.length, tcpFlags);
        assertThat(o).isNotNull();
        assertThat(o.length()).isEqualTo(b.length);
        return o;
    }

    private static void assertValid(MptcpOption o) {
        assertThat(o.problem()).isNull();
        assertThat(o.valid()).isTrue();
    }

    private static void assertInvalid(MptcpOption o, String problem) {
        assertThat(o.valid()).isFalse();
        assertThat(o.problem()).isEqualTo(problem);
    }

    // ---- MP_CAPABLE, RFC 8684 §3.1 (v1) and RFC 6824 §3.1 (v0) ----

    @Test
    void mpCapableV1SynHasFlagsOnly() {
        MptcpOption o = decode("""
                1e 04   # kind 30, length 4 (v1 SYN)
                01      # subtype 0 (MP_CAPABLE), version 1
                81      # flags: A (checksum required) + H (HMAC-SHA256)
                """, SYN);
        assertValid(o);
        assertThat(o.subtype()).isEqualTo(MptcpSubtype.MP_CAPABLE);
        assertThat(o.version()).isEqualTo(1);
        assertThat(o.capableFlags()).isEqualTo(MptcpOption.CAP_A | MptcpOption.CAP_H);
        assertThat(o.hasSenderKey()).isFalse();
        assertThat(o.hasReceiverKey()).isFalse();
        assertThat(o.describe()).isEqualTo("version=1 flags=0x81");
    }

    @Test
    void mpCapableV1SynAckCarriesSenderKey() {
        MptcpOption o = decode("1e 0c 01 01" + KEY_B, SYN | ACK); // §3.1: SYN/ACK carries B's key
        assertValid(o);
        assertThat(o.senderKey()).isEqualTo(0xfedcba9876543210L);
        assertThat(o.hasReceiverKey()).isFalse();
        assertThat(o.describe()).isEqualTo("version=1 flags=0x01 sender_key=0xfedcba9876543210");
    }

    @Test
    void mpCapableV1ThirdAckCarriesBothKeys() {
        MptcpOption o = decode("""
                1e 14 01 01
                0123456789abcdef   # Option Sender's Key (A)
                fedcba9876543210   # Option Receiver's Key (B)
                """, ACK);
        assertValid(o);
        assertThat(o.senderKey()).isEqualTo(0x0123456789abcdefL);
        assertThat(o.receiverKey()).isEqualTo(0xfedcba9876543210L);
        assertThat(o.dataLevelLength()).isEqualTo(-1);
        assertThat(o.describe())
                .isEqualTo("version=1 flags=0x01 sender_key=0x0123456789abcdef receiver_key=0xfedcba9876543210");
    }

    @Test
    void mpCapableV1WithDataCarriesDataLevelLength() {
        MptcpOption o = decode("1e 16 01 01" + KEY_A + KEY_B + "05 78", ACK | PSH); // §3.1: + Data-Level Length
        assertValid(o);
        assertThat(o.dataLevelLength()).isEqualTo(1400);
        assertThat(o.checksum()).isEqualTo(-1);
    }

    @Test
    void mpCapableV1WithDataAndChecksum() {
        MptcpOption o = decode("1e 18 01 81" + KEY_A + KEY_B + "05 78  ab cd", ACK | PSH); // + Checksum
        assertValid(o);
        assertThat(o.dataLevelLength()).isEqualTo(1400);
        assertThat(o.checksum()).isEqualTo(0xabcd);
        assertThat(o.describe()).endsWith(" dll=1400 checksum=0xabcd");
    }

    @Test
    void mpCapableV0SynCarriesSenderKey() {
        MptcpOption o = decode("1e 0c 00 81" + KEY_A, SYN); // RFC 6824 §3.1: key on SYN too
        assertValid(o);
        assertThat(o.version()).isZero();
        assertThat(o.senderKey()).isEqualTo(0x0123456789abcdefL);
    }

    @Test
    void mpCapableV0SynAckCarriesSenderKey() {
        assertValid(decode("1e 0c 00 81" + KEY_B, SYN | ACK));
    }

    @Test
    void mpCapableV0ThirdAckCarriesBothKeys() {
        MptcpOption o = decode("1e 14 00 81" + KEY_A + KEY_B, ACK);
        assertValid(o);
        assertThat(o.receiverKey()).isEqualTo(0xfedcba9876543210L);
    }

    @Test
    void mpCapableV1Length12WithoutSynAckIsInvalid() {
        MptcpOption o = decode("1e 0c 01 01" + KEY_A, SYN);
        assertInvalid(o, MptcpOptionDecoder.NEEDS_SYN_ACK);
        assertThat(o.senderKey()).isEqualTo(0x0123456789abcdefL); // fields still decoded by the length's layout
        assertThat(o.describe()).endsWith(" invalid=length-only-valid-on-syn-ack");
    }

    @Test
    void mpCapableV1Length4OnSynAckIsInvalid() {
        assertInvalid(decode("1e 04 01 01", SYN | ACK), MptcpOptionDecoder.NEEDS_SYN);
    }

    @Test
    void mpCapableLength20OnSynIsInvalid() {
        assertInvalid(decode("1e 14 01 01" + KEY_A + KEY_B, SYN), MptcpOptionDecoder.NEEDS_ACK);
    }

    @Test
    void mpCapableV0Length12WithoutSynIsInvalid() {
        assertInvalid(decode("1e 0c 00 81" + KEY_A, ACK), MptcpOptionDecoder.NEEDS_SYN_OR_SYN_ACK);
    }

    @Test
    void mpCapableV0Length4IsInvalid() {
        assertInvalid(decode("1e 04 00 81", SYN), MptcpOptionDecoder.NOT_IN_VERSION);
    }

    @Test
    void mpCapableV0Length22IsInvalid() {
        assertInvalid(decode("1e 16 00 81" + KEY_A + KEY_B + "0578", ACK), MptcpOptionDecoder.NOT_IN_VERSION);
    }

    @Test
    void mpCapableUnlistedLengthIsInvalid() {
        MptcpOption o = decode("1e 08 01 01 00 00 00 00", ACK);
        assertInvalid(o, MptcpOptionDecoder.BAD_LENGTH);
        assertThat(o.describe()).isEqualTo("length=8 invalid=bad-length");
    }

    // ---- MP_JOIN, RFC 8684 §3.2 ----

    @Test
    void mpJoinSynCarriesTokenAndNonce() {
        MptcpOption o = decode("""
                1e 0c   # kind 30, length 12 (SYN)
                11      # subtype 1 (MP_JOIN), reserved 000, B = 1
                02      # Address ID 2
                1a2b3c4d   # Receiver's Token
                deadbeef   # Sender's Random Number
                """, SYN);
        assertValid(o);
        assertThat(o.subtype()).isEqualTo(MptcpSubtype.MP_JOIN);
        assertThat(o.backup()).isTrue();
        assertThat(o.addressId()).isEqualTo(2);
        assertThat(o.token()).isEqualTo(0x1a2b3c4dL);
        assertThat(o.nonce()).isEqualTo(0xdeadbeef);
        assertThat(o.describe()).isEqualTo("backup=1 address_id=2 token=0x1a2b3c4d nonce=0xdeadbeef");
    }

    @Test
    void mpJoinSynAckCarriesTruncatedHmacAndNonce() {
        MptcpOption o = decode("""
                1e 10 10 05        # length 16 (SYN/ACK), B = 0, Address ID 5
                fa de de ad be ef 00 01   # Sender's Truncated HMAC (64 bits)
                00 00 00 2a        # Sender's Random Number
                """, SYN | ACK);
        assertValid(o);
        assertThat(o.backup()).isFalse();
        assertThat(o.addressId()).isEqualTo(5);
        assertThat(o.truncatedHmac()).isEqualTo(0xfadedeadbeef0001L);
        assertThat(o.nonce()).isEqualTo(42);
        assertThat(o.describe()).isEqualTo("backup=0 address_id=5 hmac=0xfadedeadbeef0001 nonce=0x0000002a");
    }

    @Test
    void mpJoinThirdAckCarries160BitHmac() {
        MptcpOption o = decode("""
                1e 18 10 00                               # length 24 (ACK), reserved
                000102030405060708090a0b0c0d0e0f10111213  # Sender's HMAC (160 bits)
                """, ACK);
        assertValid(o);
        assertThat(o.hmacLength()).isEqualTo(20);
        assertThat(o.hmac()[0]).isEqualTo((byte) 0x00);
        assertThat(o.hmac()[19]).isEqualTo((byte) 0x13);
        assertThat(o.addressId()).isEqualTo(-1);
        assertThat(o.describe()).isEqualTo("hmac=0x000102030405060708090a0b0c0d0e0f10111213");
    }

    @Test
    void mpJoinLength16WithoutSynAckIsInvalid() {
        assertInvalid(decode("1e 10 10 05 fadedeadbeef0001 0000002a", ACK), MptcpOptionDecoder.NEEDS_SYN_ACK);
    }

    @Test
    void mpJoinLength12OnSynAckIsInvalid() {
        assertInvalid(decode("1e 0c 10 02 1a2b3c4d deadbeef", SYN | ACK), MptcpOptionDecoder.NEEDS_SYN);
    }

    @Test
    void mpJoinLength24OnSynIsInvalid() {
        assertInvalid(decode("1e 18 10 00" + "00".repeat(20), SYN), MptcpOptionDecoder.NEEDS_ACK);
    }

    @Test
    void mpJoinUnlistedLengthIsInvalid() {
        assertInvalid(decode("1e 08 10 00 00000000", ACK), MptcpOptionDecoder.BAD_LENGTH);
    }

    // ---- DSS, RFC 8684 §3.3 ----

    @Test
    void dssWithFourByteDataAckOnly() {
        MptcpOption o = decode("""
                1e 08   # length 8
                20      # subtype 2 (DSS), reserved
                01      # flags: A
                0000007b   # Data ACK (4 octets) = 123
                """, ACK);
        assertValid(o);
        assertThat(o.hasDataAck()).isTrue();
        assertThat(o.dataAck8()).isFalse();
        assertThat(o.dataAck()).isEqualTo(123);
        assertThat(o.hasMapping()).isFalse();
        assertThat(o.describe()).isEqualTo("flags=0x01 data_ack=123 dsn=none data_fin=0");
    }

    @Test
    void dssWithEightByteDataAckOnly() {
        MptcpOption o = decode("1e 0c 20 03  ffffffff00000001", ACK); // flags a A: 8-octet Data ACK
        assertValid(o);
        assertThat(o.dataAck8()).isTrue();
        assertThat(o.dataAck()).isEqualTo(0xffffffff00000001L);
        assertThat(o.describe()).contains("data_ack=18446744069414584321");
    }

    @Test
    void dssWithFourByteMappingWithoutChecksum() {
        MptcpOption o = decode("""
                1e 0e 20 04   # length 14, flags: M
                000001c8      # Data Sequence Number (4 octets) = 456
                00000001      # Subflow Sequence Number = 1
                0578          # Data-Level Length = 1400
                """, ACK);
        assertValid(o);
        assertThat(o.hasDataAck()).isFalse();
        assertThat(o.hasMapping()).isTrue();
        assertThat(o.dsn8()).isFalse();
        assertThat(o.dsn()).isEqualTo(456);
        assertThat(o.subflowSeq()).isEqualTo(1);
        assertThat(o.dataLevelLength()).isEqualTo(1400);
        assertThat(o.hasChecksum()).isFalse();
    }

    @Test
    void dssWithFourByteMappingAndChecksum() {
        MptcpOption o = decode("1e 10 20 04  000001c8 00000001 0578  beef", ACK); // length 16: + Checksum
        assertValid(o);
        assertThat(o.hasChecksum()).isTrue();
        assertThat(o.checksum()).isEqualTo(0xbeef);
    }

    @Test
    void dssWithEightByteAckAndMapping() {
        MptcpOption o = decode("""
                1e 1a 20 0f          # length 26, flags: m M a A
                000000000000007b     # Data ACK (8 octets) = 123
                00000001000001c8     # Data Sequence Number (8 octets)
                00000001             # Subflow Sequence Number
                0578                 # Data-Level Length
                """, ACK);
        assertValid(o);
        assertThat(o.dataAck()).isEqualTo(123);
        assertThat(o.dsn8()).isTrue();
        assertThat(o.dsn()).isEqualTo(0x1_0000_01c8L);
        assertThat(o.describe())
                .isEqualTo("flags=0x0f data_ack=123 dsn=4294967752 ssn=1 dll=1400 checksum=absent data_fin=0");
    }

    @Test
    void dssWithEverythingAndChecksum() {
        MptcpOption o = decode("1e 1c 20 0f  000000000000007b 00000001000001c8 00000001 0578 1234", ACK); // 28
        assertValid(o);
        assertThat(o.checksum()).isEqualTo(0x1234);
    }

    @Test
    void dssDataFinFlag() {
        MptcpOption o = decode("1e 12 20 15  0000007b 000001c8 00000000 0001", ACK | 0x01); // F M A, dll 1
        assertValid(o);
        assertThat(o.dataFin()).isTrue();
        assertThat(o.describe()).endsWith("dll=1 checksum=absent data_fin=1");
    }

    @Test
    void dssLengthTooShortForFlagsIsInvalid() {
        MptcpOption o = decode("1e 04 20 01", ACK); // A set but no Data ACK
        assertInvalid(o, MptcpOptionDecoder.DSS_LENGTH);
        assertThat(o.describe()).isEqualTo("length=4 invalid=length-inconsistent-with-flags");
    }

    @Test
    void dssChecksumWithoutMappingIsInvalid() {
        assertInvalid(decode("1e 0a 20 01  0000007b 1234", ACK), MptcpOptionDecoder.DSS_LENGTH);
    }

    @Test
    void dssLengthOneOffIsInvalid() {
        assertInvalid(decode("1e 0f 20 04  000001c8 00000001 0578 00", ACK), MptcpOptionDecoder.DSS_LENGTH);
    }

    // ---- ADD_ADDR, RFC 8684 §3.4.1 (v1) and RFC 6824 §3.4.1 (v0) ----

    @Test
    void addAddrV1Ipv4WithHmac() {
        MptcpOption o = decode("""
                1e 10     # length 16
                30        # subtype 3, reserved 000, E = 0
                03        # Address ID 3
                0a000206  # 10.0.2.6
                0102030405060708   # Truncated HMAC
                """, ACK);
        assertValid(o);
        assertThat(o.subtype()).isEqualTo(MptcpSubtype.ADD_ADDR);
        assertThat(o.version()).isEqualTo(1);
        assertThat(o.echo()).isFalse();
        assertThat(o.ipVersion()).isEqualTo(4);
        assertThat(o.addressId()).isEqualTo(3);
        assertThat(IpAddresses.format(o.addrHi(), o.addrLo())).isEqualTo("10.0.2.6");
        assertThat(o.port()).isEqualTo(-1);
        assertThat(o.hasHmac()).isTrue();
        assertThat(o.truncatedHmac()).isEqualTo(0x0102030405060708L);
        assertThat(o.describe()).isEqualTo("echo=0 address_id=3 address=10.0.2.6 port=none hmac=0x0102030405060708");
    }

    @Test
    void addAddrV1Ipv4WithPortAndHmac() {
        MptcpOption o = decode("1e 12 30 03  0a000206 1f90 0102030405060708", ACK); // length 18, port 8080
        assertValid(o);
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.truncatedHmac()).isEqualTo(0x0102030405060708L);
    }

    @Test
    void addAddrV1Ipv4Echo() {
        MptcpOption o = decode("1e 08 31 03  0a000206", ACK); // length 8, E = 1: no HMAC
        assertValid(o);
        assertThat(o.echo()).isTrue();
        assertThat(o.hasHmac()).isFalse();
        assertThat(o.describe()).isEqualTo("echo=1 address_id=3 address=10.0.2.6 port=none hmac=none");
    }

    @Test
    void addAddrV1Ipv4EchoWithPort() {
        MptcpOption o = decode("1e 0a 31 03  0a000206 1f90", ACK); // length 10
        assertValid(o);
        assertThat(o.port()).isEqualTo(8080);
    }

    @Test
    void addAddrV1Ipv6WithHmac() {
        MptcpOption o = decode("1e 1c 30 04  20010db8000000000000000000000001 1112131415161718", ACK); // 28
        assertValid(o);
        assertThat(o.ipVersion()).isEqualTo(6);
        assertThat(IpAddresses.format(o.addrHi(), o.addrLo())).isEqualTo("2001:db8::1");
        assertThat(o.truncatedHmac()).isEqualTo(0x1112131415161718L);
    }

    @Test
    void addAddrV1Ipv6WithPortAndHmac() {
        MptcpOption o = decode("1e 1e 30 04  20010db8000000000000000000000001 01bb 1112131415161718", ACK); // 30
        assertValid(o);
        assertThat(o.port()).isEqualTo(443);
    }

    @Test
    void addAddrV1Ipv6Echo() {
        MptcpOption o = decode("1e 14 31 04  20010db8000000000000000000000001", ACK); // 20
        assertValid(o);
        assertThat(o.ipVersion()).isEqualTo(6);
        assertThat(o.echo()).isTrue();
    }

    @Test
    void addAddrV1Ipv6EchoWithPort() {
        MptcpOption o = decode("1e 16 31 04  20010db8000000000000000000000001 01bb", ACK); // 22
        assertValid(o);
        assertThat(o.port()).isEqualTo(443);
    }

    @Test
    void addAddrV0Ipv4() {
        MptcpOption o = decode("""
                1e 08     # length 8
                34        # subtype 3, IPVer 4 (RFC 6824 §3.4.1)
                03        # Address ID
                0a000206  # 10.0.2.6
                """, ACK);
        assertValid(o);
        assertThat(o.version()).isZero();
        assertThat(o.ipVersion()).isEqualTo(4);
        assertThat(o.hasHmac()).isFalse();
        assertThat(o.describe()).isEqualTo("version=0 address_id=3 address=10.0.2.6 port=none");
    }

    @Test
    void addAddrV0Ipv4WithPort() {
        MptcpOption o = decode("1e 0a 34 03  0a000206 1f90", ACK);
        assertValid(o);
        assertThat(o.port()).isEqualTo(8080);
    }

    @Test
    void addAddrV0Ipv6() {
        MptcpOption o = decode("1e 14 36 07  20010db8000000000000000000000002", ACK);
        assertValid(o);
        assertThat(o.version()).isZero();
        assertThat(o.ipVersion()).isEqualTo(6);
        assertThat(IpAddresses.format(o.addrHi(), o.addrLo())).isEqualTo("2001:db8::2");
    }

    @Test
    void addAddrV0Ipv6WithPort() {
        MptcpOption o = decode("1e 16 36 07  20010db8000000000000000000000002 0050", ACK);
        assertValid(o);
        assertThat(o.port()).isEqualTo(80);
    }

    @Test
    void addAddrV1WithoutEchoAndLength8IsInvalid() {
        assertInvalid(decode("1e 08 30 03  0a000206", ACK), MptcpOptionDecoder.BAD_LENGTH);
    }

    @Test
    void addAddrV1EchoWithHmacLengthIsInvalid() {
        assertInvalid(decode("1e 10 31 03  0a000206 0102030405060708", ACK), MptcpOptionDecoder.BAD_LENGTH);
    }

    @Test
    void addAddrV0WithV1LengthIsInvalid() {
        assertInvalid(decode("1e 10 34 03  0a000206 0102030405060708", ACK), MptcpOptionDecoder.BAD_LENGTH);
    }

    // ---- REMOVE_ADDR, RFC 8684 §3.4.2 ----

    @Test
    void removeAddrListsAddressIds() {
        MptcpOption o = decode("""
                1e 05   # length 3 + 2 IDs
                40      # subtype 4, reserved
                02 03   # Address IDs
                """, ACK);
        assertValid(o);
        assertThat(o.removeIdCount()).isEqualTo(2);
        assertThat(o.removeId(0)).isEqualTo(2);
        assertThat(o.removeId(1)).isEqualTo(3);
        assertThat(o.describe()).isEqualTo("ids=2,3");
    }

    @Test
    void removeAddrWithoutIdsIsInvalid() {
        assertInvalid(decode("1e 03 40", ACK), MptcpOptionDecoder.NO_ADDRESS_IDS);
    }

    // ---- MP_PRIO, RFC 8684 §3.3.8 (v1, length 3) and RFC 6824 §3.3.8 (v0, length 4) ----

    @Test
    void mpPrioV1BackupFlag() {
        MptcpOption o = decode("1e 03 51", ACK); // subtype 5, reserved 000, B = 1
        assertValid(o);
        assertThat(o.subtype()).isEqualTo(MptcpSubtype.MP_PRIO);
        assertThat(o.backup()).isTrue();
        assertThat(o.addressId()).isEqualTo(-1);
        assertThat(o.describe()).isEqualTo("backup=1");
    }

    @Test
    void mpPrioV0WithAddressId() {
        MptcpOption o = decode("1e 04 50 07", ACK); // B = 0, AddrID 7
        assertValid(o);
        assertThat(o.backup()).isFalse();
        assertThat(o.addressId()).isEqualTo(7);
        assertThat(o.describe()).isEqualTo("backup=0 address_id=7");
    }

    @Test
    void mpPrioLength5IsInvalid() {
        assertInvalid(decode("1e 05 51 07 00", ACK), MptcpOptionDecoder.BAD_LENGTH);
    }

    // ---- MP_FAIL §3.7, MP_FASTCLOSE §3.5, MP_TCPRST §3.6 ----

    @Test
    void mpFailCarriesEightByteDsn() {
        MptcpOption o = decode("1e 0c 60 00  00000000000003e8", ACK); // subtype 6, reserved, DSN 1000
        assertValid(o);
        assertThat(o.subtype()).isEqualTo(MptcpSubtype.MP_FAIL);
        assertThat(o.dsn()).isEqualTo(1000);
        assertThat(o.describe()).isEqualTo("dsn=1000");
    }

    @Test
    void mpFailLength8IsInvalid() {
        assertInvalid(decode("1e 08 60 00 000003e8", ACK), MptcpOptionDecoder.BAD_LENGTH);
    }

    @Test
    void mpFastcloseCarriesReceiverKey() {
        MptcpOption o = decode("1e 0c 70 00" + KEY_B, ACK); // subtype 7, reserved, Option Receiver's Key
        assertValid(o);
        assertThat(o.subtype()).isEqualTo(MptcpSubtype.MP_FASTCLOSE);
        assertThat(o.receiverKey()).isEqualTo(0xfedcba9876543210L);
        assertThat(o.describe()).isEqualTo("receiver_key=0xfedcba9876543210");
    }

    @Test
    void mpFastcloseLength4IsInvalid() {
        assertInvalid(decode("1e 04 70 00", ACK), MptcpOptionDecoder.BAD_LENGTH);
    }

    @Test
    void mpTcprstCarriesFlagsAndReason() {
        MptcpOption o = decode("""
                1e 04   # length 4
                81      # subtype 8, flags U V W T = 0001 (transient)
                02      # reason 2: lack of resources (RFC 8684 §3.6)
                """, RST);
        assertValid(o);
        assertThat(o.subtype()).isEqualTo(MptcpSubtype.MP_TCPRST);
        assertThat(o.tcprstFlags()).isEqualTo(MptcpOption.RST_T);
        assertThat(o.tcprstReason()).isEqualTo(2);
        assertThat(o.describe()).isEqualTo("flags=0x1 reason=2");
    }

    @Test
    void mpTcprstLength3IsInvalid() {
        assertInvalid(decode("1e 03 81", RST), MptcpOptionDecoder.BAD_LENGTH);
    }

    // ---- unknown, truncated, several ----

    @Test
    void unknownSubtypeIsKeptAndValid() {
        MptcpOption o = decode("1e 06 f0 00 ab cd", ACK); // 0xf: MP_EXPERIMENTAL
        assertValid(o);
        assertThat(o.subtype()).isEqualTo(MptcpSubtype.UNKNOWN);
        assertThat(o.subtypeCode()).isEqualTo(15);
        assertThat(o.describe()).isEqualTo("subtype=15 length=6");
    }

    @Test
    void optionWithoutSubtypeByteIsTruncated() {
        MptcpOption o = decode("1e 02", ACK);
        assertInvalid(o, MptcpOptionDecoder.TRUNCATED);
        assertThat(o.subtypeCode()).isEqualTo(-1);
    }

    @Test
    void sliceBeyondTheBufferIsTruncatedNotRead() {
        byte[] b = hex("1e 14 01 01 0123456789abcdef");
        MptcpOption o = new MptcpOptionDecoder().decode(b, 0, 20, ACK);
        assertInvalid(o, MptcpOptionDecoder.TRUNCATED);
    }

    @Test
    void decoderReadsOnlyItsSlice() {
        // A DSS whose length byte claims 8 but the slice given is 4 bytes: the Data ACK is outside it.
        byte[] b = hex("1e 08 20 01 0000007b");
        MptcpOption o = new MptcpOptionDecoder().decode(b, 0, 4, ACK);
        assertInvalid(o, MptcpOptionDecoder.DSS_LENGTH);
        assertThat(o.dataAck()).isZero();
    }

    @Test
    void severalOptionsUpToMaxThenNull() {
        MptcpOptionDecoder d = new MptcpOptionDecoder();
        byte[] prio = hex("1e 03 51");
        for (int i = 0; i < MptcpOptionDecoder.MAX_OPTIONS; i++) assertThat(d.decode(prio, 0, 3, ACK)).isNotNull();
        assertThat(d.decode(prio, 0, 3, ACK)).isNull();
        assertThat(d.count()).isEqualTo(MptcpOptionDecoder.MAX_OPTIONS);
        d.reset();
        assertThat(d.count()).isZero();
    }

    @Test
    void reusedViewForgetsThePreviousOption() {
        MptcpOptionDecoder d = new MptcpOptionDecoder();
        d.decode(hex("1e 14 01 01" + KEY_A + KEY_B), 0, 20, ACK);
        d.reset();
        MptcpOption o = d.decode(hex("1e 04 01 01"), 0, 4, SYN);
        assertThat(o.hasSenderKey()).isFalse();
        assertThat(o.hasReceiverKey()).isFalse();
    }

    @Test
    void reusedViewForgetsThePreviousDss() {
        MptcpOptionDecoder d = new MptcpOptionDecoder();
        d.decode(hex("1e 1c 20 1f  000000000000007b 00000001000001c8 00000001 0578 1234"), 0, 28, ACK);
        d.reset();
        MptcpOption o = d.decode(hex("1e 08 20 01  000001c8"), 0, 8, ACK); // data ACK only
        assertThat(o.hasDataAck()).isTrue();
        assertThat(o.hasMapping()).isFalse();
        assertThat(o.dsn()).isZero();
        assertThat(o.dataLevelLength()).isEqualTo(-1);
        assertThat(o.hasChecksum()).isFalse();
        assertThat(o.dataFin()).isFalse();
    }

    @Test
    void optionAfterADssHasEveryOtherFieldAtItsDefault() {
        MptcpOptionDecoder d = new MptcpOptionDecoder();
        d.decode(hex("1e 1c 20 1f  000000000000007b 00000001000001c8 00000001 0578 1234"), 0, 28, ACK);
        d.reset();
        MptcpOption o = d.decode(hex("1e 08 31 03  0a000206"), 0, 8, ACK); // ADD_ADDR echo
        assertThat(o.subtype()).isEqualTo(MptcpSubtype.ADD_ADDR);
        assertThat(o.hasDataAck()).isFalse();
        assertThat(o.hasMapping()).isFalse();
        assertThat(o.dataAck()).isZero();
        assertThat(o.dsn()).isZero();
        assertThat(o.dataLevelLength()).isEqualTo(-1);
        assertThat(o.checksum()).isEqualTo(-1);
        assertThat(o.dssFlags()).isZero();
    }
}
