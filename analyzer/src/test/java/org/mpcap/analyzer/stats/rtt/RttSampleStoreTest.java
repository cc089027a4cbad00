package org.mpcap.analyzer.stats.rtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RttSampleStoreTest {
    static final long MS = 1_000_000L;

    @Test
    void keepsEverySampleUpToTheCap() {
        RttSampleStore st = new RttSampleStore(100);
        for (int i = 0; i < 100; i++) st.add(i % 3, i * MS, i, 1000 + i, i + 1);
        assertThat(st.size()).isEqualTo(100);
        assertThat(st.bucketNanos()).isZero();
        assertThat(st.rtt(42)).isEqualTo(1042);
        assertThat(st.frame(42)).isEqualTo(43);
    }

    @Test
    void beyondTheCapKeepsMinAndMaxPerSeriesAndBucket() {
        int cap = 1000;
        RttSampleStore st = new RttSampleStore(cap);
        Random rnd = new Random(3);
        int n = 100_000;
        long[][] minMax = {{Long.MAX_VALUE, Long.MIN_VALUE}, {Long.MAX_VALUE, Long.MIN_VALUE}};
        for (int i = 0; i < n; i++) {
            int s = i % 2;
            long rtt = 1 + rnd.nextInt(1_000_000);
            minMax[s][0] = Math.min(minMax[s][0], rtt);
            minMax[s][1] = Math.max(minMax[s][1], rtt);
            st.add(s, i * 100_000L, i, rtt, i + 1); // 0.1 ms apart: 10 s in all
        }
        assertThat(st.added()).isEqualTo(n);
        assertThat(st.size()).isLessThanOrEqualTo(cap);
        assertThat(st.bucketNanos()).isGreaterThan(0);
        long b = st.bucketNanos();
        // at most two points per series and bucket, and each series' extremes survive
        java.util.Map<String, Integer> perBucket = new java.util.HashMap<>();
        long[][] kept = {{Long.MAX_VALUE, Long.MIN_VALUE}, {Long.MAX_VALUE, Long.MIN_VALUE}};
        for (int i = 0; i < st.size(); i++) {
            perBucket.merge(st.series(i) + "/" + Math.floorDiv(st.time(i), b), 1, Integer::sum);
            int s = st.series(i);
            kept[s][0] = Math.min(kept[s][0], st.rtt(i));
            kept[s][1] = Math.max(kept[s][1], st.rtt(i));
        }
        assertThat(perBucket.values()).allMatch(c -> c <= 2);
        assertThat(kept).isDeepEqualTo(minMax);
        // the whole time range is still covered: about 10 s / b buckets per series
        assertThat(perBucket.size()).isGreaterThanOrEqualTo((int) (2 * (n * 100_000L / b)) - 2);
    }

    @Test
    void keptPointIsAnActualSample() {
        RttSampleStore st = new RttSampleStore(4);
        for (int i = 0; i < 20; i++) st.add(0, i * 10L, 1000 + i, i == 7 ? 999 : 5, 100 + i);
        boolean found = false;
        for (int i = 0; i < st.size(); i++) {
            if (st.rtt(i) == 999) {
                assertThat(st.seq(i)).isEqualTo(1007);
                assertThat(st.frame(i)).isEqualTo(107);
                assertThat(st.time(i)).isEqualTo(70);
                found = true;
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void moreSeriesThanTheCapCanHoldGrowTheCapInsteadOfWideningForEver() {
        RttSampleStore st = new RttSampleStore(8);
        for (int i = 0; i < 1000; i++) st.add(i % 50, i * MS, i, 1000 + i % 7, i + 1);
        // 50 series in a 1-second capture: at most min and max of each once the buckets span the capture.
        assertThat(st.size()).isBetween(50, 200);
        assertThat(st.added()).isEqualTo(1000);
    }
}
