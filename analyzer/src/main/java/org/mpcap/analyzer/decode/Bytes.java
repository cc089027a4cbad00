package org.mpcap.analyzer.decode;

/** Big-endian (network order) reads from a byte array. Callers check bounds first; no allocation. */
final class Bytes {
    private Bytes() {}

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static int i32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    static long u32(byte[] b, int i) {
        return i32(b, i) & 0xffff_ffffL;
    }

    static long i64(byte[] b, int i) {
        return ((long) i32(b, i) << 32) | u32(b, i + 4);
    }
}
