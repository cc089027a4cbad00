package org.mpcap.reports.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable little-endian byte buffer (Parquet's PLAIN encoding and the file framing are little-endian). */
final class Buf {
    private byte[] a;
    private int n;

    Buf(int capacity) { a = new byte[Math.max(16, capacity)]; }

    int size() { return n; }

    void reset() { n = 0; }

    private void ensure(int more) {
        if (n + more > a.length) a = Arrays.copyOf(a, Math.max(a.length * 2, n + more));
    }

    void u8(int v) {
        ensure(1);
        a[n++] = (byte) v;
    }

    void i32(int v) {
        ensure(4);
        a[n++] = (byte) v;
        a[n++] = (byte) (v >>> 8);
        a[n++] = (byte) (v >>> 16);
        a[n++] = (byte) (v >>> 24);
    }

    void i64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) a[n++] = (byte) (v >>> (8 * i));
    }

    /** Unsigned LEB128 varint (Thrift compact and the RLE run headers). */
    void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            a[n++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        a[n++] = (byte) v;
    }

    void bytes(byte[] b) { bytes(b, 0, b.length); }

    void bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, a, n, len);
        n += len;
    }

    void append(Buf other) { bytes(other.a, 0, other.n); }

    void writeTo(OutputStream out) throws IOException { out.write(a, 0, n); }

    byte[] toByteArray() { return Arrays.copyOf(a, n); }
}
