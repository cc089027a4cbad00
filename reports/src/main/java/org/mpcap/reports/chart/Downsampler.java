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

    /**
     * A scatter series reduced to one point per cell of a {@code cols × rows} grid laid over the x range
     * {@code [x0, x1]} and y range {@code [y0, y1]} (the ranges of every series of the chart): the first point
     * falling in each cell is kept, plus the series' first and last points and its smallest and largest y, in
     * their original order. With the grid no coarser than half a marker, a point left out lies under a kept
     * marker of the same series, so the drawing looks the same with far fewer markers (a scatter of 100 000 RTT
     * samples on a 960 × 480 chart keeps a few thousand). Points with a non-finite x or y (not drawn in a
     * scatter) are left out. Returns {@code s} itself when nothing is left out.
     *
     * @throws IllegalArgumentException if {@code cols} or {@code rows} is not positive
     */
    public static ChartSpec.Series thinToGrid(ChartSpec.Series s, double x0, double x1, double y0, double y1,
                                              int cols, int rows) {
        if (cols <= 0 || rows <= 0) throw new IllegalArgumentException("grid " + cols + "x" + rows);
        double[] x = s.x();
        double[] y = s.y();
        int n = y.length;
        int min = -1;
        int max = -1;
        int first = -1;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) continue;
            if (first < 0) first = i;
            last = i;
            if (min < 0 || y[i] < y[min]) min = i;
            if (max < 0 || y[i] > y[max]) max = i;
        }
        double sx = x1 > x0 ? cols / (x1 - x0) : 0;
        double sy = y1 > y0 ? rows / (y1 - y0) : 0;
        java.util.BitSet used = new java.util.BitSet(cols * rows);
        int[] keep = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) continue;
            int cx = Math.min(cols - 1, Math.max(0, (int) ((x[i] - x0) * sx)));
            int cy = Math.min(rows - 1, Math.max(0, (int) ((y[i] - y0) * sy)));
            int cell = cx * rows + cy;
            boolean fresh = !used.get(cell);
            if (fresh || i == first || i == last || i == min || i == max) {
                used.set(cell);
                keep[k++] = i;
            }
        }
        if (k == n) return s;
        keep = Arrays.copyOf(keep, k);
        return new ChartSpec.Series(s.name(), pick(x, keep), pick(y, keep), pick(s.yError(), keep));
    }

    private static double[] pick(double[] a, int[] keep) {
        if (a == null) return null;
        double[] r = new double[keep.length];
        for (int i = 0; i < keep.length; i++) r[i] = a[keep[i]];
        return r;
    }
}
