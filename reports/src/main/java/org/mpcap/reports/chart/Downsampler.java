package org.mpcap.reports.chart;

import java.util.Arrays;

/**
 * Reduces a long x/y series to at most {@code 2 × buckets} points for drawing, keeping its visual envelope:
 * the points are split into {@code buckets} runs of consecutive indices (first and last point as runs of their
 * own) and from each run the points with the smallest and the largest y are kept, in their original order.
 * Every extreme of the series and its first and last points therefore survive; series not longer than
 * {@code 2 × buckets} are returned unchanged.
 *
 * <p>Buckets are by index, not by x value, so the result needs no sorted x (timestamps that step back are
 * fine) and dense stretches are thinned more than sparse ones. One pass, O(n) time; no statistics are
 * computed, only points selected. NaN y values are never chosen as extremes; a run of only NaN keeps one NaN
 * so a gap in a line stays a gap.
 */
public final class Downsampler {
    /** Default number of buckets: at most 4000 points per series. */
    public static final int DEFAULT_BUCKETS = 2000;

    private Downsampler() {}

    /** {@link #downsample(ChartSpec.Series, int)} with {@link #DEFAULT_BUCKETS}. */
    public static ChartSpec.Series downsample(ChartSpec.Series s) {
        return downsample(s, DEFAULT_BUCKETS);
    }

    /**
     * The series reduced to at most {@code 2 × buckets} points (x, y and yError selected together), or
     * {@code s} itself if it is not longer than that.
     *
     * @throws IllegalArgumentException if {@code buckets < 2}
     */
    public static ChartSpec.Series downsample(ChartSpec.Series s, int buckets) {
        int[] keep = indices(s.y(), buckets);
        if (keep == null) return s;
        return new ChartSpec.Series(s.name(), pick(s.x(), keep), pick(s.y(), keep), pick(s.yError(), keep));
    }

    /**
     * Indices of the points to keep, ascending, or null when {@code y.length <= 2 × buckets} (keep all).
     *
     * @throws IllegalArgumentException if {@code buckets < 2}
     */
    static int[] indices(double[] y, int buckets) {
        if (buckets < 2) throw new IllegalArgumentException("buckets must be >= 2, got " + buckets);
        int n = y.length;
        if (n <= 2 * buckets) return null;
        int[] out = new int[2 * buckets];
        int k = 0;
        out[k++] = 0;
        // Interior points 1..n-2 split into buckets-1 runs of (almost) equal length: <= 2 points each, so the
        // total with the first and last point is <= 2 × buckets.
        int interior = n - 2;
        int runs = buckets - 1;
        for (int b = 0; b < runs; b++) {
            int from = 1 + (int) ((long) interior * b / runs);
            int to = 1 + (int) ((long) interior * (b + 1) / runs); // exclusive
            int min = -1;
            int max = -1;
            for (int i = from; i < to; i++) {
                double v = y[i];
                if (Double.isNaN(v)) continue;
                if (min < 0 || v < y[min]) min = i;
                if (max < 0 || v > y[max]) max = i;
            }
            if (min < 0) {
                if (from < to) out[k++] = from; // all NaN: keep one to keep the gap
            } else if (min == max) {
                out[k++] = min;
            } else {
                out[k++] = Math.min(min, max);
                out[k++] = Math.max(min, max);
            }
        }
        out[k++] = n - 1;
        return Arrays.copyOf(out, k);
    }

    private static double[] pick(double[] a, int[] keep) {
        if (a == null) return null;
        double[] r = new double[keep.length];
        for (int i = 0; i < keep.length; i++) r[i] = a[keep[i]];
        return r;
    }
}
