package org.mpcap.analyzer.mptcp;

import java.util.Arrays;

/**
 * Which connections have data-sequence evidence near a value, so that a stream seen first with a DSS (capture
 * started after its handshake) is matched without testing every connection: the evidence range [lo, hi] of each
 * connection and direction is filed under the buckets of {@link MptcpTracker#DSN_MATCH_WINDOW} (2^24) it covers,
 * on all 64 bits, or in the index of 4-byte values on the low 32 bits (4-byte DSNs and data ACKs, RFC 8684
 * §3.3.1); a value within the window of a range lies in the bucket of the range or a neighbour, so three buckets
 * hold every candidate. Candidates are then tested exactly by the caller; a candidate may be listed more than once
 * or no longer match.
 *
 * <p>A range that covers more than {@value #WIDE_BUCKETS} buckets (more than 1 GiB of data, or evidence thrown
 * off by a damaged value) is not filed by bucket: such connections are candidates for every value. The tracker
 * makes each of the two indices at the first partial stream that needs it (a value of that width); a capture
 * without partial streams pays nothing, one whose partial streams carry 8-byte values no 32-bit index (about
 * 60 bytes a connection).
 */
final class EvidenceIndex {
    static final int BUCKET_BITS = 24;
    static final int WIDE_BUCKETS = 64;
    private static final long BUCKETS64 = (1L << (64 - BUCKET_BITS)) - 1;
    private static final int BUCKETS32 = (1 << (32 - BUCKET_BITS)) - 1;
    /** A 32-bit range this wide or wider is wide: the exact 32-bit test is an interval only below it. */
    private static final long WIDE32_SPAN = 1L << 30;

    // open addressing: key → the connection order filed there alone (-(order + 1)), or the head of a chain of
    // entries (entry index + 1); 0 = empty slot. Most buckets hold one connection: no entry for it.
    private long[] keys = new long[256];
    private int[] heads = new int[256];
    private int used;
    private int[] entryOrder = new int[256], entryNext = new int[256]; // next: entry index + 1, 0 = end
    private int entries;
    private int[] wideOrders = new int[0];
    private int wideCount;
    /** Buckets of the low 32 bits (an index of 4-byte values), else of all 64 bits. */
    private final boolean low32;

    /** @param low32 true: the index of 4-byte values (low 32 bits); false: of 8-byte values */
    EvidenceIndex(boolean low32) {
        this.low32 = low32;
    }

    /** True if a range [lo, hi] (wrapping 64-bit arithmetic) is too wide to be filed by bucket. */
    static boolean wide(long lo, long hi) {
        long span = hi - lo;
        return span < 0 || (span >>> BUCKET_BITS) >= WIDE_BUCKETS || span >= WIDE32_SPAN;
    }

    /**
     * Files the whole evidence range [lo, hi] of direction {@code d} of connection {@code order}: a connection
     * newly indexed, or whose range moved (its guessed upper 32 bits were replaced; the old buckets stay as stale
     * candidates).
     */
    void file(int order, int d, long lo, long hi) {
        if (wide(lo, hi)) {
            addWide(order);
            return;
        }
        fileBuckets(order, d, lo, hi);
    }

    /**
     * The evidence range of direction {@code d} of connection {@code order} grew from [oldLo, oldHi] (filed) to
     * [lo, hi]: files the buckets it grew into. A range only grows, so the caller's old range is what was filed;
     * the index keeps no copy of it.
     */
    void grow(int order, int d, long oldLo, long oldHi, long lo, long hi) {
        if (wide(oldLo, oldHi)) return; // a candidate for every value already
        if (wide(lo, hi)) {
            addWide(order);
            return;
        }
        if (lo - oldLo < 0) fileBuckets(order, d, lo, oldLo);
        if (hi - oldHi > 0) fileBuckets(order, d, oldHi, hi);
    }

    private void addWide(int order) {
        if (wideCount == wideOrders.length) wideOrders = Arrays.copyOf(wideOrders, Math.max(8, wideCount * 2));
        wideOrders[wideCount++] = order;
    }

    /** Files [lo, hi] (span below {@link #WIDE_BUCKETS} buckets) under its 64-bit or its low-32-bit buckets. */
    private void fileBuckets(int order, int d, long lo, long hi) {
        if (!low32) {
            long b = lo >>> BUCKET_BITS, last = hi >>> BUCKET_BITS;
            for (;; b = (b + 1) & BUCKETS64) {
                add(key64(d, b), order);
                if (b == last) break;
            }
            return;
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
     * either direction (on this index's width); wide connections too.
     */
    void candidates(long v, java.util.function.IntConsumer out) {
        for (int d = 0; d < 2; d++) {
            for (int delta = -1; delta <= 1; delta++) {
                long key = !low32 ? key64(d, ((v >>> BUCKET_BITS) + delta) & BUCKETS64)
                        : key32(d, (((int) v >>> BUCKET_BITS) + delta) & BUCKETS32);
                int h = head(key);
                if (h < 0) out.accept(-h - 1);
                for (int e = Math.max(h, 0); e != 0; e = entryNext[e - 1]) out.accept(entryOrder[e - 1]);
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
        if (h == 0) { // a new bucket: the order alone
            keys[i] = key;
            heads[i] = -(order + 1);
            if (++used * 2 > keys.length) rehash();
            return;
        }
        if (h < 0) {
            if (-h - 1 == order) return; // filed there last: the same range growing
            h = entry(-h - 1, 0); // the one filed alone becomes the chain's first entry
        } else if (entryOrder[h - 1] == order) {
            return;
        }
        heads[i] = entry(order, h);
    }

    /** A new entry (order, next) in the chains; returns its index + 1. */
    private int entry(int order, int next) {
        if (entries == entryOrder.length) {
            entryOrder = Arrays.copyOf(entryOrder, entries * 2);
            entryNext = Arrays.copyOf(entryNext, entries * 2);
        }
        entryOrder[entries] = order;
        entryNext[entries] = next;
        return ++entries;
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
