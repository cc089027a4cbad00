package org.mpcap.analyzer.mptcp;

import java.util.Arrays;

/**
 * Which connections have data-sequence evidence near a value, so that a stream seen first with a DSS (capture
 * started after its handshake) is matched without testing every connection: the evidence range [lo, hi] of each
 * connection and direction is filed under the buckets of {@link MptcpTracker#DSN_MATCH_WINDOW} (2^24) it covers,
 * on all 64 bits and on the low 32 bits (4-byte DSNs and data ACKs, RFC 8684 §3.3.1); a value within the window
 * of a range lies in the bucket of the range or a neighbour, so three buckets per width hold every candidate.
 * Candidates are then tested exactly by the caller; a candidate may be listed more than once or no longer match.
 *
 * <p>A range that covers more than {@value #WIDE_BUCKETS} buckets (more than 1 GiB of data, or evidence thrown
 * off by a damaged value) is not filed by bucket: such connections are candidates for every value. The index is
 * made at the first partial stream; a capture without one pays nothing for it.
 */
final class EvidenceIndex {
    static final int BUCKET_BITS = 24;
    static final int WIDE_BUCKETS = 64;
    private static final long BUCKETS64 = (1L << (64 - BUCKET_BITS)) - 1;
    private static final int BUCKETS32 = (1 << (32 - BUCKET_BITS)) - 1;
    /** A 32-bit range this wide or wider is wide: the exact 32-bit test is an interval only below it. */
    private static final long WIDE32_SPAN = 1L << 30;

    // open addressing: key → head of a chain of entries (connection orders)
    private long[] keys = new long[256];
    private int[] heads = new int[256]; // entry index + 1; 0 = empty slot
    private int used;
    private int[] entryOrder = new int[256], entryNext = new int[256]; // next: entry index + 1, 0 = end
    private int entries;
    /** Per connection order and direction ({@code 2 * order + d}): the range filed so far. */
    private long[] filedLo = new long[0], filedHi = new long[0];
    private boolean[] filed = new boolean[0], wide = new boolean[0];
    private int[] wideOrders = new int[0];
    private int wideCount;

    /**
     * Files the evidence range [lo, hi] of direction {@code d} of connection {@code order} (lo and hi compared in
     * wrapping 64-bit arithmetic, as {@code MptcpTracker}'s evidence is), or the part of it not filed yet.
     */
    void update(int order, int d, long lo, long hi) {
        int k = 2 * order + d;
        if (k >= filed.length) {
            int n = Math.max(k + 2, filed.length * 2);
            filedLo = Arrays.copyOf(filedLo, n);
            filedHi = Arrays.copyOf(filedHi, n);
            filed = Arrays.copyOf(filed, n);
            wide = Arrays.copyOf(wide, n);
        }
        if (wide[k]) return;
        if (filed[k] && filedLo[k] == lo && filedHi[k] == hi) return;
        long span = hi - lo;
        if (span < 0 || (span >>> BUCKET_BITS) >= WIDE_BUCKETS || span >= WIDE32_SPAN) {
            wide[k] = true;
            if (wideCount == wideOrders.length) wideOrders = Arrays.copyOf(wideOrders, Math.max(8, wideCount * 2));
            wideOrders[wideCount++] = order;
            return;
        }
        if (!filed[k]) {
            file(order, d, lo, hi);
        } else {
            if (lo - filedLo[k] < 0) file(order, d, lo, filedLo[k]);
            if (hi - filedHi[k] > 0) file(order, d, filedHi[k], hi);
        }
        filed[k] = true;
        filedLo[k] = lo;
        filedHi[k] = hi;
    }

    /** Files [lo, hi] (span below {@link #WIDE_BUCKETS} buckets) under its 64-bit and its low-32-bit buckets. */
    private void file(int order, int d, long lo, long hi) {
        long b = lo >>> BUCKET_BITS, last = hi >>> BUCKET_BITS;
        for (;; b = (b + 1) & BUCKETS64) {
            add(key64(d, b), order);
            if (b == last) break;
        }
        int c = (int) lo >>> BUCKET_BITS, lastc = (int) hi >>> BUCKET_BITS;
        for (;; c = (c + 1) & BUCKETS32) {
            add(key32(d, c), order);
            if (c == lastc) break;
        }
    }

    private static long key64(int d, long bucket) { return (bucket << 2) | ((long) d << 1); }

    private static long key32(int d, int bucket) { return ((long) bucket << 2) | ((long) d << 1) | 1; }

    /**
     * Calls {@code out} with every connection order that may have evidence within the window of {@code v} in
     * either direction: 64-bit buckets when {@code is64}, else low-32-bit ones; wide connections too.
     */
    void candidates(long v, boolean is64, java.util.function.IntConsumer out) {
        for (int d = 0; d < 2; d++) {
            for (int delta = -1; delta <= 1; delta++) {
                long key = is64 ? key64(d, ((v >>> BUCKET_BITS) + delta) & BUCKETS64)
                        : key32(d, (((int) v >>> BUCKET_BITS) + delta) & BUCKETS32);
                for (int e = head(key); e != 0; e = entryNext[e - 1]) out.accept(entryOrder[e - 1]);
            }
        }
        for (int i = 0; i < wideCount; i++) out.accept(wideOrders[i]);
    }

    private int head(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); heads[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) return heads[i];
        }
        return 0;
    }

    private void add(long key, int order) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (heads[i] != 0 && keys[i] != key) i = (i + 1) & mask;
        int h = heads[i];
        if (h != 0 && entryOrder[h - 1] == order) return; // filed there last: the same range growing
        if (entries == entryOrder.length) {
            entryOrder = Arrays.copyOf(entryOrder, entries * 2);
            entryNext = Arrays.copyOf(entryNext, entries * 2);
        }
        entryOrder[entries] = order;
        entryNext[entries] = h;
        entries++;
        if (h == 0) {
            keys[i] = key;
            used++;
        }
        heads[i] = entries;
        if (used * 2 > keys.length) rehash();
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void rehash() {
        long[] ok = keys;
        int[] oh = heads;
        keys = new long[ok.length * 2];
        heads = new int[ok.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < ok.length; j++) {
            if (oh[j] == 0) continue;
            int i = slot(ok[j], mask);
            while (heads[i] != 0) i = (i + 1) & mask;
            keys[i] = ok[j];
            heads[i] = oh[j];
        }
    }
}
