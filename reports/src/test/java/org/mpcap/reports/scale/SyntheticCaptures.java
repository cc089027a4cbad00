package org.mpcap.reports.scale;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Writes large hostile or many-connection captures for the scale tests and {@code bench/scale.sh}: classic pcap,
 * Ethernet + IPv4 + TCP, streamed (nothing is kept per packet, so a million connections take seconds and no
 * memory). JDK only, so that the bench script runs it with the source launcher ({@code java SyntheticCaptures.java
 * KIND N FILE}) without building the test classes.
 *
 * <p>Kinds:
 * <ul>
 * <li>{@code flood N}: one MPTCP v1 connection (MP_CAPABLE handshake, some data on the initial subflow and on two
 *     joined subflows), then N MP_JOIN SYNs to its token (RFC 8684 §3.2) from 256 spoofed addresses, each answered
 *     with an MP_JOIN SYN/ACK and never acknowledged — the shape of a join flood such as the public
 *     DPI-MPTCP {@code flood.pcap} (the server answers with a valid HMAC: it knows the keys, the attacker does
 *     not);</li>
 * <li>{@code syn N}: N MPTCP connection attempts: MP_CAPABLE SYNs (v1) never answered;</li>
 * <li>{@code tcpsyn N}: N plain TCP SYNs never answered;</li>
 * <li>{@code spoofed N}: N plain TCP SYNs never answered, each from a source address of its own (a SYN flood with
 *     spoofed sources: N rows in {@code addresses} and {@code interface-share});</li>
 * <li>{@code mptcp N}: N complete MPTCP v1 connections of 7 packets (handshake with keys, 100 bytes with a DSS
 *     mapping and DATA_FIN, data ACK, FIN both ways);</li>
 * <li>{@code partial N}: N MPTCP connections whose handshakes the capture missed, each seen on two subflows (to
 *     server ports 443 and 8443) by one segment of 100 bytes with an 8-byte DSS mapping: the second subflow's
 *     DSN follows the first's, so the tracker matches it to its connection by data-sequence evidence;</li>
 * <li>{@code quiet N}: N complete MPTCP v1 connections over two hours of capture time (issue 9): handshakes at
 *     the start, then every {@value #QUIET_PERIOD_S} s each connection sends 100 bytes (DSS mapping) and gets a
 *     data ACK, FIN both ways at the end: a few packets a minute per connection.</li>
 * </ul>
 * Connections are interleaved 64 at a time, as concurrent connections are in a real capture, and 10 µs apart.
 * Keys, tokens and IDSNs are real (SHA-256, RFC 8684 §3.1), so trackers group and check them as in a capture.
 */
public final class SyntheticCaptures {
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int MPTCP = 30;
    /** Connections in progress at once. */
    private static final int INTERLEAVE = 64;
    private static final int SERVER = 0xc0000201; // 192.0.2.1
    private static final int SERVER_PORT = 443;

    private final OutputStream out;
    private final ByteBuffer frame = ByteBuffer.allocate(2048).order(ByteOrder.BIG_ENDIAN);
    private final ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private long micros = 1_700_000_000_000_000L;
    private long frames;

    private SyntheticCaptures(OutputStream out) throws IOException {
        this.out = out;
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(LINKTYPE_ETHERNET);
        out.write(h.array());
    }

    /** Writes a capture of {@code kind} with {@code n} connections (or join SYNs) to {@code file}; frames written. */
    public static long write(String kind, int n, Path file) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            SyntheticCaptures w = new SyntheticCaptures(os);
            switch (kind) {
                case "flood" -> w.flood(n);
                case "syn" -> w.syns(n, true);
                case "tcpsyn" -> w.syns(n, false);
                case "spoofed" -> w.spoofedSyns(n);
                case "mptcp" -> w.connections(n);
                case "partial" -> w.partials(n);
                case "quiet" -> w.quiet(n);
                default -> throw new IllegalArgumentException("unknown kind " + kind
                        + " (flood, syn, tcpsyn, spoofed, mptcp, partial, quiet)");
            }
            return w.frames;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java SyntheticCaptures.java flood|syn|tcpsyn|spoofed|mptcp|partial|quiet N FILE");
            System.exit(2);
        }
        long frames = write(args[0], Integer.parseInt(args[1]), Path.of(args[2]));
        System.out.printf(Locale.ROOT, "%s: %d frames%n", args[2], frames);
    }

    // ------------------------------------------------------------------ scenarios

    /** Client address and port of connection {@code i}: 50 000 ports per address from 10.0.0.1 on. */
    private static int clientAddr(int i) { return 0x0a000001 + i / 50_000; }

    private static int clientPort(int i) { return 10_000 + i % 50_000; }

    private void syns(int n, boolean mptcp) throws IOException {
        for (int i = 0; i < n; i++) {
            int isn = (int) mix(i);
            segment(clientAddr(i), clientPort(i), SERVER, SERVER_PORT, isn, 0, SYN, 0,
                    mptcp ? capableSyn() : new byte[0]);
        }
    }

    /** N SYNs from N source addresses (10.0.0.1 + 7 i, so consecutive sources differ in more than the last bit). */
    private void spoofedSyns(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            segment(0x0a000001 + 7 * i, 1024 + i % 60_000, SERVER, 80, (int) mix(i), 0, SYN, 0, new byte[0]);
        }
    }

    private void connections(int n) throws IOException {
        for (int base = 0; base < n; base += INTERLEAVE) {
            int m = Math.min(INTERLEAVE, n - base);
            for (int step = 0; step < 7; step++) {
                for (int k = 0; k < m; k++) connectionStep(base + k, step);
            }
        }
    }

    /** Packet {@code step} of complete connection {@code i}. */
    private void connectionStep(int i, int step) throws IOException {
        int ca = clientAddr(i), cp = clientPort(i);
        int cIsn = (int) mix(i), sIsn = (int) mix(~i);
        long cKey = mix(i * 2L + 1), sKey = mix(i * 2L + 2);
        long cIdsn = idsn(cKey), sIdsn = idsn(sKey);
        switch (step) {
            case 0 -> segment(ca, cp, SERVER, SERVER_PORT, cIsn, 0, SYN, 0, capableSyn());
            case 1 -> segment(SERVER, SERVER_PORT, ca, cp, sIsn, cIsn + 1, SYN | ACK, 0, capableKey(sKey));
            case 2 -> segment(ca, cp, SERVER, SERVER_PORT, cIsn + 1, sIsn + 1, ACK, 0, capableAck(cKey, sKey));
            // 100 bytes and the DATA_FIN in one mapping of 101 (RFC 8684 §3.3.3: the DATA_FIN takes one DSN)
            case 3 -> segment(ca, cp, SERVER, SERVER_PORT, cIsn + 1, sIsn + 1, ACK | PSH, 100,
                    dss(sIdsn + 1, cIdsn + 1, 1, 101, true));
            case 4 -> segment(SERVER, SERVER_PORT, ca, cp, sIsn + 1, cIsn + 101, ACK, 0,
                    dss(cIdsn + 102, null, 0, 0, false));
            case 5 -> segment(ca, cp, SERVER, SERVER_PORT, cIsn + 101, sIsn + 1, FIN | ACK, 0, new byte[0]);
            default -> segment(SERVER, SERVER_PORT, ca, cp, sIsn + 1, cIsn + 102, FIN | ACK, 0, new byte[0]);
        }
    }

    private void partials(int n) throws IOException {
        for (int base = 0; base < n; base += INTERLEAVE) {
            int m = Math.min(INTERLEAVE, n - base);
            for (int second = 0; second < 2; second++) {
                for (int k = 0; k < m; k++) {
                    int i = base + k;
                    long dsn = mix(i * 2L + 1) + second * 100L, dataAck = mix(i * 2L + 2);
                    int seq = (int) mix(~i) + second * 77_777;
                    segment(clientAddr(i), clientPort(i), SERVER, second == 0 ? SERVER_PORT : 8443, seq,
                            (int) mix(i + 3L), ACK | PSH, 100, dss(dataAck, dsn, 1, 100, false));
                }
            }
        }
    }

    /** Seconds between two exchanges of a {@code quiet} connection, and the capture's length. */
    static final int QUIET_PERIOD_S = 20, QUIET_SPAN_S = 2 * 3600;

    private void quiet(int n) throws IOException {
        long start = micros;
        for (int step = 0; step < 3; step++) for (int i = 0; i < n; i++) connectionStep(i, step);
        for (int r = 0; r < QUIET_SPAN_S / QUIET_PERIOD_S; r++) {
            micros = Math.max(micros, start + r * QUIET_PERIOD_S * 1_000_000L);
            for (int i = 0; i < n; i++) {
                int ca = clientAddr(i), cp = clientPort(i);
                int cIsn = (int) mix(i), sIsn = (int) mix(~i);
                long cIdsn = idsn(mix(i * 2L + 1)), sIdsn = idsn(mix(i * 2L + 2));
                int off = r * 100;
                segment(ca, cp, SERVER, SERVER_PORT, cIsn + 1 + off, sIsn + 1, ACK | PSH, 100,
                        dss(sIdsn + 1, cIdsn + 1 + off, 1 + off, 100, false));
                segment(SERVER, SERVER_PORT, ca, cp, sIsn + 1, cIsn + 101 + off, ACK, 0,
                        dss(cIdsn + 101 + off, null, 0, 0, false));
            }
        }
        micros = Math.max(micros, start + QUIET_SPAN_S * 1_000_000L);
        int sent = QUIET_SPAN_S / QUIET_PERIOD_S * 100;
        for (int i = 0; i < n; i++) {
            int ca = clientAddr(i), cp = clientPort(i);
            int cIsn = (int) mix(i), sIsn = (int) mix(~i);
            segment(ca, cp, SERVER, SERVER_PORT, cIsn + 1 + sent, sIsn + 1, FIN | ACK, 0, new byte[0]);
            segment(SERVER, SERVER_PORT, ca, cp, sIsn + 1, cIsn + 2 + sent, FIN | ACK, 0, new byte[0]);
        }
    }

    private void flood(int n) throws IOException {
        int ca = 0x0a000001, cp = 40_000;
        long cKey = 0x1111_2222_3333_4444L, sKey = 0x5555_6666_7777_8888L;
        long cIdsn = idsn(cKey) + 1, sIdsn = idsn(sKey) + 1;
        int serverToken = token(sKey);
        // The real connection: handshake, then 3 subflows of data (initial + two joins that complete).
        segment(ca, cp, SERVER, SERVER_PORT, 1000, 0, SYN, 0, capableSyn());
        segment(SERVER, SERVER_PORT, ca, cp, 5000, 1001, SYN | ACK, 0, capableKey(sKey));
        segment(ca, cp, SERVER, SERVER_PORT, 1001, 5001, ACK, 0, capableAck(cKey, sKey));
        int[] addrs = {ca, 0x0a010001, 0x0a020001};
        int[] ports = {cp, 40_001, 40_002};
        for (int j = 1; j < 3; j++) {
            int nonceA = j, nonceB = 7 + j;
            segment(addrs[j], ports[j], SERVER, SERVER_PORT, 1000, 0, SYN, 0, joinSyn(serverToken, j, nonceA));
            segment(SERVER, SERVER_PORT, addrs[j], ports[j], 5000, 1001, SYN | ACK, 0,
                    joinSynAck(j, sKey, cKey, nonceB, nonceA));
            segment(addrs[j], ports[j], SERVER, SERVER_PORT, 1001, 5001, ACK, 0, joinAck(cKey, sKey, nonceA, nonceB));
        }
        long dsn = cIdsn;
        int[] seq = {1001, 1001, 1001};
        for (int k = 0; k < 30; k++) { // subflow j carries (j + 1) * 10 segments: distinct sizes for top-N
            int j = k < 15 ? 0 : k < 25 ? 1 : 2;
            segment(addrs[j], ports[j], SERVER, SERVER_PORT, seq[j], 5001, ACK | PSH, 1000,
                    dss(sIdsn, dsn, seq[j] - 1000, 1000, false));
            segment(SERVER, SERVER_PORT, addrs[j], ports[j], 5001, seq[j] + 1000, ACK, 0,
                    dss(dsn + 1000, null, 0, 0, false));
            seq[j] += 1000;
            dsn += 1000;
        }
        // The flood: join SYNs from 256 spoofed addresses, each answered, none completed.
        for (int i = 0; i < n; i++) {
            int a = 0x0a640000 + (i % 256), p = 1024 + i / 256;
            int isn = (int) mix(i);
            int nonceA = (int) mix(~i), nonceB = (int) mix(i + 9L);
            segment(a, p, SERVER, SERVER_PORT, isn, 0, SYN, 0, joinSyn(serverToken, 3 + i % 200, nonceA));
            segment(SERVER, SERVER_PORT, a, p, (int) mix(i + 7L), isn + 1, SYN | ACK, 0,
                    joinSynAck(3 + i % 200, sKey, cKey, nonceB, nonceA));
        }
    }

    // ------------------------------------------------------------------ MPTCP options (RFC 8684 §3)

    private static byte[] capableSyn() { return new byte[] {MPTCP, 4, 0x01, 0x01}; } // v1, flag H (HMAC-SHA256)

    private static byte[] capableKey(long key) {
        return ByteBuffer.allocate(12).put((byte) MPTCP).put((byte) 12).put((byte) 0x01).put((byte) 0x01)
                .putLong(key).array();
    }

    private static byte[] capableAck(long senderKey, long receiverKey) {
        return ByteBuffer.allocate(20).put((byte) MPTCP).put((byte) 20).put((byte) 0x01).put((byte) 0x01)
                .putLong(senderKey).putLong(receiverKey).array();
    }

    private static byte[] joinSyn(int token, int addressId, int nonce) {
        return ByteBuffer.allocate(12).put((byte) MPTCP).put((byte) 12).put((byte) 0x10).put((byte) addressId)
                .putInt(token).putInt(nonce).array();
    }

    /** The server's (B) SYN/ACK: truncated HMAC(Key-B + Key-A, R-B + R-A), as a server sends it (§3.2). */
    private static byte[] joinSynAck(int addressId, long keyB, long keyA, int nonceB, int nonceA) {
        long truncated = ByteBuffer.wrap(hmac(keyB, keyA, nonceB, nonceA)).getLong(0);
        return ByteBuffer.allocate(16).put((byte) MPTCP).put((byte) 16).put((byte) 0x10).put((byte) addressId)
                .putLong(truncated).putInt(nonceB).array();
    }

    /** The joining client's (A) third ACK: the first 160 bits of HMAC(Key-A + Key-B, R-A + R-B) (§3.2). */
    private static byte[] joinAck(long keyA, long keyB, int nonceA, int nonceB) {
        return ByteBuffer.allocate(24).put((byte) MPTCP).put((byte) 24).put((byte) 0x10).put((byte) 0)
                .put(hmac(keyA, keyB, nonceA, nonceB), 0, 20).array();
    }

    private static byte[] hmac(long key1, long key2, int nonce1, int nonce2) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(ByteBuffer.allocate(16).putLong(key1).putLong(key2)
                    .array(), "HmacSHA256"));
            return mac.doFinal(ByteBuffer.allocate(8).putInt(nonce1).putInt(nonce2).array());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DSS (§3.3) with an 8-byte data ACK and, when {@code dsn} is given, an 8-byte DSN mapping. */
    private static byte[] dss(long dataAck, Long dsn, int subflowSeq, int length, boolean dataFin) {
        int len = 4 + 8 + (dsn == null ? 0 : 14);
        ByteBuffer b = ByteBuffer.allocate(len).put((byte) MPTCP).put((byte) len).put((byte) 0x20);
        int flags = 0x01 | 0x02 | (dsn == null ? 0 : 0x04 | 0x08) | (dataFin ? 0x10 : 0);
        b.put((byte) flags).putLong(dataAck);
        if (dsn != null) b.putLong(dsn).putInt(subflowSeq).putShort((short) length);
        return b.array();
    }

    // ------------------------------------------------------------------ frames

    private static final int FIN = 0x01, SYN = 0x02, PSH = 0x08, ACK = 0x10;

    private void segment(int src, int sport, int dst, int dport, int seq, int ack, int flags, int payload,
                         byte[] option) throws IOException {
        int optLen = (option.length + 3) & ~3;
        int tcpLen = 20 + optLen, ipLen = 20 + tcpLen + payload;
        ByteBuffer f = frame.clear();
        f.putLong(0x0200_0000_000b_0200L).putInt(0x0000_000a).putShort((short) 0x0800); // dst, src MAC, IPv4
        int ipStart = f.position();
        f.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) frames).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(src).putInt(dst);
        f.putShort(ipStart + 10, ipChecksum(f, ipStart));
        f.putShort((short) sport).putShort((short) dport).putInt(seq).putInt((flags & ACK) != 0 ? ack : 0)
                .put((byte) ((tcpLen / 4) << 4)).put((byte) flags).putShort((short) 0xffff).putShort((short) 0)
                .putShort((short) 0);
        f.put(option);
        for (int i = option.length; i < optLen; i++) f.put((byte) 1); // NOP padding
        for (int i = 0; i < payload; i++) f.put((byte) ('a' + i % 26));
        int length = f.position();
        record.clear().putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(length)
                .putInt(length);
        out.write(record.array());
        out.write(frame.array(), 0, length);
        micros += 10;
        frames++;
    }

    private static short ipChecksum(ByteBuffer f, int start) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) sum += f.getShort(start + i) & 0xffff;
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (short) ~sum;
    }

    // ------------------------------------------------------------------ keys

    /** A well-mixed 64-bit value of {@code x} (SplitMix64's finaliser): keys, ISNs and nonces. */
    static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static byte[] sha256(long key) {
        return SHA256.get().digest(ByteBuffer.allocate(8).putLong(key).array());
    }

    /** Token: the most significant 32 bits of SHA-256(key) (RFC 8684 §3.2). */
    static int token(long key) { return ByteBuffer.wrap(sha256(key)).getInt(0); }

    /** IDSN: the least significant 64 bits of SHA-256(key) (RFC 8684 §3.1). */
    static long idsn(long key) { return ByteBuffer.wrap(sha256(key)).getLong(24); }
}
