package org.mpcap.analyzer.stats.rtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;

class RttSummaryTest {

    @Test
    void meanStdMinMaxMatchCommonsMath() {
        RttSummary s = new RttSummary();
        DescriptiveStatistics ref = new DescriptiveStatistics();
        Random rnd = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            long v = 1_000_000L + (long) (rnd.nextGaussian() * 200_000);
            s.add(v);
            ref.addValue(v);
        }
        assertThat(s.count()).isEqualTo(10_000);
        assertThat(s.meanNanos()).isCloseTo(ref.getMean(), within(1e-6));
        assertThat(s.stdNanos()).isCloseTo(ref.getStandardDeviation(), within(1e-6)); // sample std (n - 1)
        assertThat((double) s.minNanos()).isEqualTo(ref.getMin());
        assertThat((double) s.maxNanos()).isEqualTo(ref.getMax());
    }

    @Test
    void quantilesInterpolateBetweenClosestRanks() {
        RttSummary s = new RttSummary();
        for (long v : new long[] {40, 10, 30, 20}) s.add(v);
        assertThat(s.quantileNanos(0.5)).isEqualTo(25.0);
        assertThat(s.quantileNanos(0.95)).isCloseTo(38.5, within(1e-9));
        Percentile r7 = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        assertThat(s.quantileNanos(0.95)).isCloseTo(r7.evaluate(new double[] {10, 20, 30, 40}, 95), within(1e-9));
    }

    @Test
    void stdIsEmptyBelowTwoSamples() {
        RttSummary s = new RttSummary();
        assertThat(s.meanNanos()).isNaN();
        s.add(5);
        assertThat(s.stdNanos()).isNaN();
        assertThat(s.quantileNanos(0.5)).isEqualTo(5.0);
    }

    @Test
    void beyondTheCapQuantilesComeFromTheHistogramWithinItsError() {
        int cap = 1000;
        RttSummary s = new RttSummary(cap);
        Random rnd = new Random(7);
        long[] all = new long[50_000];
        for (int i = 0; i < all.length; i++) {
            all[i] = (long) (Math.exp(rnd.nextGaussian()) * 5_000_000); // log-normal around 5 ms
            s.add(all[i]);
        }
        assertThat(s.exact()).isFalse();
        long[] sorted = all.clone();
        Arrays.sort(sorted);
        for (double p : new double[] {0.5, 0.95}) {
            double truth = sorted[(int) Math.floor((all.length - 1) * p)];
            assertThat(s.quantileNanos(p)).isCloseTo(truth, within(truth * RttSummary.HISTOGRAM_RELATIVE_ERROR * 1.01));
        }
        assertThat(RttSummary.HISTOGRAM_RELATIVE_ERROR).isLessThan(0.0007);
    }

    @Test
    void exactWhileUnderTheCap() {
        RttSummary s = new RttSummary(100);
        for (int i = 1; i <= 100; i++) s.add(i);
        assertThat(s.exact()).isTrue();
        assertThat(s.quantileNanos(0.5)).isEqualTo(50.5);
        s.add(101);
        assertThat(s.exact()).isFalse();
    }

    @Test
    void selectPutsTheKthSmallestAtKAsSortingWould() {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + r.nextInt(300);
            long[] a = new long[n];
            int spread = 1 + r.nextInt(round % 3 == 0 ? 5 : 1_000_000); // many duplicates in some rounds
            for (int i = 0; i < n; i++) a[i] = r.nextInt(spread) - spread / 2;
            if (round % 10 == 1) Arrays.sort(a); // already sorted input
            long[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = r.nextInt(n);
            RttSummary.select(a, n, k);
            assertThat(a[k]).isEqualTo(sorted[k]);
            for (int i = 0; i < k; i++) assertThat(a[i]).isLessThanOrEqualTo(a[k]);
            for (int i = k + 1; i < n; i++) assertThat(a[i]).isGreaterThanOrEqualTo(a[k]);
        }
    }

    @Test
    void quantilesAskedTwiceOrAfterMoreSamplesStayExact() {
        RttSummary s = new RttSummary(1000);
        Random r = new Random(3);
        long[] v = new long[501];
        for (int i = 0; i < v.length; i++) s.add(v[i] = 1 + r.nextInt(1_000_000));
        Percentile r7 = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        double[] d = Arrays.stream(v).asDoubleStream().toArray();
        assertThat(s.quantileNanos(0.95)).isCloseTo(r7.evaluate(d, 95), within(1e-6));
        assertThat(s.quantileNanos(0.5)).isCloseTo(r7.evaluate(d, 50), within(1e-6));
        assertThat(s.quantileNanos(0.95)).isCloseTo(r7.evaluate(d, 95), within(1e-6));
        s.add(5);
        double[] d2 = Arrays.copyOf(d, d.length + 1);
        d2[d.length] = 5;
        assertThat(s.quantileNanos(0.5)).isCloseTo(r7.evaluate(d2, 50), within(1e-6));
    }
}
