package org.mpcap.analyzer.stats;

import java.util.Arrays;

/**
 * Many byte-count series on one shared time grid of equal bins (bin {@code i} covers relative time
 * {@code [i·width, (i+1)·width)}). Memory is bounded by the bins that received bytes, never by packets nor by the
 * time span: each series holds its non-empty bins only, as ascending (bin, bytes) pairs, so a connection that
 * sends one segment a minute over two hours keeps 120 pairs, not 72 000 bins. The grid never has more than
 * {@link #MAX_BINS} bins — when a packet falls beyond it, every bin is merged with its neighbour and the width
 * doubles ({@link #binWidthNanos()} tells the width finally used).
 *
 * <p>{@link #add} allocates only when a series' arrays must grow (amortised, bounded by non-empty bins). Packets
 * come in time order, so a pair is appended or the last one grows; an out-of-order time is inserted in place.
 * Times before the capture's first packet (a capture whose clock goes backwards) count in bin 0.
 *
 * <p>Public for the data-level analyses ({@code stats.datalevel}), which bin their bytes on the same machinery.
 */
public final class BinnedSeries {
    /** Largest number of bins of the grid; beyond it the width doubles. 65 536 bins = 1.8 h at 100 ms. */
    public static final int MAX_BINS = 1 << 16;
    /** Pairs of a new series: one (most series of a capture with many connections hold one bin); doubled as needed. */
    private static final int INITIAL_CAPACITY = 1;

    private long width;
    private final int maxBins;
    /** Per series: non-empty bins ascending, their bytes, and how many pairs are used. */
    private int[][] binIdx = new int[8][];
    private long[][] binVal = new long[8][];
    private int[] used = new int[8];
    private long[] total = new long[8];
    private int count;
    private int lastBin = -1;
    /** Bin of the last time looked up by binOf and its time range [cachedStart, cachedEnd) in nanoseconds. */
    private int cachedBin;
    private long cachedStart, cachedEnd;

    /** @param widthNanos initial bin width, > 0 */
    public BinnedSeries(long widthNanos) {
        this(widthNanos, MAX_BINS);
    }

    public BinnedSeries(long widthNanos, int maxBins) {
        if (widthNanos <= 0) throw new IllegalArgumentException("bin width must be > 0");
        if (maxBins < 2) throw new IllegalArgumentException("need at least 2 bins");
        this.width = widthNanos;
        this.maxBins = maxBins;
    }

    /** Creates an empty series and returns its id (0, 1, …). */
    public int newSeries() {
        if (count == binIdx.length) {
            int n = count * 2;
            binIdx = Arrays.copyOf(binIdx, n);
            binVal = Arrays.copyOf(binVal, n);
            used = Arrays.copyOf(used, n);
            total = Arrays.copyOf(total, n);
        }
        binIdx[count] = null;
        binVal[count] = null;
        used[count] = 0;
        return count++;
    }

    public int seriesCount() { return count; }

    /** Adds {@code bytes} at relative time {@code relNanos} to series {@code s}. */
    public void add(int s, long relNanos, long bytes) {
        // every packet adds to several series at the same time, and packets come in order: the bin of the last
        // time looked up is most often the answer (saves a 64-bit division), and most often the series' last bin
        int bin = relNanos > 0 && relNanos >= cachedStart && relNanos < cachedEnd ? cachedBin : binOf(relNanos);
        int n = used[s];
        if (n > 0 && binIdx[s][n - 1] == bin) { // the common case: same bin as the series' previous add
            binVal[s][n - 1] += bytes;
            total[s] += bytes;
            return; // lastBin is at least this bin already
        }
        addToBin(s, bin, bytes);
    }

    /**
     * Adds every non-empty bin of series {@code from} to series {@code to}: afterwards {@code to} is what it would
     * be had it received each of {@code from}'s {@link #add}s too (same grid, same first and last bins). A merge
     * of two ascending lists, linear in their sizes.
     */
    public void addSeries(int to, int from) {
        int nf = used[from];
        if (nf == 0) return;
        int nt = used[to];
        if (nt == 0) {
            binIdx[to] = Arrays.copyOf(binIdx[from], Math.max(INITIAL_CAPACITY, nf));
            binVal[to] = Arrays.copyOf(binVal[from], Math.max(INITIAL_CAPACITY, nf));
            used[to] = nf;
            total[to] += total[from];
            return;
        }
        int[] ai = binIdx[to], bi = binIdx[from];
        long[] av = binVal[to], bv = binVal[from];
        int[] oi = new int[nt + nf];
        long[] ov = new long[nt + nf];
        int i = 0, j = 0, k = 0;
        while (i < nt || j < nf) {
            if (j >= nf || (i < nt && ai[i] < bi[j])) {
                oi[k] = ai[i]; ov[k++] = av[i++];
            } else if (i >= nt || bi[j] < ai[i]) {
                oi[k] = bi[j]; ov[k++] = bv[j++];
            } else {
                oi[k] = ai[i]; ov[k++] = av[i++] + bv[j++];
            }
        }
        binIdx[to] = oi;
        binVal[to] = ov;
        used[to] = k;
        total[to] += total[from];
    }

    private void addToBin(int s, int bin, long bytes) {
        if (bin > lastBin) lastBin = bin;
        total[s] += bytes;
        int n = used[s];
        int[] idx = binIdx[s];
        if (idx == null) {
            idx = binIdx[s] = new int[INITIAL_CAPACITY];
            binVal[s] = new long[INITIAL_CAPACITY];
        }
        long[] val = binVal[s];
        if (n > 0 && idx[n - 1] == bin) { // the common case: same bin as the previous packet
            val[n - 1] += bytes;
            return;
        }
        int at = n == 0 || idx[n - 1] < bin ? n : Arrays.binarySearch(idx, 0, n, bin);
        if (at >= 0 && at < n) { // an out-of-order time in an existing bin
            val[at] += bytes;
            return;
        }
        int pos = at >= 0 ? at : -at - 1;
        if (n == idx.length) {
            idx = binIdx[s] = Arrays.copyOf(idx, n * 2);
            val = binVal[s] = Arrays.copyOf(val, n * 2);
        }
        if (pos < n) { // out-of-order time before later bins: shift them right
            System.arraycopy(idx, pos, idx, pos + 1, n - pos);
            System.arraycopy(val, pos, val, pos + 1, n - pos);
        }
        idx[pos] = bin;
        val[pos] = bytes;
        used[s] = n + 1;
    }

    private int binOf(long relNanos) {
        if (relNanos <= 0) return 0;
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
            int n = used[s];
            if (n == 0) continue;
            int[] idx = binIdx[s];
            long[] val = binVal[s];
            int k = 0; // in place: k never passes the pair being read
            for (int i = 0; i < n; i++) {
                int b = idx[i] >> 1;
                if (k > 0 && idx[k - 1] == b) {
                    val[k - 1] += val[i];
                } else {
                    idx[k] = b;
                    val[k++] = val[i];
                }
            }
            used[s] = k;
        }
    }

    /** The bin width in use (initial width × 2^folds), in nanoseconds. */
    public long binWidthNanos() { return width; }

    /** Highest bin index any series reached, or -1 if nothing was added. */
    public int lastBin() { return lastBin; }

    /** True if series {@code s} received at least one {@link #add}. */
    public boolean hasData(int s) { return used[s] > 0; }

    /** First bin of series {@code s} (valid if {@link #hasData}). */
    public int firstBin(int s) { return binIdx[s][0]; }

    /** Last non-empty bin of series {@code s} (valid if {@link #hasData}). */
    public int lastBin(int s) { return binIdx[s][used[s] - 1]; }

    /** Number of non-empty bins of series {@code s}. */
    public int nonEmptyBins(int s) { return used[s]; }

    /** The {@code k}-th non-empty bin of series {@code s} (ascending), {@code 0 <= k < nonEmptyBins(s)}. */
    public int binAt(int s, int k) { return binIdx[s][k]; }

    /** Bytes of the {@code k}-th non-empty bin of series {@code s}. */
    public long bytesAt(int s, int k) { return binVal[s][k]; }

    /** Bytes added to series {@code s} in bin {@code bin} (0 for an empty bin). */
    public long inBin(int s, int bin) {
        int n = used[s];
        if (n == 0) return 0;
        int at = Arrays.binarySearch(binIdx[s], 0, n, bin);
        return at < 0 ? 0 : binVal[s][at];
    }

    /** All bytes added to series {@code s}. */
    public long total(int s) { return total[s]; }

    /** Window length in whole bins for a moving window of {@code windowNanos} (at least one bin). */
    public int windowBins(long windowNanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round((double) windowNanos / width)));
    }
}
