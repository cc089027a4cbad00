package org.mpcap.analyzer.stats.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MannWhitneyTest {

    @Test
    void exactPOfCompletelySeparatedSamplesOfThree() {
        // by hand: C(6,3) = 20 equally likely rankings, only one gives U = 0 → two-sided p = 2/20
        MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 3}, new double[] {4, 5, 6});
        assertThat(r.u()).isEqualTo(0.0);
        assertThat(r.exact()).isTrue();
        assertThat(r.p()).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void exactPMatchesRsChorioamnionExample() {
        // R ?wilcox.test (Hollander & Wolfe 1973, p. 69): wilcox.test(x, y, alternative = "g") → W = 35,
        // p-value = 0.1272; two-sided is twice that: scipy mannwhitneyu(method="exact") 0.2544122544122544
        double[] x = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
        double[] y = {1.15, 0.88, 0.90, 0.74, 1.21};
        MannWhitney.Result r = MannWhitney.test(x, y);
        assertThat(r.u()).isEqualTo(35.0);
        assertThat(r.exact()).isTrue();
        assertThat(r.p()).isCloseTo(0.2544122544122544, within(1e-15));
    }

    @Test
    void exactDistributionEqualsBruteForceEnumeration() {
        // independent reference: enumerate every subset of ranks (bit masks) and count U
        for (int na = 1; na <= 7; na++) {
            for (int nb = 1; nb <= 7; nb++) {
                double[] dp = MannWhitney.distribution(na, nb);
                long[] brute = new long[na * nb + 1];
                int n = na + nb;
                for (int mask = 0; mask < 1 << n; mask++) {
                    if (Integer.bitCount(mask) != na) continue;
                    int rankSum = 0;
                    for (int i = 0; i < n; i++) if ((mask >> i & 1) != 0) rankSum += i + 1;
                    brute[rankSum - na * (na + 1) / 2]++;
                }
                for (int u = 0; u <= na * nb; u++) assertThat(dp[u]).as("%d,%d U=%d", na, nb, u).isEqualTo(brute[u]);
            }
        }
    }

    @Test
    void uCountsPairsWhereTheFirstSampleIsLarger() {
        Random rnd = new Random(3);
        double[] a = new double[12], b = new double[9];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = rnd.nextGaussian() + 0.5;
        int pairs = 0;
        for (double x : a) for (double y : b) if (x > y) pairs++;
        assertThat(MannWhitney.test(a, b).u()).isEqualTo(pairs);
    }

    @Test
    void tiesSwitchToNormalApproximationWithTieAndContinuityCorrection() {
        // scipy mannwhitneyu(a, b, method="asymptotic", use_continuity=True) → U = 4.5, p = 0.06414661873440437
        // (R's wilcox.test(a, b, exact = FALSE) gives the same)
        MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 2, 3, 4}, new double[] {2, 3, 5, 6, 6, 7});
        assertThat(r.exact()).isFalse();
        assertThat(r.u()).isEqualTo(4.5);
        assertThat(r.p()).isCloseTo(0.06414661873440437, within(1e-12));
    }

    @Test
    void allValuesTiedLeavesPUndefined() {
        assertThat(MannWhitney.test(new double[] {1, 1}, new double[] {1, 1, 1}).p()).isNaN();
    }

    @Test
    void largeSamplesUseTheNormalApproximation() {
        double[] a = new double[60], b = new double[60];
        for (int i = 0; i < 60; i++) { a[i] = 2 * i; b[i] = 2 * i + 1; }
        MannWhitney.Result r = MannWhitney.test(a, b);
        assertThat(r.exact()).isFalse();
        assertThat(r.p()).isBetween(0.0, 1.0);
    }
}
