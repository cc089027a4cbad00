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
    void orderStatisticsAreWhatSortingGives() {
        Random r = new Random(7);
        for (int round = 0; round < 300; round++) {
            int n = 1 + r.nextInt(round % 2 == 0 ? 300 : 20_000); // sorted copies and counting passes
            long[] a = new long[n];
            long spread = switch (round % 4) {
                case 0 -> 5; // many duplicates
                case 1 -> 1_000_000;
                case 2 -> 1L << 40; // a wide range: several levels
                default -> Long.MAX_VALUE; // values of both signs over most of the long range
            };
            for (int i = 0; i < n; i++) a[i] = (long) (r.nextDouble() * spread) - spread / 2;
            if (round % 10 == 1) Arrays.sort(a); // already sorted input
            if (round % 7 == 3) a[r.nextInt(n)] = Long.MIN_VALUE / 2; // one far outlier
            long[] sorted = a.clone();
            Arrays.sort(sorted);
            long[] before = a.clone();
            int k1 = r.nextInt(n), k2 = Math.min(n - 1, k1 + r.nextInt(3)), k3 = r.nextInt(n);
            int[] ks = java.util.stream.IntStream.of(k1, k2, k3).sorted().toArray();
            long[] got = RttSummary.orderStatistics(a, n, sorted[0], sorted[n - 1], ks);
            for (int i = 0; i < ks.length; i++) assertThat(got[i]).as("rank %d of %d", ks[i], n).isEqualTo(sorted[ks[i]]);
            assertThat(a).isEqualTo(before); // left as it was
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
