package org.mpcap.reports.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

class HumanFormatTest {
    static DataTable runs() {
        DataTable t = new DataTable("runs", "Runs", List.of(Column.integer("run", "", ""),
                Column.decimal("rate_kBps", 3, "kB/s", ""), Column.decimal("duration_s", 6, "s", ""),
                Column.decimal("interval_s", 6, "s", ""), Column.decimal("share", 2, "%", "")));
        t.add(1L, 2406.973, 0.435641, 0.000392, 47.31);
        t.add(2L, 1525.117, 0.687538, 0.000676, 100.0);
        t.add(3L, 2224.883, 0.471295, 0.000581, 25.59);
        return t;
    }

    static DataTable aggregate() {
        DataTable t = new DataTable("aggregate", "Aggregate", List.of(Column.text("group", ""),
                Column.text("metric", ""), Column.integer("n", "", ""), Column.decimal("mean", -1, "", ""),
                Column.decimal("std_sample", -1, "", ""), Column.decimal("ci95_low", -1, "", "")));
        t.add("default", "rate_kBps", 5L, 2088.377, 345.1234567, 1659.8);
        t.add("default", "interval_flow1_flow2_s", 5L, 0.00049396800000000074, 0.00011234, 0.000354);
        return t;
    }

    @Test
    void decimalsGiveFourSignificantDigitsAtTheColumnsScaleButNoMoreThanTheAnalyzersResolution() {
        HumanFormat f = HumanFormat.of(runs());
        assertThat(f.text(0, 1)).isEqualTo("2407");
        assertThat(f.text(0, 2)).isEqualTo("0.4356");
        assertThat(f.text(0, 3)).isEqualTo("0.000392"); // 4 digits would need 7 decimals; the column has 6
        assertThat(f.text(1, 4)).isEqualTo("100.00");
        assertThat(f.text(0, 4)).isEqualTo("47.31");
    }

    @Test
    void countsPrintAsIntegersEvenInADecimalColumn() {
        DataTable t = new DataTable("s", "S", List.of(Column.text("statistic", ""), Column.decimal("x", 3, "", "")));
        t.add("n (runs with a value)", 5.0);
        t.add("mean", 2.5);
        HumanFormat f = HumanFormat.of(t);
        assertThat(f.text(0, 1)).isEqualTo("5");
        assertThat(f.cell(t.rows().get(0), 1).excelFormat()).isEqualTo("0");
        assertThat(f.text(1, 1)).isEqualTo("2.500");
        assertThat(HumanFormat.of(runs()).text(0, 0)).isEqualTo("1");
    }

    @Test
    void aStatisticsColumnWhoseValuesAreAllWholePrintsAsIntegers() {
        // compare's side-by-side summary: subflows alike in every run gave "mean 3.000, σ 0.000"
        DataTable t = new DataTable("s", "S", List.of(Column.text("statistic", ""),
                Column.decimal("default: subflows up", -1, "", ""), Column.decimal("default: mean RTT", -1, "ms", "")));
        t.add("n (runs with a value)", 5.0, 5.0);
        t.add("mean", 3.0, 2.45);
        t.add("σ (sample, n−1)", 0.0, 1.281);
        t.add("max", 3.0, 4.49);
        HumanFormat f = HumanFormat.of(t);
        assertThat(List.of(f.text(1, 1), f.text(2, 1), f.text(3, 1))).containsExactly("3", "0", "3");
        assertThat(f.cell(t.rows().get(1), 1).excelFormat()).isEqualTo("0");
        assertThat(List.of(f.text(1, 2), f.text(2, 2))).containsExactly("2.450", "1.281");
    }

    @Test
    void longTablesTakeTheDecimalsOfEachRowsMetric() {
        HumanFormat f = HumanFormat.of(aggregate());
        assertThat(f.text(0, 2)).isEqualTo("5");
        assertThat(f.text(0, 3)).isEqualTo("2088");
        assertThat(f.text(0, 4)).isEqualTo("345");
        assertThat(f.text(0, 5)).isEqualTo("1660");
        assertThat(f.text(1, 3)).isEqualTo("0.0004940");
        assertThat(f.text(1, 4)).isEqualTo("0.0001123");
        assertThat(f.cell(aggregate().rows().get(1), 3).excelFormat()).isEqualTo("0.0000000");
    }

    @Test
    void aMetricWhoseValuesAreAllWholePrintsAsIntegers() {
        DataTable t = aggregate();
        t.add("default", "subflows_established", 5L, 3.0, 0.0, 3.0);
        t.add("fullmesh", "subflows_established", 5L, 9.0, 0.0, 9.0);
        HumanFormat f = HumanFormat.of(t);
        assertThat(f.text(2, 3)).isEqualTo("3");
        assertThat(f.text(2, 4)).isEqualTo("0");
        assertThat(f.text(1, 3)).isEqualTo("0.0004940"); // other metrics keep their decimals
    }

    @Test
    void pValuesHaveTwoSignificantDigitsAndAFloor() {
        assertThat(HumanFormat.pValue(0.0012345).text()).isEqualTo("0.0012");
        assertThat(HumanFormat.pValue(0.5234).text()).isEqualTo("0.52");
        assertThat(HumanFormat.pValue(0.04999).text()).isEqualTo("0.050");
        assertThat(HumanFormat.pValue(3e-9).text()).isEqualTo("< 1e-6");
        assertThat(HumanFormat.pValue(3e-9).excelFormat()).isEqualTo("\"< 1e-6\"");
        DataTable t = new DataTable("c", "C", List.of(Column.decimal("welch_p", -1, "", ""),
                Column.decimal("Mann-Whitney p", -1, "", "")));
        t.add(0.0012345, 1e-7);
        assertThat(HumanFormat.of(t).text(0, 0)).isEqualTo("0.0012");
        assertThat(HumanFormat.of(t).text(0, 1)).isEqualTo("< 1e-6");
    }

    @Test
    void emptyAndNanCellsAreEmpty() {
        DataTable t = new DataTable("e", "E", List.of(Column.decimal("x", -1, "", "")));
        t.add((Object) null);
        t.add(Double.NaN);
        assertThat(HumanFormat.of(t).text(0, 0)).isEmpty();
        assertThat(HumanFormat.of(t).text(1, 0)).isEmpty();
    }

    @Test
    void csvKeepsFullPrecisionWhileDocumentsRound() {
        DataTable a = aggregate();
        assertThat(TableWriter.toString(a, TableFormat.CSV)).contains("0.0004939680000000008");
        assertThat(TableWriter.toString(a, TableFormat.MARKDOWN)).contains(" 0.0004940 ")
                .doesNotContain("0.0004939680000000008");
        assertThat(TableWriter.toString(a, TableFormat.LATEX)).contains(" 0.0004940 ");
    }
}
