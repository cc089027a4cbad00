package org.mpcap.analyzer.stats;

import java.util.Arrays;

/**
 * Many byte-count series on one shared time grid of equal bins (bin {@code i} covers relative time
 * {@code [i·width, (i+1)·width)}). Memory is bounded by series × bins, never by packets: each series holds one
 * {@code long} per bin between its first and last non-empty bin, and the grid never has more than
 * {@link #MAX_BINS} bins — when a packet falls beyond it, every bin is merged with its neighbour and the width
 * doubles ({@link #binWidthNanos()} tells the width finally used).
 *
 * <p>{@link #add} allocates only when a series' array must grow (amortised, bounded by bins). Times before the
 * capture's first packet (a capture whose clock goes backwards) count in bin 0.
 */
final class BinnedSeries {
    /** Largest number of bins of the grid; beyond it the width doubles. 65 536 bins = 1.8 h at 100 ms. */
    static final int MAX_BINS = 1 << 16;
    private static final int INITIAL_CAPACITY = 4; // grows by doubling; most series of a big capture are short

    private long width;
    private final int maxBins;
    private long[][] data = new long[8][];
    private int[] base = new int[8];
    private int[] used = new int[8];
    private long[] total = new long[8];
    private int count;
    private int lastBin = -1;
    /** Bin of the last time looked up by binOf and its time range [cachedStart, cachedEnd) in nanoseconds. */
    private int cachedBin;
    private long cachedStart, cachedEnd;

    /** @param widthNanos initial bin width, > 0 */
    BinnedSeries(long widthNanos) {
        this(widthNanos, MAX_BINS);
    }

    BinnedSeries(long widthNanos, int maxBins) {
        if (widthNanos <= 0) throw new IllegalArgumentException("bin width must be > 0");
        if (maxBins < 2) throw new IllegalArgumentException("need at least 2 bins");
        this.width = widthNanos;
        this.maxBins = maxBins;
    }

    /** Creates an empty series and returns its id (0, 1, …). */
    int newSeries() {
        if (count == data.length) {
            int n = count * 2;
            data = Arrays.copyOf(data, n);
            base = Arrays.copyOf(base, n);
            used = Arrays.copyOf(used, n);
            total = Arrays.copyOf(total, n);
        }
        data[count] = null;
        used[count] = 0;
        return count++;
    }

    int seriesCount() { return count; }

    /** Adds {@code bytes} at relative time {@code relNanos} to series {@code s}. */
    void add(int s, long relNanos, long bytes) {
        addToBin(s, binOf(relNanos), bytes);
    }

    /**
     * Adds every non-empty bin of series {@code from} to series {@code to}: afterwards {@code to} is what it would
     * be had it received each of {@code from}'s {@link #add}s too (same grid, same first and last bins).
     */
    void addSeries(int to, int from) {
        long[] a = data[from];
        if (a == null) return;
        for (int i = 0, b0 = base[from], n = used[from]; i < n; i++) {
            if (a[i] != 0) addToBin(to, b0 + i, a[i]);
        }
    }

    private void addToBin(int s, int bin, long bytes) {
        if (bin > lastBin) lastBin = bin;
        long[] a = data[s];
        if (a == null) {
            a = data[s] = new long[INITIAL_CAPACITY];
            base[s] = bin;
            used[s] = 1;
            a[0] = bytes;
            total[s] += bytes;
            return;
        }
        int i = bin - base[s];
        if (i < 0) { // out-of-order timestamp before this series' first bin: shift right
            int shift = -i;
            long[] b = new long[Math.max(a.length, used[s] + shift)];
            System.arraycopy(a, 0, b, shift, used[s]);
            a = data[s] = b;
            base[s] = bin;
            used[s] += shift;
            i = 0;
        } else if (i >= a.length) {
            a = data[s] = Arrays.copyOf(a, Math.max(a.length * 2, i + 1));
        }
        if (i >= used[s]) used[s] = i + 1;
        a[i] += bytes;
        total[s] += bytes;
    }

    private int binOf(long relNanos) {
        if (relNanos <= 0) return 0;
        // every packet adds to several series at the same time, and packets come in order: the bin of the last
        // time looked up is most often the answer (saves a 64-bit division)
        if (relNanos >= cachedStart && relNanos < cachedEnd) return cachedBin;
        long b = relNanos / width;
        while (b >= maxBins) {
            fold();
            b = relNanos / width;
        }
        cachedBin = (int) b;
        cachedStart = b * width;
        cachedEnd = cachedStart > Long.MAX_VALUE - width ? Long.MAX_VALUE : cachedStart + width;
        return (int) b;
    }

    /** Merges bin pairs (2k, 2k+1) into bin k of a grid twice as wide. */
    private void fold() {
        width *= 2;
        cachedStart = cachedEnd = 0; // the cached bin belongs to the old grid
        lastBin >>= 1;
        for (int s = 0; s < count; s++) {
            long[] a = data[s];
            if (a == null) continue;
            int b0 = base[s], n = used[s];
            int nb0 = b0 >> 1;
            int nn = ((b0 + n - 1) >> 1) - nb0 + 1;
            for (int j = 0; j < nn; j++) {
                int i0 = 2 * (nb0 + j) - b0; // reads only indices >= j, so in place is safe
                long v = 0;
                if (i0 >= 0 && i0 < n) v += a[i0];
                if (i0 + 1 >= 0 && i0 + 1 < n) v += a[i0 + 1];
                a[j] = v;
            }
            Arrays.fill(a, nn, n, 0L);
            base[s] = nb0;
            used[s] = nn;
        }
    }

    /** The bin width in use (initial width × 2^folds), in nanoseconds. */
    long binWidthNanos() { return width; }

    /** Highest bin index any series reached, or -1 if nothing was added. */
    int lastBin() { return lastBin; }

    /** True if series {@code s} received at least one {@link #add}. */
    boolean hasData(int s) { return data[s] != null; }

    /** First bin of series {@code s} (valid if {@link #hasData}). */
    int firstBin(int s) { return base[s]; }

    /** Last bin of series {@code s} that was touched (valid if {@link #hasData}). */
    int lastBin(int s) { return base[s] + used[s] - 1; }

    /** Bytes added to series {@code s} in bin {@code bin} (0 outside the series' range). */
    long inBin(int s, int bin) {
        long[] a = data[s];
        if (a == null) return 0;
        int i = bin - base[s];
        return i < 0 || i >= used[s] ? 0 : a[i];
    }

    /** All bytes added to series {@code s}. */
    long total(int s) { return total[s]; }

    /** Window length in whole bins for a moving window of {@code windowNanos} (at least one bin). */
    int windowBins(long windowNanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round((double) windowNanos / width)));
    }
}
