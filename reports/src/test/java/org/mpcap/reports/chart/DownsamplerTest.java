package org.mpcap.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DownsamplerTest {

    private static ChartSpec.Series noisy(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.001;
            y[i] = Math.sin(i / 500.0) + r.nextGaussian() * 0.1;
        }
        return new ChartSpec.Series("s", x, y);
    }

    @Test
    void smallSeriesIsReturnedUnchanged() {
        ChartSpec.Series s = noisy(4000, 1);
        assertThat(Downsampler.downsample(s, 2000)).isSameAs(s);
    }

    @Test
    void pointCountIsAtMostTwiceTheBuckets() {
        for (int n : new int[] {4001, 10_000, 123_457, 1_000_000}) {
            ChartSpec.Series d = Downsampler.downsample(noisy(n, n), 2000);
            assertThat(d.size()).as("n=%d", n).isLessThanOrEqualTo(4000).isGreaterThan(2000);
            assertThat(d.x()).hasSize(d.size());
        }
    }

    @Test
    void globalAndLocalExtremesArePreserved() {
        ChartSpec.Series s = noisy(200_000, 7);
        s.y()[12_345] = 100.0;   // spikes in the middle of some bucket
        s.y()[150_001] = -100.0;
        s.y()[150_002] = 99.0;   // next to another extreme, in the same bucket
        ChartSpec.Series d = Downsampler.downsample(s, 100);
        assertThat(d.y()).contains(100.0, -100.0);
        assertThat(d.x()).contains(s.x()[12_345], s.x()[150_001]);
    }

    @Test
    void firstAndLastPointsAreKept() {
        ChartSpec.Series s = noisy(50_000, 3);
        ChartSpec.Series d = Downsampler.downsample(s, 10);
        assertThat(d.x()[0]).isEqualTo(s.x()[0]);
        assertThat(d.y()[0]).isEqualTo(s.y()[0]);
        assertThat(d.x()[d.size() - 1]).isEqualTo(s.x()[s.size() - 1]);
        assertThat(d.y()[d.size() - 1]).isEqualTo(s.y()[s.size() - 1]);
    }

    @Test
    void everyBucketsMinimumAndMaximumAreKept() {
        ChartSpec.Series s = noisy(10_001, 5);
        int buckets = 50;
        int[] keep = Downsampler.indices(s.y(), buckets);
        int interior = s.size() - 2;
        for (int b = 0; b < buckets - 1; b++) {
            int from = 1 + interior * b / (buckets - 1);
            int to = 1 + interior * (b + 1) / (buckets - 1);
            int min = from;
            int max = from;
            for (int i = from; i < to; i++) {
                if (s.y()[i] < s.y()[min]) min = i;
                if (s.y()[i] > s.y()[max]) max = i;
            }
            assertThat(keep).as("bucket %d", b).contains(min, max);
        }
    }

    @Test
    void pointsKeepTheirOrderWhenXStepsBack() {
        int n = 20_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 1000 == 999 ? i - 5.5 : i; // timestamps that occasionally go back
            y[i] = (i * 7919) % 1013;
        }
        int[] keep = Downsampler.indices(y, 300);
        for (int i = 1; i < keep.length; i++) assertThat(keep[i]).isGreaterThan(keep[i - 1]);
        ChartSpec.Series d = Downsampler.downsample(new ChartSpec.Series("s", x, y), 300);
        for (int i = 0; i < keep.length; i++) {
            assertThat(d.x()[i]).isEqualTo(x[keep[i]]);
            assertThat(d.y()[i]).isEqualTo(y[keep[i]]);
        }
    }

    @Test
    void errorsAreSelectedWithTheirPoints() {
        ChartSpec.Series s = noisy(9_000, 11);
        double[] err = new double[s.size()];
        for (int i = 0; i < err.length; i++) err[i] = i;
        ChartSpec.Series d = Downsampler.downsample(new ChartSpec.Series("s", s.x(), s.y(), err), 100);
        for (int i = 0; i < d.size(); i++) assertThat(s.x()[(int) d.yError()[i]]).isEqualTo(d.x()[i]);
    }

    @Test
    void nanNeverWinsButAllNanRunKeepsAGap() {
        int n = 1_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i >= 400 && i < 600 ? Double.NaN : 1.0 + (i % 3);
        }
        int[] keep = Downsampler.indices(y, 10);
        long nans = java.util.Arrays.stream(keep).filter(i -> Double.isNaN(y[i])).count();
        assertThat(nans).isBetween(1L, 2L); // runs entirely inside the NaN stretch keep one point each
        assertThat(keep.length).isLessThanOrEqualTo(20);
    }

    @Test
    void fewerThanTwoBucketsIsRejected() {
        assertThatThrownBy(() -> Downsampler.indices(new double[10], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thinToGridKeepsTheFirstPointOfEachCellAndTheExtremesInOrder() {
        double[] x = {0.0, 0.1, 0.2, 5.0, 5.1, 9.9, 10.0, 3.0};
        double[] y = {1.0, 1.1, 0.9, 5.0, 5.05, 1.0, 1.0, Double.NaN};
        ChartSpec.Series s = new ChartSpec.Series("s", x, y);
        // 10 x 10 grid over [0, 10] x [0, 10]: cells one unit wide.
        ChartSpec.Series d = Downsampler.thinToGrid(s, 0, 10, 0, 10, 10, 10);
        // 0.1 shares cell (0,1) with 0.0 and goes; 0.2 is the minimum and stays; 5.1 is the maximum and stays;
        // 10.0 is the last finite point; the NaN is left out.
        assertThat(d.x()).containsExactly(0.0, 0.2, 5.0, 5.1, 9.9, 10.0);
        assertThat(d.y()).containsExactly(1.0, 0.9, 5.0, 5.05, 1.0, 1.0);
    }

    @Test
    void thinToGridReturnsTheSeriesItselfWhenEveryPointHasItsCell() {
        ChartSpec.Series s = new ChartSpec.Series("s", new double[] {0, 5, 10}, new double[] {0, 5, 10});
        assertThat(Downsampler.thinToGrid(s, 0, 10, 0, 10, 4, 4)).isSameAs(s);
    }
}
