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
    /** Offsets from origin (signed comparison is safe while the span stays below 2^63). */
    private long[] starts = new long[1];
    private long[] ends = new long[1];
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
        if (size > 0) {
            int last = size - 1;
            if (s >= starts[last] && s <= ends[last]) {
                if (e > ends[last]) ends[last] = e;
                return;
            }
        }
        // General case: find the first range whose end >= s (ends ascend: binary search, as mappings repeated or
        // sent out of order on several subflows come here for every packet), merge everything overlapping [s, e).
        int i = firstEndAtLeast(s);
        int j = i;
        long ns = s, ne = e;
        while (j < size && starts[j] <= e) {
            ns = Math.min(ns, starts[j]);
            ne = Math.max(ne, ends[j]);
            j++;
        }
        int removed = j - i;
        if (removed == 0) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            System.arraycopy(starts, i, starts, i + 1, size - i);
            System.arraycopy(ends, i, ends, i + 1, size - i);
            size++;
        } else if (removed > 1) {
            System.arraycopy(starts, j, starts, i + 1, size - j);
            System.arraycopy(ends, j, ends, i + 1, size - j);
            size -= removed - 1;
        }
        starts[i] = ns;
        ends[i] = ne;
    }

    /** Index of the first range whose end is at least {@code s}, or {@code size} if none. */
    private int firstEndAtLeast(long s) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] < s) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Total length of the union of the ranges. */
    long total() {
        long t = 0;
        for (int i = 0; i < size; i++) t += ends[i] - starts[i];
        return t;
    }

    boolean isEmpty() { return size == 0; }

    int rangeCount() { return size; }
}
