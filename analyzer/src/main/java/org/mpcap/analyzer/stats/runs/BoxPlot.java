package org.mpcap.analyzer.stats.runs;

import java.util.Arrays;

/**
 * Tukey's box plot of a sample: quartiles by linear interpolation at rank 1 + (n − 1)p (R's default "type 7",
 * as numpy's and {@link RunAggregate}'s median), fences at 1.5·IQR beyond the quartiles, whiskers at the most
 * extreme <em>observations</em> inside the fences (never at a fence where no value lies), and every value
 * outside the fences an outlier. Non-finite values are ignored.
 *
 * @param n              finite values in the sample
 * @param q1             first quartile
 * @param median         median
 * @param q3             third quartile
 * @param lowerWhisker   smallest value ≥ q1 − 1.5·IQR
 * @param upperWhisker   largest value ≤ q3 + 1.5·IQR
 * @param outliers       values outside the fences, ascending (a copy; never null)
 */
public record BoxPlot(int n, double q1, double median, double q3, double lowerWhisker, double upperWhisker,
        double[] outliers) {
    /** Fence distance in interquartile ranges (Tukey 1977). */
    public static final double FENCE_IQR = 1.5;

    public BoxPlot {
        outliers = outliers.clone();
    }

    /** The outliers (a copy). */
    @Override
    public double[] outliers() { return outliers.clone(); }

    /**
     * The box plot of {@code values} (not modified).
     *
     * @throws IllegalArgumentException if no value is finite
     */
    public static BoxPlot of(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) throw new IllegalArgumentException("no finite value");
        double q1 = quantile(v, 0.25), med = quantile(v, 0.5), q3 = quantile(v, 0.75);
        double iqr = q3 - q1;
        double lowFence = q1 - FENCE_IQR * iqr, highFence = q3 + FENCE_IQR * iqr;
        double lo = Double.NaN, hi = Double.NaN;
        int outliers = 0;
        for (double x : v) {
            if (x < lowFence || x > highFence) {
                outliers++;
                continue;
            }
            if (Double.isNaN(lo)) lo = x;
            hi = x;
        }
        double[] out = new double[outliers];
        int k = 0;
        for (double x : v) if (x < lowFence || x > highFence) out[k++] = x;
        return new BoxPlot(v.length, q1, med, q3, lo, hi, out);
    }

    /** R-7 quantile of sorted, finite {@code v}. */
    static double quantile(double[] v, double p) {
        double h = (v.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }
}
