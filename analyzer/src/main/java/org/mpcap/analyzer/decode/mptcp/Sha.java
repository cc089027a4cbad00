package org.mpcap.analyzer.decode.mptcp;

/**
 * SHA-1 and SHA-256 (FIPS 180-4 §6.1, §6.2) and HMAC over them (RFC 2104), for the few short messages MPTCP hashes
 * (8-byte keys, 16-byte HMAC keys, 8-byte nonces). Not the JCA: looking up {@code MessageDigest} and {@code Mac}
 * providers costs about 55 ms the first time in a JVM, more than an analysis of a small capture takes. Tested
 * against the JDK's implementations. Stateless and thread-safe.
 */
final class Sha {
    private Sha() {}

    /** SHA-1 (FIPS 180-4 §6.1) of {@code m}: 20 bytes. */
    static byte[] sha1(byte[] m) {
        int[] h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
        int[] w = new int[80];
        for (byte[] block : pad(m)) {
            for (int t = 0; t < 16; t++) w[t] = word(block, 4 * t);
            for (int t = 16; t < 80; t++) w[t] = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            int a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
            for (int t = 0; t < 80; t++) {
                int f, k;
                if (t < 20) {
                    f = (b & c) | (~b & d);
                    k = 0x5a827999;
                } else if (t < 40) {
                    f = b ^ c ^ d;
                    k = 0x6ed9eba1;
                } else if (t < 60) {
                    f = (b & c) | (b & d) | (c & d);
                    k = 0x8f1bbcdc;
                } else {
                    f = b ^ c ^ d;
                    k = 0xca62c1d6;
                }
                int tmp = Integer.rotateLeft(a, 5) + f + e + k + w[t];
                e = d;
                d = c;
                c = Integer.rotateLeft(b, 30);
                b = a;
                a = tmp;
            }
            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
        }
        return bytes(h);
    }

    private static final int[] K256 = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

    /** SHA-256 (FIPS 180-4 §6.2) of {@code m}: 32 bytes. */
    static byte[] sha256(byte[] m) {
        int[] h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
        int[] w = new int[64];
        for (byte[] block : pad(m)) {
            for (int t = 0; t < 16; t++) w[t] = word(block, 4 * t);
            for (int t = 16; t < 64; t++) {
                int s0 = Integer.rotateRight(w[t - 15], 7) ^ Integer.rotateRight(w[t - 15], 18) ^ (w[t - 15] >>> 3);
                int s1 = Integer.rotateRight(w[t - 2], 17) ^ Integer.rotateRight(w[t - 2], 19) ^ (w[t - 2] >>> 10);
                w[t] = w[t - 16] + s0 + w[t - 7] + s1;
            }
            int a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
            for (int t = 0; t < 64; t++) {
                int s1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
                int ch = (e & f) ^ (~e & g);
                int t1 = hh + s1 + ch + K256[t] + w[t];
                int s0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
                int maj = (a & b) ^ (a & c) ^ (b & c);
                int t2 = s0 + maj;
                hh = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }
            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
            h[5] += f;
            h[6] += g;
            h[7] += hh;
        }
        return bytes(h);
    }

    /** HMAC (RFC 2104 §2) with SHA-1 or SHA-256 (both 64-byte blocks). */
    static byte[] hmac(boolean sha256, byte[] key, byte[] message) {
        byte[] k = key.length > 64 ? (sha256 ? sha256(key) : sha1(key)) : key;
        byte[] inner = new byte[64 + message.length];
        byte[] outer = new byte[64 + (sha256 ? 32 : 20)];
        for (int i = 0; i < 64; i++) {
            byte b = i < k.length ? k[i] : 0;
            inner[i] = (byte) (b ^ 0x36);
            outer[i] = (byte) (b ^ 0x5c);
        }
        System.arraycopy(message, 0, inner, 64, message.length);
        byte[] h = sha256 ? sha256(inner) : sha1(inner);
        System.arraycopy(h, 0, outer, 64, h.length);
        return sha256 ? sha256(outer) : sha1(outer);
    }

    /** The message padded to whole 64-byte blocks with its bit length (FIPS 180-4 §5.1.1), block by block. */
    private static byte[][] pad(byte[] m) {
        int blocks = (m.length + 8) / 64 + 1;
        byte[] p = new byte[blocks * 64];
        System.arraycopy(m, 0, p, 0, m.length);
        p[m.length] = (byte) 0x80;
        long bits = (long) m.length * 8;
        for (int i = 0; i < 8; i++) p[p.length - 1 - i] = (byte) (bits >>> (8 * i));
        byte[][] out = new byte[blocks][];
        for (int i = 0; i < blocks; i++) out[i] = java.util.Arrays.copyOfRange(p, 64 * i, 64 * i + 64);
        return out;
    }

    private static int word(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    private static byte[] bytes(int[] h) {
        byte[] out = new byte[4 * h.length];
        for (int i = 0; i < h.length; i++) {
            out[4 * i] = (byte) (h[i] >>> 24);
            out[4 * i + 1] = (byte) (h[i] >>> 16);
            out[4 * i + 2] = (byte) (h[i] >>> 8);
            out[4 * i + 3] = (byte) h[i];
        }
        return out;
    }
}
