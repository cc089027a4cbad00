package org.mpcap.analyzer.decode.mptcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.PacketDecoder;
import org.mpcap.analyzer.decode.TestPackets;

/**
 * Token, IDSN and MP_JOIN HMAC: against an independent computation (MessageDigest/Mac used directly) and
 * against a real Linux MPTCP v1 connection with a join ({@code decode/mptcp-join.pcap}, made by
 * {@code decode/mptcp-join-netns.sh}) whose tshark 4.0.17 fields are committed in
 * {@code decode/mptcp-join.tshark.tsv}.
 */
class MptcpCryptoTest {

    private static byte[] sha(String alg, long key) throws Exception {
        return MessageDigest.getInstance(alg).digest(ByteBuffer.allocate(8).putLong(key).array());
    }

    @Test
    void tokenIsTheTop32BitsOfSha256OfTheKeyForV1() throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            long key = r.nextLong();
            long expected = ByteBuffer.wrap(sha("SHA-256", key)).getInt(0) & 0xffff_ffffL;
            assertThat(MptcpCrypto.token(key, 1)).isEqualTo(expected);
        }
    }

    @Test
    void tokenUsesSha1ForV0() throws Exception {
        long key = 0x0123456789abcdefL;
        long expected = ByteBuffer.wrap(sha("SHA-1", key)).getInt(0) & 0xffff_ffffL;
        assertThat(MptcpCrypto.token(key, 0)).isEqualTo(expected);
        assertThat(MptcpCrypto.token(key, 0)).isNotEqualTo(MptcpCrypto.token(key, 1));
    }

    @Test
    void idsnIsTheLow64BitsOfTheHash() throws Exception {
        long key = 0xfedcba9876543210L;
        assertThat(MptcpCrypto.idsn(key, 1)).isEqualTo(ByteBuffer.wrap(sha("SHA-256", key)).getLong(24));
        assertThat(MptcpCrypto.idsn(key, 0)).isEqualTo(ByteBuffer.wrap(sha("SHA-1", key)).getLong(12));
    }

    @Test
    void joinHmacKeysWithKeyAThenKeyBAndHashesNonceAThenNonceB() throws Exception {
        long keyA = 0x1111222233334444L, keyB = 0x5555666677778888L;
        int nonceA = 0xdeadbeef, nonceB = 0x0badcafe;
        byte[] key = ByteBuffer.allocate(16).putLong(keyA).putLong(keyB).array();
        byte[] msg = ByteBuffer.allocate(8).putInt(nonceA).putInt(nonceB).array();
        for (String[] alg : new String[][] {{"HmacSHA256", "1"}, {"HmacSHA1", "0"}}) {
            Mac mac = Mac.getInstance(alg[0]);
            mac.init(new SecretKeySpec(key, alg[0]));
            assertThat(MptcpCrypto.joinHmac(keyA, keyB, nonceA, nonceB, Integer.parseInt(alg[1])))
                    .isEqualTo(mac.doFinal(msg));
        }
    }

    @Test
    void negativeVersionIsRejected() {
        assertThatThrownBy(() -> MptcpCrypto.token(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the real capture ----

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(MptcpCryptoTest.class.getResource("/decode/" + name).toURI());
    }

    /** tshark rows by frame number, fields by column name. */
    private static Map<Integer, Map<String, String>> tshark() throws Exception {
        List<String> lines = Files.readAllLines(resource("mptcp-join.tshark.tsv"));
        String[] header = lines.get(0).split("\t", -1);
        Map<Integer, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) row.put(header[i], i < f.length ? f[i] : "");
            rows.put(Integer.parseInt(f[0]), row);
        }
        return rows;
    }

    /** Decodes one frame of the capture and returns a copy of its first MPTCP option's decoder state. */
    private static MptcpOption firstOption(PacketDecoder d, List<RawPacket> packets, int frame) {
        assertThat(d.decode(packets.get(frame - 1))).isEqualTo(DecodeStatus.TCP);
        assertThat(d.mptcp().count()).isPositive();
        return d.mptcp().get(0);
    }

    @Test
    void tokenAndIdsnMatchTsharkOnARealConnection() throws Exception {
        Map<Integer, Map<String, String>> ts = tshark();
        List<RawPacket> packets = TestPackets.readPcap(resource("mptcp-join.pcap"));
        PacketDecoder d = new PacketDecoder();
        int checked = 0;
        for (int frame : new int[] {2, 3}) { // SYN/ACK (server key), third ACK (client key first)
            Map<String, String> row = ts.get(frame);
            MptcpOption o = firstOption(d, packets, frame);
            assertThat(o.subtype()).isEqualTo(MptcpSubtype.MP_CAPABLE);
            assertThat(Long.toUnsignedString(o.senderKey())).isEqualTo(row.get("tcp.options.mptcp.sendkey"));
            assertThat(Long.toString(MptcpCrypto.token(o.senderKey(), o.version())))
                    .isEqualTo(row.get("mptcp.expected_token"));
            assertThat(Long.toUnsignedString(MptcpCrypto.idsn(o.senderKey(), o.version())))
                    .isEqualTo(row.get("mptcp.expected_idsn"));
            checked++;
        }
        assertThat(checked).isEqualTo(2);
        assertThat(d.counters().decoderFaults()).isZero();
    }

    @Test
    void joinHmacsMatchWhatTheLinuxKernelSent() throws Exception {
        Map<Integer, Map<String, String>> ts = tshark();
        List<RawPacket> packets = TestPackets.readPcap(resource("mptcp-join.pcap"));
        PacketDecoder d = new PacketDecoder();
        MptcpOption capable = firstOption(d, packets, 3);
        long keyClient = capable.senderKey(), keyServer = capable.receiverKey();
        // Frames 8-10: the client (A) joins the server (B) from its second address.
        MptcpOption syn = firstOption(d, packets, 8);
        assertThat(syn.token()).isEqualTo(MptcpCrypto.token(keyServer, 1));
        assertThat(Long.toString(syn.token())).isEqualTo(ts.get(8).get("tcp.options.mptcp.recvtok"));
        int nonceA = syn.nonce();
        assertThat(Integer.toUnsignedString(nonceA)).isEqualTo(ts.get(8).get("tcp.options.mptcp.sendrand"));

        MptcpOption synAck = firstOption(d, packets, 9);
        int nonceB = synAck.nonce();
        long truncated = synAck.truncatedHmac();
        assertThat(Long.toUnsignedString(truncated)).isEqualTo(ts.get(9).get("tcp.options.mptcp.sendtrunchmac"));
        byte[] hmacB = MptcpCrypto.joinHmac(keyServer, keyClient, nonceB, nonceA, 1);
        assertThat(ByteBuffer.wrap(hmacB).getLong(0)).isEqualTo(truncated);

        MptcpOption ack = firstOption(d, packets, 10);
        byte[] hmacA = MptcpCrypto.joinHmac(keyClient, keyServer, nonceA, nonceB, 1);
        byte[] sent = Arrays.copyOf(ack.hmac(), ack.hmacLength());
        assertThat(Arrays.copyOf(hmacA, 20)).isEqualTo(sent);
        assertThat(HexFormat.of().formatHex(sent)).isEqualTo(ts.get(10).get("tcp.options.mptcp.sendhmac"));
    }

    @Test
    void everyFrameOfTheRealCaptureDecodesWithoutProblems() throws IOException, URISyntaxException {
        List<RawPacket> packets = TestPackets.readPcap(resource("mptcp-join.pcap"));
        PacketDecoder d = new PacketDecoder();
        for (RawPacket p : packets) assertThat(d.decode(p)).isEqualTo(DecodeStatus.TCP);
        assertThat(d.counters().malformedMptcpOptions()).isZero();
        assertThat(d.counters().malformedTcpOptions()).isZero();
        assertThat(d.counters().decoderFaults()).isZero();
    }
}
