package org.mpcap.analyzer.mptcp;

import java.util.Arrays;

/**
 * A set of disjoint half-open ranges [start, end) of 64-bit data sequence numbers, kept sorted and merged, in
 * primitive arrays. Adding a range that extends or falls inside the last one (the normal, in-order case)
 * allocates nothing. Ranges are compared as unsigned offsets from the first range's start, so a data sequence
 * space that wraps past 2^64 still works.
 */
final class RangeSet {
    private long origin;
    private boolean hasOrigin;
    /**
     * Range k is [r[2k], r[2k + 1]), offsets from origin (signed comparison is safe while the span stays below
     * 2^63), once there are two; while there is one it is [s0, e0) and {@code r} is null (a million connections
     * hold one range per direction: 48 bytes each instead of 64 with an array).
     */
    private long[] r;
    private long s0, e0;
    private int size;

    /** Moves every range by {@code delta} (the upper 32 bits of its DSN space turned out to be others). */
    void shift(long delta) {
        origin += delta;
    }

    void add(long start, long length) {
        if (length <= 0) return;
        if (!hasOrigin) {
            origin = start;
            hasOrigin = true;
        }
        long s = start - origin, e = s + length;
        if (r == null) {
            if (size == 0) {
                s0 = s;
                e0 = e;
                size = 1;
                return;
            }
            if (s <= e0 && e >= s0) { // overlaps or touches the one range: merged, as below
                s0 = Math.min(s0, s);
                e0 = Math.max(e0, e);
                return;
            }
            r = new long[] {s0, e0, 0, 0};
        }
        if (size > 0) {
            int last = 2 * (size - 1);
            if (s >= r[last] && s <= r[last + 1]) {
                if (e > r[last + 1]) r[last + 1] = e;
                return;
            }
        }
        // General case: find the first range whose end >= s (ends ascend: binary search, as mappings repeated or
        // sent out of order on several subflows come here for every packet), merge everything overlapping [s, e).
        int i = firstEndAtLeast(s);
        int j = i;
        long ns = s, ne = e;
        while (j < size && r[2 * j] <= e) {
            ns = Math.min(ns, r[2 * j]);
            ne = Math.max(ne, r[2 * j + 1]);
            j++;
        }
        int removed = j - i;
        if (removed == 0) {
            if (2 * size == r.length) r = Arrays.copyOf(r, r.length * 2);
            System.arraycopy(r, 2 * i, r, 2 * i + 2, 2 * (size - i));
            size++;
        } else if (removed > 1) {
            System.arraycopy(r, 2 * j, r, 2 * i + 2, 2 * (size - j));
            size -= removed - 1;
        }
        r[2 * i] = ns;
        r[2 * i + 1] = ne;
    }

    /** Index of the first range whose end is at least {@code s}, or {@code size} if none. */
    private int firstEndAtLeast(long s) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (r[2 * mid + 1] < s) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Total length of the union of the ranges. */
    long total() {
        if (r == null) return size == 0 ? 0 : e0 - s0;
        long t = 0;
        for (int i = 0; i < size; i++) t += r[2 * i + 1] - r[2 * i];
        return t;
    }

    boolean isEmpty() { return size == 0; }

    int rangeCount() { return size; }
}
