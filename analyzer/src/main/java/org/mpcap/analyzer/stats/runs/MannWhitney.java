package org.mpcap.analyzer.stats.runs;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-sided Mann-Whitney U (Wilcoxon rank-sum) test, with the choices R's {@code wilcox.test(a, b)} makes:
 * U is the statistic of the first sample (pairs (x from a, y from b) with x > y, ties counting one half), the
 * p-value is exact when both samples have fewer than {@value #EXACT_LIMIT} values and there are no ties, and
 * otherwise from the normal approximation with tie correction and continuity correction.
 *
 * <p>commons-math's {@code MannWhitneyUTest} always uses the normal approximation without either correction,
 * which is poor for the 5-10 runs per scenario of a testbed; hence this class.
 */
final class MannWhitney {
    /** Exact p-value only when both samples are smaller than this (R's rule). */
    static final int EXACT_LIMIT = 50;

    /** Result; {@code p} is NaN when undefined (every value tied). */
    record Result(double u, double p, boolean exact) {}

    private MannWhitney() {}

    /** The test of {@code a} against {@code b}; both non-empty, no NaN. */
    static Result test(double[] a, double[] b) {
        int na = a.length, nb = b.length, n = na + nb;
        if (na == 0 || nb == 0) throw new IllegalArgumentException("empty sample");
        double[] all = new double[n];
        System.arraycopy(a, 0, all, 0, na);
        System.arraycopy(b, 0, all, na, nb);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(all[x], all[y]));
        double[] rank = new double[n];
        double tieSum = 0; // Σ (t³ − t) over groups of ties
        boolean ties = false;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && all[order[j + 1]] == all[order[i]]) j++;
            double mid = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) rank[order[k]] = mid;
            int t = j - i + 1;
            if (t > 1) {
                ties = true;
                tieSum += (double) t * t * t - t;
            }
            i = j + 1;
        }
        double rankSumA = 0;
        for (int i = 0; i < na; i++) rankSumA += rank[i];
        double u = rankSumA - na * (na + 1) / 2.0;
        if (!ties && na < EXACT_LIMIT && nb < EXACT_LIMIT) {
            return new Result(u, exactP((long) u, na, nb), true);
        }
        double z = u - (double) na * nb / 2;
        double sigma = Math.sqrt((double) na * nb / 12 * ((n + 1) - tieSum / ((double) n * (n - 1))));
        if (sigma == 0) return new Result(u, Double.NaN, false);
        double correction = Math.signum(z) * 0.5;
        z = (z - correction) / sigma;
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        double p = 2 * Math.min(normal.cumulativeProbability(z), normal.cumulativeProbability(-z));
        return new Result(u, Math.min(1.0, p), false);
    }

    /**
     * Exact two-sided p-value of U = {@code u} for samples of {@code na} and {@code nb} values without ties:
     * min(1, 2 · min(P(U ≤ u), P(U ≥ u))), the distribution counted over all C(na+nb, na) rankings.
     */
    static double exactP(long u, int na, int nb) {
        double[] freq = distribution(na, nb);
        double total = 0;
        for (double f : freq) total += f;
        double le = 0, ge = 0;
        for (int k = 0; k < freq.length; k++) {
            if (k <= u) le += freq[k];
            if (k >= u) ge += freq[k];
        }
        return Math.min(1.0, 2 * Math.min(le, ge) / total);
    }

    /**
     * Number of rankings giving each U = 0 … na·nb: subsets of na ranks out of 1 … na+nb counted by rank sum
     * (U = rank sum − na(na+1)/2), by dynamic programming over the ranks (additions only, so exact while counts
     * stay below 2⁵³, and relatively accurate beyond).
     */
    static double[] distribution(int na, int nb) {
        int n = na + nb;
        int maxU = na * nb;
        // ways[k][s]: subsets of size k with U-offset sum s = Σ(rank_i − i) over the chosen ranks in order
        // Using the classic recurrence on the largest rank: choosing rank r as the k-th smallest adds r − k.
        double[][] ways = new double[na + 1][maxU + 1];
        ways[0][0] = 1;
        for (int r = 1; r <= n; r++) {
            for (int k = Math.min(na, r); k >= 1; k--) {
                int add = r - k; // the k-th smallest chosen rank r contributes r − k to U
                if (add > nb) continue;
                double[] from = ways[k - 1], to = ways[k];
                for (int s = maxU - add; s >= 0; s--) {
                    if (from[s] != 0) to[s + add] += from[s];
                }
            }
        }
        return ways[na];
    }
}
