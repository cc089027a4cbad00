package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.stats.EstablishmentIntervals.Interval;

class EstablishmentIntervalsTest {
    @Test
    void oneSubflowHasNoInterval() {
        assertThat(EstablishmentIntervals.of(new long[] {5})).isEmpty();
    }

    @Test
    void twoSubflowsHaveOneInterval() {
        assertThat(EstablishmentIntervals.of(new long[] {100, 172_215})).containsExactly(
                new Interval(0, 1, 172_115, "flow1-flow2"));
    }

    @Test
    void threeSubflowsGiveTheReportsThreeColumns() {
        List<Interval> iv = EstablishmentIntervals.of(new long[] {0, 172_115_000, 202_439_000});
        assertThat(iv).containsExactly(
                new Interval(0, 1, 172_115_000, "flow1-flow2"),
                new Interval(1, 2, 30_324_000, "flow2-flow3"),
                new Interval(0, 2, 202_439_000, "flow1-flow3"));
    }

    @Test
    void subflowWithoutCapturedSynIsSkipped() {
        List<Interval> iv = EstablishmentIntervals.of(new long[] {0, -1, 300});
        assertThat(iv).containsExactly(new Interval(0, 2, 300, "flow1-flow3"));
    }
}
