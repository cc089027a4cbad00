package org.mpcap.analyzer.stats.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoxPlotTest {
    @Test
    void whiskersEndAtTheMostExtremeObservationInsideTheFences() {
        // R: quantile(c(1,2,3,4,5,6,7,8,9,30), type=7) -> q1 3.25, median 5.5, q3 7.75; IQR 4.5, fences -3.5, 14.5
        BoxPlot b = BoxPlot.of(new double[] {30, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThat(b.q1()).isEqualTo(3.25);
        assertThat(b.median()).isEqualTo(5.5);
        assertThat(b.q3()).isEqualTo(7.75);
        assertThat(b.upperWhisker()).isEqualTo(9.0); // not the fence 14.5, where no run lies
        assertThat(b.lowerWhisker()).isEqualTo(1.0); // not the fence -3.5
        assertThat(b.outliers()).containsExactly(30.0);
        assertThat(b.n()).isEqualTo(10);
    }

    @Test
    void withoutOutliersWhiskersAreMinimumAndMaximum() {
        BoxPlot b = BoxPlot.of(new double[] {20.1, 19.1, 21.0, 20.3, 19.0}); // q1 19.1, q3 20.3, fences 17.3, 22.1
        assertThat(b.lowerWhisker()).isEqualTo(19.0);
        assertThat(b.upperWhisker()).isEqualTo(21.0);
        assertThat(b.outliers()).isEmpty();
    }

    @Test
    void outliersOnBothSidesAreSortedAndNonFiniteValuesIgnored() {
        BoxPlot b = BoxPlot.of(new double[] {-50, 10, 11, 12, 13, 14, Double.NaN, 100, Double.POSITIVE_INFINITY});
        assertThat(b.n()).isEqualTo(7);
        assertThat(b.outliers()).containsExactly(-50.0, 100.0);
        assertThat(b.lowerWhisker()).isEqualTo(10.0);
        assertThat(b.upperWhisker()).isEqualTo(14.0);
    }

    @Test
    void oneValueIsItsOwnBox() {
        BoxPlot b = BoxPlot.of(new double[] {7});
        assertThat(b.q1()).isEqualTo(7.0);
        assertThat(b.q3()).isEqualTo(7.0);
        assertThat(b.lowerWhisker()).isEqualTo(7.0);
        assertThat(b.upperWhisker()).isEqualTo(7.0);
    }

    @Test
    void emptySampleIsRejected() {
        assertThatThrownBy(() -> BoxPlot.of(new double[] {Double.NaN})).isInstanceOf(IllegalArgumentException.class);
    }
}
