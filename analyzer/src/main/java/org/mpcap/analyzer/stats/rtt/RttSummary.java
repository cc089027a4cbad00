package org.mpcap.analyzer.stats.rtt;

import java.util.Arrays;

/**
 * Streaming summary of one series of RTT samples (nanoseconds), in memory bounded by {@link #exactCap} plus a
 * fixed histogram, whatever the number of samples.
 *
 * <ul>
 *   <li>count, mean, sample standard deviation (Welford's update of the running mean and M2), min and max
 *       are exact for any number of samples;</li>
 *   <li>the median and the 95th percentile are exact (linear interpolation between closest ranks, the
 *       "R-7"/Excel {@code PERCENTILE.INC} definition) while the series holds at most {@link #exactCap}
 *       samples, kept in a growable {@code long[]};</li>
 *   <li>past that cap the kept samples are folded into a log-scale histogram of {@link #BINS_PER_OCTAVE}
 *       bins per doubling and the array is dropped; quantiles are then read from the histogram as the
 *       geometric centre of the bin holding the rank, clamped to [min, max]: relative error at most
 *       {@code 2^(1/(2·512)) − 1} ≈ 0.068 % for values from 1 ns to 2^40 ns (≈ 18 min).</li>
 * </ul>
 * Not thread-safe. {@link #add} allocates only when the exact array grows (doubling) or once when the
 * histogram is created.
 */
final class RttSummary {
    /** Default number of samples per series kept for exact quantiles. */
    static final int DEFAULT_EXACT_CAP = 200_000;
    /** Histogram resolution: bins per factor 2. */
    static final int BINS_PER_OCTAVE = 512;
    /** Histogram range: 2^0 … 2^40 ns. */
    static final int OCTAVES = 40;
    static final int BINS = BINS_PER_OCTAVE * OCTAVES;
    /** Worst relative error of a quantile read from the histogram (half a bin, geometric). */
    static final double HISTOGRAM_RELATIVE_ERROR = Math.pow(2, 1.0 / (2 * BINS_PER_OCTAVE)) - 1;

    private final int exactCap;
    private long count;
    private double mean;
    private double m2;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long[] exact = new long[2]; // grows by doubling; a capture may hold a million series
    private int[] histogram;
    /** Samples ≤ 0 ns (possible with capture timestamps that go backwards or repeat). */
    private long nonPositive;

    RttSummary(int exactCap) {
        if (exactCap < 1) throw new IllegalArgumentException("exact cap must be >= 1");
        this.exactCap = exactCap;
    }

    RttSummary() {
        this(DEFAULT_EXACT_CAP);
    }

    void add(long rttNanos) {
        count++;
        double delta = rttNanos - mean;
        mean += delta / count;
        m2 += delta * (rttNanos - mean);
        if (rttNanos < min) min = rttNanos;
        if (rttNanos > max) max = rttNanos;
        if (histogram == null) {
            int n = (int) (count - 1);
            if (n < exactCap) {
                if (n == exact.length) exact = Arrays.copyOf(exact, (int) Math.min((long) n * 2, exactCap));
                exact[n] = rttNanos;
                return;
            }
            histogram = new int[BINS];
            for (int i = 0; i < n; i++) histogramAdd(exact[i]);
            exact = null;
        }
        histogramAdd(rttNanos);
    }

    /** Bits of the value range split per counting pass of {@link #orderStatistics}. */
    static final int SELECT_BITS = 12;
    /** Below this many values {@link #orderStatistics} sorts a copy. */
    static final int SELECT_SORT_BELOW = 256;

    /**
     * The values of ranks {@code ks} (0-based, ascending, each below {@code n}) in sorted order of {@code a[0, n)},
     * whose values lie in {@code [min, max]}; {@code a} is left as it is. A radix selection: one counting pass
     * splits the value range into 2^{@value #SELECT_BITS} equal buckets, and only the buckets holding a wanted rank
     * are copied out and split again (at most 64 / {@value #SELECT_BITS} + 1 levels), so a few sequential,
     * branch-light passes replace a quickselect's data-dependent swaps (three to four times quicker here).
     */
    static long[] orderStatistics(long[] a, int n, long min, long max, int... ks) {
        long[] out = new long[ks.length];
        orderStatistics(a, n, min, max, ks, 0, ks.length, 0, out);
        return out;
    }

    /** Ranks ks[from, to), minus {@code base}, of a[0, n) into out[from, to). */
    private static void orderStatistics(long[] a, int n, long min, long max, int[] ks, int from, int to, int base,
                                        long[] out) {
        if (min == max) {
            for (int i = from; i < to; i++) out[i] = min;
            return;
        }
        if (n < SELECT_SORT_BELOW) {
            long[] c = Arrays.copyOf(a, n);
            Arrays.sort(c);
            for (int i = from; i < to; i++) out[i] = c[ks[i] - base];
            return;
        }
        long range = max - min; // unsigned: wider than Long.MAX_VALUE still splits correctly
        int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(range) - SELECT_BITS);
        int[] count = new int[(int) (range >>> shift) + 1];
        for (int i = 0; i < n; i++) count[(int) ((a[i] - min) >>> shift)]++;
        int i = from;
        int before = base;
        for (int b = 0; b < count.length && i < to; b++) {
            int c = count[b];
            if (ks[i] < before + c) {
                int j = i;
                while (j < to && ks[j] < before + c) j++;
                long[] sub = new long[c];
                int m = 0;
                for (int x = 0; x < n; x++) if ((int) ((a[x] - min) >>> shift) == b) sub[m++] = a[x];
                long lo = min + ((long) b << shift);
                long hi = shift == 0 ? lo : lo + ((1L << shift) - 1);
                if (Long.compareUnsigned(hi - min, max - min) > 0) hi = max; // the last bucket ends at max
                orderStatistics(sub, c, lo, hi, ks, i, j, before, out);
                i = j;
            }
            before += c;
        }
    }

    private void histogramAdd(long v) {
        if (v <= 0) {
            nonPositive++;
            return;
        }
        histogram[bin(v)]++;
    }

    static int bin(long v) {
        int b = (int) Math.floor(Math.log(v) / Math.log(2) * BINS_PER_OCTAVE);
        return Math.max(0, Math.min(BINS - 1, b));
    }

    /** Geometric centre of bin {@code b}, in ns. */
    static double binCentre(int b) {
        return Math.pow(2, (b + 0.5) / BINS_PER_OCTAVE);
    }

    long count() { return count; }

    /** True while quantiles are exact. */
    boolean exact() { return histogram == null; }

    double meanNanos() { return count == 0 ? Double.NaN : mean; }

    /** Sample standard deviation (n − 1 in the denominator); NaN for fewer than 2 samples. */
    double stdNanos() { return count < 2 ? Double.NaN : Math.sqrt(m2 / (count - 1)); }

    long minNanos() { return min; }

    long maxNanos() { return max; }

    /**
     * The {@code p}-quantile (0 ≤ p ≤ 1): R-7 interpolation when exact, histogram estimate otherwise; NaN when
     * empty. A selection over the kept samples (O(n) per call): call at the end, not per packet.
     */
    double quantileNanos(double p) {
        if (count == 0) return Double.NaN;
        if (histogram == null) {
            // R-7 needs the order statistics lo and lo + 1 only: select them instead of sorting (O(n))
            int n = (int) count;
            double h = (n - 1) * p;
            int lo = (int) Math.floor(h);
            long[] v = orderStatistics(exact, n, min, max, lo, Math.min(lo + 1, n - 1));
            return v[0] + (h - lo) * (v[1] - v[0]);
        }
        // rank (0-based, fractional) of the quantile; return the value of the bin holding floor(rank)
        long rank = (long) Math.floor((count - 1) * p);
        if (rank < nonPositive) return Math.max(min, Math.min(0, max));
        long seen = nonPositive;
        for (int b = 0; b < BINS; b++) {
            seen += histogram[b];
            if (seen > rank) return Math.max(min, Math.min(max, binCentre(b)));
        }
        return max;
    }
}
