package org.mpcap.reports.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;
import org.mpcap.reports.chart.ChartSpec;
import org.mpcap.reports.model.ReportModel.ChartView;

public class CompareModelsTest {
    public static DataTable runs() {
        DataTable t = new DataTable("runs", "Per-run metrics", List.of(Column.text("group", ""),
                Column.integer("run", "", ""), Column.text("capture", ""),
                Column.decimal("duration_s", 6, "s", ""), Column.decimal("rate_kBps", 3, "kB/s", ""),
                Column.decimal("interval_flow1_flow2_s", 6, "s", "")));
        t.add("fullmesh", 1L, "f1", 20.3492, 515.0, 0.172115);
        t.add("fullmesh", 2L, "f2", 20.3332, 516.0, 0.171439);
        t.add("default", 1L, "d1", 68.4308, 153.0, 0.030288);
        t.add("default", 2L, "d2", 71.4054, 147.0, null);
        return t;
    }

    /** Stand-in values in the shape of the analyzer's aggregate table (the model only copies them). */
    public static DataTable aggregate() {
        DataTable t = new DataTable("aggregate", "Statistics per group", List.of(Column.text("group", ""),
                Column.text("metric", ""), Column.integer("n", "", ""), Column.decimal("mean", -1, "", ""),
                Column.decimal("std_sample", -1, "", ""), Column.decimal("ci95_low", -1, "", ""),
                Column.decimal("ci95_high", -1, "", "")));
        t.add("fullmesh", "duration_s", 2L, 1.5, 0.5, 1.0, 2.0);
        t.add("fullmesh", "rate_kBps", 2L, 2.5, 0.25, 2.25, 2.75);
        t.add("default", "duration_s", 2L, 3.5, 0.75, 3.0, 4.0);
        t.add("default", "rate_kBps", 2L, 4.5, null, null, null);
        return t;
    }

    @Test
    void table3PivotPutsScenariosSideBySidePerRun() {
        ReportModel m = CompareModels.compare(runs(), aggregate(), null, ReportOptions.DEFAULTS);
        DataTable p = m.table("runs-transfer");
        assertThat(p.columns()).extracting(Column::name).containsExactly("run", "fullmesh: rate",
                "fullmesh: time", "default: rate", "default: time");
        assertThat(p.rows().get(1)).containsExactly(2L, 516.0, 20.3332, 147.0, 71.4054);
        DataTable iv = m.table("runs-intervals");
        assertThat(iv.get(1, "default: flow1-flow2")).isNull();
    }

    @Test
    void meanBarsCopyTheAggregateWithTheConfidenceIntervalAsError() {
        ReportModel m = CompareModels.compare(runs(), aggregate(), null, ReportOptions.DEFAULTS);
        ChartSpec bar = m.charts().stream().filter(c -> c.id().equals("compare-mean-rate-kbps")).findFirst()
                .orElseThrow().spec();
        assertThat(bar.kind()).isEqualTo(ChartSpec.Kind.BAR_WITH_ERRORS);
        assertThat(bar.categories()).containsExactly("fullmesh", "default");
        assertThat(bar.series().get(0).y()).containsExactly(2.5, 4.5);
        assertThat(bar.series().get(0).yError()).containsExactly(0.25, 0.0);
        assertThat(bar.yAxisTitle()).isEqualTo("transfer rate (kB/s)");
    }

    @Test
    void boxPlotsHoldTheRunsOfEachScenarioWithoutEmptyCells() {
        ReportModel m = CompareModels.compare(runs(), aggregate(), null, ReportOptions.DEFAULTS);
        ChartSpec box = m.charts().stream().filter(c -> c.id().equals("compare-box-interval-flow1-flow2-s"))
                .findFirst().orElseThrow().spec();
        assertThat(box.boxes()).extracting(ChartSpec.Box::name).containsExactly("fullmesh", "default");
        assertThat(box.boxes().get(1).n()).isEqualTo(1);
        assertThat(box.boxes().get(1).median()).isEqualTo(0.030288);
    }

    @Test
    void boxWhiskersEndAtTheMostExtremeRunWithinTheFenceNotAtTheFence() {
        DataTable t = new DataTable("runs", "Per-run metrics", List.of(Column.text("group", ""),
                Column.integer("run", "", ""), Column.text("capture", ""), Column.decimal("rate_kBps", 3, "kB/s", "")));
        double[] rates = {515, 516, 549, 551, 463, 521, 530, 540, 300, 520};
        for (int i = 0; i < rates.length; i++) t.add("fullmesh", (long) i + 1, "f" + i, rates[i]);
        ReportModel m = CompareModels.compare(t, aggregate(), null, ReportOptions.DEFAULTS);
        ChartSpec.Box b = m.charts().stream().filter(c -> c.id().equals("compare-box-rate-kbps")).findFirst()
                .orElseThrow().spec().boxes().get(0);
        // numpy: percentile([...], [25, 50, 75]) = 515.25, 520.5, 537.5; IQR 22.25; fences 481.875, 570.875
        assertThat(b.q1()).isCloseTo(515.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.median()).isCloseTo(520.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.q3()).isCloseTo(537.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.upperWhisker()).isEqualTo(551.0); // the largest run, not the fence 570.875
        assertThat(b.lowerWhisker()).isEqualTo(515.0); // the smallest run above the fence 481.875
        assertThat(b.outliers()).containsExactly(300.0, 463.0);
    }

    @Test
    void meanRttChartsSayTheirEstimator() {
        DataTable t = new DataTable("runs", "Per-run metrics", List.of(Column.text("group", ""),
                Column.integer("run", "", ""), Column.text("capture", ""), Column.decimal("rtt_mean_ms", 6, "ms",
                        "Mean RTT (ts estimator) of all samples")));
        t.add("a", 1L, "a1", 1.5);
        t.add("b", 1L, "b1", 2.5);
        ReportModel m = CompareModels.compare(t, aggregate(), null, ReportOptions.DEFAULTS);
        ChartSpec box = m.charts().stream().filter(c -> c.id().equals("compare-box-rtt-mean-ms")).findFirst()
                .orElseThrow().spec();
        assertThat(box.yAxisTitle()).isEqualTo("mean RTT, ts estimator (ms)");
        assertThat(box.title()).contains("ts estimator");
    }

    @Test
    void missingAggregationIsSaidNotFaked() {
        ReportModel m = CompareModels.compare(runs(), null, null, ReportOptions.DEFAULTS);
        var summary = m.parts().get(0).sections().stream().filter(s -> s.id().equals("summary")).findFirst()
                .orElseThrow();
        assertThat(summary.tables()).isEmpty();
        assertThat(summary.charts()).isEmpty();
        assertThat(summary.notes()).anyMatch(n -> n.contains("no aggregate table"));
        assertThat(m.charts()).extracting(ChartView::id).isEmpty();
    }

    static DataTable comparison() {
        List<Column> cols = new java.util.ArrayList<>();
        for (Column c : org.mpcap.analyzer.stats.runs.RunAggregate.COMPARISON_COLUMNS) cols.add(c);
        DataTable t = new DataTable("comparison", "Comparison", cols);
        t.add("fullmesh", "default", "rate_kBps", 2L, 2L, 2.5, 4.5, -2.0, -3.1, 1.9, 0.00049, 0.0, 0.33, "exact",
                -3.25, -0.75);
        t.add("fullmesh", "default", "duration_s", 2L, 2L, 1.5, 3.5, -2.0, -1.1, 1.9, 3e-9, 0.0, 0.33, "exact",
                null, null);
        return t;
    }

    @Test
    void headlineComesFirstWithMeanSigmaDifferenceCiPValuesAndVerdict() {
        ReportModel m = CompareModels.compare(runs(), aggregate(), comparison(), ReportOptions.DEFAULTS);
        assertThat(m.parts().get(0).sections().get(0).id()).isEqualTo("headline");
        DataTable h = m.table("headline");
        assertThat(h.columns()).extracting(Column::name).containsExactly("metric", "fullmesh: mean ± σ",
                "default: mean ± σ", "difference fullmesh − default", "Welch p", "Mann-Whitney p", "verdict");
        // rate: decimals of the metric (3, as the runs column) for mean, σ and difference alike.
        assertThat(h.rows().get(0)).startsWith("transfer rate (kB/s)", "2.500 ± 0.250", "4.500",
                "\u22122.000 [\u22123.250, \u22120.750]");
        var human = org.mpcap.reports.table.HumanFormat.of(h);
        assertThat(human.text(0, 4)).isEqualTo("0.00049");
        assertThat(human.text(1, 4)).isEqualTo("< 1e-6");
        assertThat(h.get(0, "verdict")).isEqualTo("fullmesh lower (Welch only)");
        assertThat(h.get(1, "difference fullmesh − default")).isEqualTo("\u22122.000");
    }

    @Test
    void headlinePrintsAMetricWhoseValuesAreAllWholeAsIntegers() {
        // rate_kBps with whole means, σ, difference and interval (e.g. a count of subflows alike in every run)
        DataTable agg = aggregate().emptyCopy();
        agg.add("fullmesh", "duration_s", 2L, 1.5, 0.5, 1.0, 2.0);
        agg.add("fullmesh", "rate_kBps", 2L, 9.0, 0.0, 9.0, 9.0);
        agg.add("default", "duration_s", 2L, 3.5, 0.75, 3.0, 4.0);
        agg.add("default", "rate_kBps", 2L, 3.0, 0.0, 3.0, 3.0);
        DataTable cmp = comparison().emptyCopy();
        cmp.add("fullmesh", "default", "rate_kBps", 2L, 2L, 9.0, 3.0, 6.0, null, null, null, 4.0, 0.33, "exact",
                6.0, 6.0);
        cmp.add("fullmesh", "default", "duration_s", 2L, 2L, 1.5, 3.5, -2.0, -1.1, 1.9, 3e-9, 0.0, 0.33, "exact",
                null, null);
        DataTable h = CompareModels.compare(runs(), agg, cmp, ReportOptions.DEFAULTS).table("headline");

        assertThat(h.rows().get(0)).startsWith("transfer rate (kB/s)", "9 ± 0", "3 ± 0", "6 [6, 6]");
        assertThat(h.get(1, "difference fullmesh − default")).isEqualTo("\u22122.000"); // 1.5 and 3.5: decimals kept
    }

    @Test
    void verdictSaysWhichTestsFindTheDifference() {
        assertThat(CompareModels.verdict("a", "b", 1.0, 0.001, 0.01)).isEqualTo("a higher");
        assertThat(CompareModels.verdict("a", "b", -1.0, 0.2, 0.01)).isEqualTo("a lower (Mann-Whitney only)");
        assertThat(CompareModels.verdict("a", "b", 1.0, 0.2, 0.3)).isEqualTo("no significant difference");
    }

    @Test
    void aliasesNameInterfacesInThePivotColumns() {
        DataTable runs = new DataTable("runs", "Per-run metrics", List.of(Column.text("group", ""),
                Column.integer("run", "", ""), Column.text("capture", ""),
                Column.decimal("packet_share_10.0.2.6", 2, "%", "")));
        runs.add("a", 1L, "a1", 50.0);
        runs.add("b", 1L, "b1", 40.0);
        ReportOptions o = new ReportOptions(List.of("ack"), 200, 3, java.util.Map.of("10.0.2.6", "wifi"));
        ReportModel m = CompareModels.compare(runs, null, null, o);
        assertThat(m.table("runs-shares").columns()).extracting(Column::name).contains("a: packets wifi (10.0.2.6)");
    }

    @Test
    void runsTableLinksEachCaptureToItsOwnReportPart() {
        ReportModel cmp = CompareModels.compare(runs(), aggregate(), null, ReportOptions.DEFAULTS);
        ReportModel perRun = new ReportModel("r", "", List.of(new ReportModel.Part("overview", "All", List.of(),
                List.of(), List.of()), new ReportModel.Part("run-f1", "f1", List.of(), List.of(), List.of()),
                new ReportModel.Part("run-d2", "d2", List.of(), List.of(), List.of())), List.of());
        ReportModel m = CompareModels.withRuns(cmp, perRun);
        assertThat(m.parts()).extracting(ReportModel.Part::id).containsExactly("compare", "run-f1", "run-d2");
        ReportModel.TableView runsView = m.parts().get(0).sections().stream().flatMap(s -> s.tables().stream())
                .filter(v -> v.fullName().equals("runs")).findFirst().orElseThrow();
        assertThat(runsView.linkColumn()).isEqualTo("capture");
        assertThat(runsView.rowLinks()).containsExactly("run-f1", null, null, "run-d2");
    }

    @Test
    void spreadsheetChartsDrawMeansWithTheirConfidenceIntervalAndTheRunsPerScenario() {
        ReportModel m = CompareModels.compare(runs(), aggregate(), null, ReportOptions.DEFAULTS);
        DataTable means = m.table("means");
        assertThat(means.rows().get(0)).containsExactly("rate_kBps", "transfer rate (kB/s)", "fullmesh", 2.5, 0.25);
        assertThat(means.get(1, "ci95_half_width")).isNull(); // default rate: no interval in the aggregate
        ReportModel.TableChart meanChart = m.tableCharts().stream().filter(c -> c.table().equals("means")
                && c.where().get("metric").equals("rate_kBps")).findFirst().orElseThrow();
        assertThat(meanChart.errorColumn()).isEqualTo("ci95_half_width");
        assertThat(meanChart.xColumn()).isEqualTo("scenario");
        ReportModel.TableChart perRun = m.tableCharts().stream().filter(c -> c.table().equals("runs-transfer")
                && c.yColumn().equals("fullmesh: rate")).findFirst().orElseThrow();
        assertThat(perRun.yColumns()).containsExactly("fullmesh: rate", "default: rate");
        assertThat(perRun.xColumn()).isEqualTo("run");
    }
}
