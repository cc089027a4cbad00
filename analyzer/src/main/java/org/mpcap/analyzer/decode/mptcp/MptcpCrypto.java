package org.mpcap.analyzer.decode.mptcp;

/**
 * Key-derived values of an MPTCP connection: tokens, initial data sequence numbers and MP_JOIN HMACs.
 * Version 0 (RFC 6824) uses SHA-1 / HMAC-SHA1; version 1 (RFC 8684) and later use SHA-256 / HMAC-SHA256.
 * Keys are the 64-bit values of {@link MptcpOption#senderKey()}, hashed in network byte order.
 *
 * <p>These allocate (digest output arrays): call them once per connection or subflow, never per packet. The
 * hashes are {@link Sha}'s (not the JCA's, whose provider lookup costs more than a small capture's analysis);
 * the methods are thread-safe.
 */
public final class MptcpCrypto {
    private MptcpCrypto() {}

    /**
     * The token of a connection as seen by the host whose key is {@code key}: the most significant 32 bits
     * of SHA-1 (v0, RFC 6824 §3.2) or SHA-256 (v1, RFC 8684 §3.2) of the key, as an unsigned value. This is
     * the token the peer puts in its MP_JOIN SYN ({@link MptcpOption#token()}).
     *
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public static long token(long key, int version) {
        byte[] h = hashKey(key, version);
        return MptcpOptionDecoder.u32(h, 0);
    }

    /**
     * The initial data sequence number of the host whose key is {@code key}: the least significant 64 bits
     * of the same hash (RFC 8684 §3.1, RFC 6824 §3.1). Returned as a raw 64-bit value: compare with
     * {@link Long#compareUnsigned}.
     *
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public static long idsn(long key, int version) {
        byte[] h = hashKey(key, version);
        return MptcpOptionDecoder.i64(h, h.length - 8);
    }

    /**
     * HMAC(Key = keyA || keyB, Message = nonceA || nonceB), all in network byte order, with HMAC-SHA1 (v0,
     * 20 bytes) or HMAC-SHA256 (v1, 32 bytes). Returns the full HMAC, a new array.
     *
     * <p>RFC 8684 §3.2 (and RFC 6824 §3.2) name A the host that sends the MP_JOIN SYN and B the one that
     * answers; Key-A/Key-B are the keys those hosts announced in MP_CAPABLE, R-A/R-B the random numbers
     * (nonces) of their MP_JOIN SYN and SYN/ACK. Then:
     * <ul>
     *   <li>the SYN/ACK from B carries the leftmost 64 bits of
     *       {@code joinHmac(keyB, keyA, nonceB, nonceA, v)} ({@link MptcpOption#truncatedHmac()});</li>
     *   <li>the third ACK from A carries the leftmost 160 bits of
     *       {@code joinHmac(keyA, keyB, nonceA, nonceB, v)} ({@link MptcpOption#hmac()}).</li>
     * </ul>
     *
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public static byte[] joinHmac(long keyA, long keyB, int nonceA, int nonceB, int version) {
        boolean sha256 = version(version) != 0;
        byte[] key = new byte[16];
        putLong(key, 0, keyA);
        putLong(key, 8, keyB);
        byte[] msg = new byte[8];
        putInt(msg, 0, nonceA);
        putInt(msg, 4, nonceB);
        return Sha.hmac(sha256, key, msg);
    }

    private static byte[] hashKey(long key, int version) {
        boolean sha256 = version(version) != 0;
        byte[] k = new byte[8];
        putLong(k, 0, key);
        return sha256 ? Sha.sha256(k) : Sha.sha1(k);
    }

    private static int version(int version) {
        if (version < 0) throw new IllegalArgumentException("MPTCP version must be >= 0, got " + version);
        return version;
    }

    private static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
