package org.mpcap.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AxisTest {
    @Test
    void linearTicksAreWholeMultiplesOfOneTwoOrFiveTimesAPowerOfTen() {
        Axis a = Axis.linear(0.0081, 0.519, 7, true, 1, "MB");
        assertThat(a.ticks()).containsExactly(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
        assertThat(a.labels()).containsExactly("0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6");
        assertThat(a.lo()).isEqualTo(0.0);
        assertThat(a.hi()).isEqualTo(0.6);
    }

    @Test
    void stepGrowsToTwoAndFiveWhenTicksWouldBeTooMany() {
        assertThat(Axis.linear(0, 70, 5, true, 1, "ms").ticks()).containsExactly(0.0, 20, 40, 60, 80);
        assertThat(Axis.linear(0, 0.435, 10, false, 1, "s").ticks())
                .containsExactly(0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45);
        assertThat(Axis.linear(0, 0.435, 10, false, 1, "s").labels().get(3)).isEqualTo("0.15");
        assertThat(Axis.linear(13, 97, 4, false, 1, "").ticks()).containsExactly(0.0, 50, 100);
    }

    @Test
    void niceStepRoundsUpToOneTwoFive() {
        assertThat(Axis.niceStep(0.013)).isEqualTo(0.02);
        assertThat(Axis.niceStep(3.2)).isEqualTo(5.0);
        assertThat(Axis.niceStep(7)).isEqualTo(10.0);
        assertThat(Axis.niceStep(1000)).isEqualTo(1000.0);
        assertThat(Axis.niceStep(0.2)).isEqualTo(0.2);
    }

    @Test
    void ticksHideBinaryRounding() {
        Axis a = Axis.linear(0.1, 0.7, 7, false, 1, "");
        assertThat(a.ticks()).contains(0.3, 0.7);
        assertThat(a.labels()).doesNotContain("0.30000000000000004");
    }

    @Test
    void aSingleValueStillGetsARange() {
        Axis a = Axis.linear(5, 5, 6, false, 1, "");
        assertThat(a.lo()).isLessThan(5);
        assertThat(a.hi()).isGreaterThan(5);
        Axis z = Axis.linear(0, 0, 6, true, 1, "");
        assertThat(z.hi()).isEqualTo(1.0);
    }

    @Test
    void bytePrefixFollowsTheRangeOfTheData() {
        assertThat(Axis.prefix("B", 300)).containsExactly(1.0, "B");
        assertThat(Axis.prefix("B", 999)).containsExactly(1.0, "B");
        assertThat(Axis.prefix("B", 1000)).containsExactly(1e-3, "kB");
        assertThat(Axis.prefix("B", 2_500_000)).containsExactly(1e-6, "MB");
        assertThat(Axis.prefix("B", 14.3e9)).containsExactly(1e-9, "GB");
        assertThat(Axis.prefix("bit/s", 96e6)).containsExactly(1e-6, "Mbit/s");
        assertThat(Axis.prefix("ms", 96e6)).containsExactly(1.0, "ms");
        assertThat(Axis.prefix("B", 0)).containsExactly(1.0, "B");
    }

    @Test
    void logAxisHasDecadesAndOneTwoFiveWithinFewDecades() {
        Axis wide = Axis.logarithmic(0.013, 140, 1, "ms");
        assertThat(wide.ticks()).containsExactly(0.01, 0.1, 1, 10, 100, 1000);
        assertThat(wide.labels()).containsExactly("0.01", "0.1", "1", "10", "100", "1000");
        Axis narrow = Axis.logarithmic(3, 70, 1, "ms");
        assertThat(narrow.ticks()).containsExactly(2, 5, 10, 20, 50, 100);
        assertThat(narrow.fraction(10)).isBetween(0.0, 1.0);
        assertThat(wide.fraction(1)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
    }
}
