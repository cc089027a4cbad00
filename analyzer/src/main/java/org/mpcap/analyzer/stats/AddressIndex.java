package org.mpcap.analyzer.stats;

import java.util.Arrays;

/**
 * Dense indices (0, 1, … in order of first appearance) for IP addresses given as the decoder's two 64-bit halves,
 * found through an open-addressing table kept at most half full: constant time per lookup, also for a
 * spoofed-source flood of a million addresses. Callers keep their per-address figures in arrays by index.
 */
final class AddressIndex {
    private long[] hi = new long[16], lo = new long[16];
    private int size;
    /** index + 1 per slot, 0 = empty */
    private int[] slots = new int[32];

    /** The index of address (h, l), a new one (= {@link #size()} before the call) if not seen yet. */
    int indexOf(long h, long l) {
        int mask = slots.length - 1;
        int p = hash(h, l) & mask;
        for (int v; (v = slots[p]) != 0; p = (p + 1) & mask) {
            if (hi[v - 1] == h && lo[v - 1] == l) return v - 1;
        }
        int i = size++;
        if (i == hi.length) {
            hi = Arrays.copyOf(hi, i * 2);
            lo = Arrays.copyOf(lo, i * 2);
        }
        hi[i] = h;
        lo[i] = l;
        slots[p] = i + 1;
        if (size * 2 > slots.length) rehash();
        return i;
    }

    int size() { return size; }

    long hi(int i) { return hi[i]; }

    long lo(int i) { return lo[i]; }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int i = 0; i < size; i++) {
            int p = hash(hi[i], lo[i]) & mask;
            while (slots[p] != 0) p = (p + 1) & mask;
            slots[p] = i + 1;
        }
    }

    private static int hash(long h, long l) {
        long x = (h * 0x9E3779B97F4A7C15L) ^ l;
        x *= 0xBF58476D1CE4E5B9L;
        return (int) (x ^ (x >>> 31) ^ (x >>> 47));
    }
}
