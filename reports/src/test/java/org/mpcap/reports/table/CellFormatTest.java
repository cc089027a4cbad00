package org.mpcap.reports.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.table.DataTable.Column;

class CellFormatTest {
    private static final Column INT = Column.integer("n", "", "");
    private static final Column DEC3 = Column.decimal("d", 3, "", "");
    private static final Column DEC2 = Column.decimal("d", 2, "", "");
    private static final Column SHORTEST = Column.decimal("d", -1, "", "");
    private static final Column SECS = Column.seconds("t", "");
    private static final Column BOOL = Column.bool("b", "");
    private static final Column TEXT = Column.text("s", "");

    @Test
    void integersArePlain() {
        assertThat(CellFormat.format(INT, 1234567890123L)).isEqualTo("1234567890123");
        assertThat(CellFormat.format(INT, -5L)).isEqualTo("-5");
    }

    @Test
    void decimalsRoundLikePrintf() {
        // The values C's printf("%.2f") gives (tshark prints its statistics that way).
        assertThat(CellFormat.format(DEC3, 1.0)).isEqualTo("1.000");
        assertThat(CellFormat.format(DEC2, 0.125)).isEqualTo("0.12"); // exact binary tie: to even
        assertThat(CellFormat.format(DEC2, 0.375)).isEqualTo("0.38"); // exact binary tie: to even
        assertThat(CellFormat.format(DEC2, 2.675)).isEqualTo("2.67"); // really 2.67499999999999982236431605997495353221893310546875
        assertThat(CellFormat.format(DEC2, 1.005)).isEqualTo("1.00"); // really 1.00499999999999989341858963598497211933135986328125
        assertThat(CellFormat.format(DEC2, -0.125)).isEqualTo("-0.12");
        assertThat(CellFormat.format(DEC3, 1234567.0)).isEqualTo("1234567.000");
    }

    @Test
    void decimalRoundingToZeroHasNoSign() {
        assertThat(CellFormat.format(DEC3, -0.0001)).isEqualTo("0.000");
        assertThat(CellFormat.format(DEC3, -0.0)).isEqualTo("0.000");
        assertThat(CellFormat.format(SHORTEST, -0.0)).isEqualTo("0");
    }

    @Test
    void shortestFormNeverUsesExponent() {
        assertThat(CellFormat.format(SHORTEST, 1e-5)).isEqualTo("0.00001");
        assertThat(CellFormat.format(SHORTEST, 1.5)).isEqualTo("1.5");
        assertThat(CellFormat.format(SHORTEST, 3.0)).isEqualTo("3");
        assertThat(CellFormat.format(SHORTEST, 1e21)).isEqualTo("1000000000000000000000");
        assertThat(CellFormat.format(SHORTEST, 0.1 + 0.2)).isEqualTo("0.30000000000000004");
    }

    @Test
    void secondsHaveSixDecimals() {
        assertThat(CellFormat.format(SECS, 0.0304605)).isEqualTo("0.030461");
        assertThat(CellFormat.format(SECS, 64.072)).isEqualTo("64.072000");
    }

    @Test
    void booleansAndText() {
        assertThat(CellFormat.format(BOOL, true)).isEqualTo("true");
        assertThat(CellFormat.format(BOOL, false)).isEqualTo("false");
        assertThat(CellFormat.format(TEXT, "10.0.1.6")).isEqualTo("10.0.1.6");
    }

    @Test
    void nullNanAndInfinityAreEmpty() {
        assertThat(CellFormat.format(DEC3, null)).isEmpty();
        assertThat(CellFormat.format(DEC3, Double.NaN)).isEmpty();
        assertThat(CellFormat.format(SECS, Double.POSITIVE_INFINITY)).isEmpty();
        assertThat(CellFormat.format(SHORTEST, Double.NEGATIVE_INFINITY)).isEmpty();
        assertThat(CellFormat.format(TEXT, null)).isEmpty();
    }

    @Test
    void defaultLocaleDoesNotChangeNumbers() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(CellFormat.format(DEC3, 1234.5)).isEqualTo("1234.500");
            assertThat(CellFormat.format(SHORTEST, 0.25)).isEqualTo("0.25");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void fastDecimalFormsEqualTheBigDecimalOnes() {
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 300_000; i++) {
            double d = switch (i % 6) {
                case 0 -> r.nextDouble() * 1000;                          // times, ms
                case 1 -> Math.round(r.nextDouble() * 1e6) / 1e6;         // microsecond times
                case 2 -> (r.nextInt(2_000_001) - 1_000_000) / 8.0;       // exact binary ties
                case 3 -> (r.nextLong() >> r.nextInt(64)) * 1e-6;         // any magnitude, both signs
                case 4 -> Math.scalb(r.nextDouble(), r.nextInt(120) - 60);
                default -> (r.nextInt(200_001) - 100_000) * 0.005;        // near-ties at 2 decimals
            };
            for (int dec = -1; dec <= 9; dec++) {
                assertThat(CellFormat.decimal(d, dec)).as("%s with %d decimals", d, dec)
                        .isEqualTo(CellFormat.decimalExact(d, dec));
            }
        }
    }
}
