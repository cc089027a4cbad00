import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes a bulk MPTCP v0 capture (RFC 6824), for timing mptcptrace, which reads v0 only, next to mpcap on the same
 * file: one connection from 10.0.0.1 to 10.0.0.2:80 with two subflows (the second from 10.0.1.1, joined with a
 * valid token and HMACs, RFC 6824 §3.2), the client sending DATA segments of 1400 bytes round-robin over them with
 * a DSS mapping each (4-byte DSN and data ACK, no checksum), the server acknowledging every second segment with a
 * subflow ACK and a data ACK; TCP timestamps on every segment; Ethernet, snap length 128; a segment every 10 µs.
 *
 *   java bench/V0Bulk.java OUT.pcap DATA_SEGMENTS
 *
 * The kernel of this machine speaks MPTCP v1 only, so such a capture cannot be recorded here.
 */
public final class V0Bulk {
    private static final int SNAP = 128;
    private final OutputStream out;
    private final ByteBuffer rec = ByteBuffer.allocate(16 + 2048).order(ByteOrder.LITTLE_ENDIAN);
    private long nanos = 1_700_000_000_000_000_000L;
    private int tsval = 1000;

    private V0Bulk(OutputStream out) { this.out = out; }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        long segments = Long.parseLong(args[1]);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
            new V0Bulk(os).write(segments);
        }
    }

    private static byte[] sha1(byte[] b) throws Exception { return MessageDigest.getInstance("SHA-1").digest(b); }

    private static byte[] hmac(byte[] key, byte[] msg) throws Exception {
        Mac m = Mac.getInstance("HmacSHA1");
        m.init(new SecretKeySpec(key, "HmacSHA1"));
        return m.doFinal(msg);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private void write(long segments) throws Exception {
        ByteBuffer g = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        g.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAP).putInt(1);
        out.write(g.array());

        byte[] keyA = {1, 2, 3, 4, 5, 6, 7, 8}, keyB = {8, 7, 6, 5, 4, 3, 2, 1};
        byte[] hashA = sha1(keyA), hashB = sha1(keyB);
        int tokenB = ByteBuffer.wrap(hashB, 0, 4).getInt();
        long idsnA = ByteBuffer.wrap(hashA, 12, 8).getLong(); // least significant 64 bits (RFC 6824 §3.1)
        int[] client = {0x0a000001, 0x0a000101};
        int server = 0x0a000002;
        int[] cport = {40000, 40001};
        int[] isn = {100, 5000};
        int[] cseq = isn.clone(), sseq = {700, 9000};

        // subflow 0: MP_CAPABLE handshake (RFC 6824 §3.1: 12 bytes with the sender's key, 20 in the third ACK)
        seg(client[0], server, cport[0], 80, cseq[0]++, 0, 0x02, capable(keyA, null), 0);
        seg(server, client[0], 80, cport[0], sseq[0]++, cseq[0], 0x12, capable(keyB, null), 0);
        seg(client[0], server, cport[0], 80, cseq[0], sseq[0], 0x10, capable(keyA, keyB), 0);
        // subflow 1: MP_JOIN (RFC 6824 §3.2)
        byte[] ra = {11, 12, 13, 14}, rb = {21, 22, 23, 24};
        byte[] macB = hmac(concat(keyB, keyA), concat(rb, ra)), macA = hmac(concat(keyA, keyB), concat(ra, rb));
        ByteBuffer j1 = ByteBuffer.allocate(12).put((byte) 30).put((byte) 12).put((byte) 0x10).put((byte) 1)
                .putInt(tokenB).put(ra);
        seg(client[1], server, cport[1], 80, cseq[1]++, 0, 0x02, j1.array(), 0);
        ByteBuffer j2 = ByteBuffer.allocate(16).put((byte) 30).put((byte) 16).put((byte) 0x10).put((byte) 0)
                .put(macB, 0, 8).put(rb);
        seg(server, client[1], 80, cport[1], sseq[1]++, cseq[1], 0x12, j2.array(), 0);
        ByteBuffer j3 = ByteBuffer.allocate(24).put((byte) 30).put((byte) 24).put((byte) 0x10).put((byte) 0)
                .put(macA, 0, 20);
        seg(client[1], server, cport[1], 80, cseq[1], sseq[1], 0x10, j3.array(), 0);

        long dsn = idsnA + 1;
        int len = 1400;
        for (long i = 0; i < segments; i++) {
            int s = (int) (i & 1);
            seg(client[s], server, cport[s], 80, cseq[s], sseq[s], 0x18, dss(0, true, (int) dsn, cseq[s] - isn[s], len), len);
            // the subflow sequence number is relative to the subflow's initial one (RFC 6824 §3.3.1)
            cseq[s] += len;
            dsn += len;
            if ((i & 1) == 1) {
                for (int k = 0; k < 2; k++) {
                    seg(server, client[k], 80, cport[k], sseq[k], cseq[k], 0x10, dss((int) dsn, false, 0, 0, 0), 0);
                }
            }
        }
    }

    private static byte[] capable(byte[] sender, byte[] receiver) {
        ByteBuffer b = ByteBuffer.allocate(receiver == null ? 12 : 20);
        b.put((byte) 30).put((byte) b.capacity()).put((byte) 0x00).put((byte) 0x01).put(sender); // v0, H (HMAC-SHA1)
        if (receiver != null) b.put(receiver);
        return b.array();
    }

    /** DSS (RFC 6824 §3.3): data ACK (A, 4 bytes) and, with {@code map}, a mapping with a 4-byte DSN (M). */
    private static byte[] dss(int dataAck, boolean map, int dsn, int ssn, int length) {
        ByteBuffer b = ByteBuffer.allocate(map ? 20 : 8);
        b.put((byte) 30).put((byte) (map ? 18 : 8)).put((byte) 0x20).put((byte) (map ? 0x05 : 0x01)).putInt(dataAck);
        if (map) b.putInt(dsn).putInt(ssn).putShort((short) length).put((byte) 1).put((byte) 1); // + 2 NOPs
        return b.array();
    }

    private void seg(int src, int dst, int sport, int dport, int seq, int ack, int flags, byte[] mptcp, int payload)
            throws IOException {
        int optLen = 12 + mptcp.length; // NOP NOP TS + MPTCP (padded to 4 with NOPs)
        int pad = (4 - optLen % 4) % 4;
        optLen += pad;
        int tcpLen = 20 + optLen, ipLen = 20 + tcpLen + payload, wire = 14 + ipLen;
        int cap = Math.min(wire, SNAP);
        ByteBuffer p = ByteBuffer.allocate(14 + 20 + tcpLen + Math.max(0, payload)).order(ByteOrder.BIG_ENDIAN);
        p.put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        int ipStart = p.position();
        p.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(src).putInt(dst);
        int sum = 0;
        for (int i = ipStart; i < ipStart + 20; i += 2) sum += p.getShort(i) & 0xffff;
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        p.putShort(ipStart + 10, (short) ~sum);
        p.putShort((short) sport).putShort((short) dport).putInt(seq).putInt(ack)
                .put((byte) ((tcpLen / 4) << 4)).put((byte) flags).putShort((short) 65535).putShort((short) 0)
                .putShort((short) 0);
        p.put((byte) 1).put((byte) 1).put((byte) 8).put((byte) 10).putInt(tsval++).putInt(tsval - 7);
        p.put(mptcp);
        for (int i = 0; i < pad; i++) p.put((byte) 1);
        rec.clear();
        long sec = nanos / 1_000_000_000L, usec = nanos % 1_000_000_000L / 1000;
        rec.putInt((int) sec).putInt((int) usec).putInt(cap).putInt(wire);
        rec.put(p.array(), 0, cap);
        out.write(rec.array(), 0, rec.position());
        nanos += 10_000;
    }
}
