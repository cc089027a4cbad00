package org.mpcap.reports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mpcap.reports.model.Fixtures.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.reports.chart.ChartSpec;
import org.mpcap.reports.model.ReportModel.ChartView;
import org.mpcap.reports.model.ReportModel.Part;
import org.mpcap.reports.model.ReportModel.Section;

class ReportModelsTest {
    private static CaptureAnalysis full(String path) {
        String name = java.nio.file.Path.of(path).getFileName().toString();
        return analysis(path, 0,
                connections(name, connection(name, 0, "established", 5_000_000L), connection(name, 1, "fallback", 10)),
                subflows(name, subflow(name, 0, 0, "10.0.1.6", "n/a"), subflow(name, 0, 1, "10.0.2.6", "valid"),
                        subflow(name, 0, 2, "10.0.3.6", "invalid")),
                rtt(name), cumulative(name));
    }

    private static Section section(Part p, String id) {
        return p.sections().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private static ChartView chart(ReportModel m, String id) {
        return m.charts().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void rttChartsHaveOneSeriesPerSubflowNamedByAddressForTheChosenEstimatorAndDataDirection() {
        ReportModel m = ReportModels.report(List.of(full("/x/run-01.pcap")), ReportOptions.DEFAULTS);
        ChartView time = chart(m, "run-01-rtt-time-ack-c0");
        assertThat(time.spec().kind()).isEqualTo(ChartSpec.Kind.SCATTER);
        assertThat(time.spec().yAxisTitle()).isEqualTo("RTT, ack estimator (ms)");
        assertThat(time.spec().title()).contains("ack estimator");
        assertThat(time.caption()).contains("ack estimator");
        assertThat(time.spec().layout().panels()).isTrue();
        assertThat(time.spec().series()).extracting(ChartSpec.Series::name).containsExactly(
                "flow1 10.0.1.6 → 10.0.4.7", "flow2 10.0.2.6 → 10.0.4.7", "flow3 10.0.3.6 → 10.0.4.7");
        assertThat(time.spec().series().get(1).y()).containsExactly(20, 21, 22, 23, 24);
        ChartView seq = chart(m, "run-01-rtt-seq-ack-c0");
        assertThat(seq.spec().xAxisTitle()).isEqualTo("relative sequence number (B)"); // prefix chosen when drawn
        assertThat(seq.spec().series().get(0).x()).containsExactly(0, 1e6, 2e6, 3e6, 4e6);
    }

    @Test
    void modelTextsAreProseWithoutMarkdownCodeSpans() {
        // The same texts reach HTML and LaTeX, where `intervals` would print its backticks.
        ReportModel m = ReportModels.report(List.of(full("/x/run-01.pcap")), ReportOptions.DEFAULTS);
        List<String> texts = new java.util.ArrayList<>();
        for (Part p : m.parts()) {
            texts.addAll(p.warnings());
            for (Section s : p.sections()) {
                texts.add(s.intro());
                texts.addAll(s.notes());
                for (ChartView c : s.charts()) texts.add(c.caption());
            }
        }
        assertThat(texts).isNotEmpty().noneMatch(t -> t.contains("`"));
    }

    @Test
    void subflowTimelineHasSynEstablishedAndEndPerSubflowAndNoEventsScatter() {
        ReportModel m = ReportModels.report(List.of(full("/x/run-01.pcap")), ReportOptions.DEFAULTS);
        ChartSpec t = chart(m, "run-01-subflow-timeline-c0").spec();
        assertThat(t.kind()).isEqualTo(ChartSpec.Kind.TIMELINE);
        assertThat(t.series()).extracting(ChartSpec.Series::name).containsExactly(
                "flow1 10.0.1.6 → 10.0.4.7", "flow2 10.0.2.6 → 10.0.4.7", "flow3 10.0.3.6 → 10.0.4.7");
        assertThat(t.series().get(1).x()).containsExactly(0.1, 0.11, 3.0);
        assertThat(m.charts()).extracting(ChartView::id).doesNotContain("run-01-events-c0");
    }

    @Test
    void rttCdfHasOneStepSeriesPerSubflowEndingAtOne() {
        ReportModel m = ReportModels.report(List.of(full("/x/run-01.pcap")), ReportOptions.DEFAULTS);
        ChartView cdf = chart(m, "run-01-rtt-cdf-ack-c0");
        assertThat(cdf.spec().kind()).isEqualTo(ChartSpec.Kind.STEP);
        assertThat(cdf.spec().xAxisTitle()).isEqualTo("RTT, ack estimator (ms)");
        assertThat(cdf.caption()).contains("ack estimator");
        ChartSpec.Series flow2 = cdf.spec().series().get(1);
        assertThat(flow2.x()).containsExactly(20, 21, 22, 23, 24);
        assertThat(flow2.y()).containsExactly(0.2, 0.4, 0.6, 0.8, 1.0);
    }

    @Test
    void rttAxisIsLogarithmicWhenAskedOrWhenAFewSamplesWouldSquashTheRest() {
        ReportModel plain = ReportModels.report(List.of(full("/x/run-01.pcap")), ReportOptions.DEFAULTS);
        assertThat(chart(plain, "run-01-rtt-time-ack-c0").spec().layout().logY()).isFalse(); // max/median < 20
        ReportModel log = ReportModels.report(List.of(full("/x/run-01.pcap")), ReportOptions.DEFAULTS
                .withRttAxis("log"));
        assertThat(chart(log, "run-01-rtt-time-ack-c0").spec().layout().logY()).isTrue();
        assertThat(chart(log, "run-01-rtt-cdf-ack-c0").spec().layout().logX()).isTrue();
        assertThat(chart(log, "run-01-rtt-time-ack-c0").caption()).contains("logarithmic");

        org.mpcap.analyzer.table.DataTable spiky = rtt("run-01.pcap");
        spiky.add("run-01.pcap", 0L, 0L, 0L, "c2s", "ack", 9.0, 9_000_000L, 5000.0, 99L);
        CaptureAnalysis a = analysis("/x/run-01.pcap", 0, connections("run-01.pcap",
                connection("run-01.pcap", 0, "established", 5_000_000L)), spiky);
        ReportModel auto = ReportModels.report(List.of(a), ReportOptions.DEFAULTS);
        assertThat(chart(auto, "run-01-rtt-time-ack-c0").spec().layout().logY()).isTrue();
        ReportModel linear = ReportModels.report(List.of(a), ReportOptions.DEFAULTS.withRttAxis("linear"));
        assertThat(chart(linear, "run-01-rtt-time-ack-c0").spec().layout().logY()).isFalse();
    }

    @Test
    void aThinnedRttTableIsNotedInTheRttSectionAndAFullOneIsNot() {
        ReportModel plain = ReportModels.report(List.of(full("/x/run-01.pcap")), ReportOptions.DEFAULTS);
        assertThat(section(plain.parts().get(0), "rtt").notes()).noneMatch(n -> n.contains("kept"));

        org.mpcap.analyzer.table.DataTable full = rtt("run-01.pcap");
        org.mpcap.analyzer.table.DataTable thinned = new org.mpcap.analyzer.table.DataTable("rtt",
                "RTT samples (45 of 9000 kept: min and max per series and 8.192 ms bucket)", full.columns());
        thinned.addAll(full);
        CaptureAnalysis a = analysis("/x/run-01.pcap", 0, connections("run-01.pcap",
                connection("run-01.pcap", 0, "established", 5_000_000L)), thinned);
        ReportModel m = ReportModels.report(List.of(a), ReportOptions.DEFAULTS);
        assertThat(section(m.parts().get(0), "rtt").notes()).anyMatch(n -> n.contains("45 of 9000 kept")
                && n.contains("csv/rtt.csv"));
    }

    @Test
    void estimatorOptionSelectsTheChartedSamples() {
        ReportModel m = ReportModels.report(List.of(full("/x/run-01.pcap")),
                new ReportOptions(List.of("ts"), 200, 3));
        assertThat(m.charts()).extracting(ChartView::id).doesNotContain("run-01-rtt-time-ack-c0");
        assertThat(chart(m, "run-01-rtt-time-ts-c0").spec().series().get(0).y()).containsOnly(99.0);
    }

    @Test
    void cumulativeChartHasOneSeriesPerClientInterfaceInBytesScaledWhenDrawn() {
        ReportModel m = ReportModels.report(List.of(full("/x/run-01.pcap")), ReportOptions.DEFAULTS);
        ChartSpec c = chart(m, "run-01-cumulative-c0").spec();
        assertThat(c.series()).extracting(ChartSpec.Series::name).containsExactly("10.0.1.6", "10.0.2.6");
        assertThat(c.series().get(0).y()).containsExactly(1e6, 3e6);
        assertThat(c.yUnit()).isEqualTo("B"); // the renderer picks B, kB, MB or GB by the data's range
        assertThat(c.xAxisTitle()).isEqualTo("time since first packet (s)");
    }

    @Test
    void absentTablesLeaveANoteAndNoData() {
        ReportModel m = ReportModels.report(List.of(full("/x/run-01.pcap")), ReportOptions.DEFAULTS);
        Section addresses = section(m.parts().get(0), "addresses");
        assertThat(addresses.tables()).isEmpty();
        assertThat(addresses.charts()).isEmpty();
        assertThat(addresses.notes()).anyMatch(n -> n.contains("no addresses table"));
        assertThat(m.table("addresses")).isNull();
    }

    @Test
    void warningsNameDamagedRecordsFallbackAndInvalidHmac() {
        CaptureAnalysis a = full("/x/run-01.pcap");
        CaptureAnalysis damaged = new CaptureAnalysis(a.path(), a.format(), a.linkTypes(), a.packets(),
                a.firstTimestampNanos(), a.lastTimestampNanos(), 2, 4096, a.decoder(), a.tables(), a.tracking());
        List<String> w = ReportModels.report(List.of(damaged), ReportOptions.DEFAULTS).parts().get(0).warnings();
        assertThat(w).anyMatch(s -> s.contains("2 damaged record(s)") && s.contains("4096"));
        assertThat(w).anyMatch(s -> s.contains("Connection 1") && s.contains("fell back"));
        assertThat(w).anyMatch(s -> s.contains("flow3") && s.contains("HMAC invalid"));
    }

    @Test
    void capturesWithTheSameFileNameInDifferentFoldersAreToldApartInTablesAndIds() {
        ReportModel m = ReportModels.report(List.of(full("/s/default/run-01.pcap"), full("/s/fullmesh/run-01.pcap")),
                ReportOptions.DEFAULTS);
        assertThat(m.parts()).extracting(Part::title).containsExactly("All captures", "default/run-01.pcap",
                "fullmesh/run-01.pcap");
        assertThat(m.parts()).extracting(Part::id).containsExactly("overview", "default-run-01", "fullmesh-run-01");
        var subflows = m.table("subflows");
        assertThat(subflows.rowCount()).isEqualTo(6);
        assertThat(subflows.get(0, "capture")).isEqualTo("default/run-01.pcap");
        assertThat(subflows.get(5, "capture")).isEqualTo("fullmesh/run-01.pcap");
        assertThat(m.table(ReportModels.CAPTURES_TABLE).get(1, "connections")).isEqualTo(2L);
    }

    @Test
    void onlyTheLargestConnectionsAreCharted() {
        ReportModel m = ReportModels.report(List.of(full("/x/run-01.pcap")), new ReportOptions(List.of("ack"), 200, 1));
        assertThat(m.charts()).extracting(ChartView::id).allMatch(id -> id.endsWith("-c0"));
    }

    @Test
    void documentTablesAreCutAtTheRowLimitAndPointToTheFullTable() {
        ReportModel m = ReportModels.report(List.of(full("/x/run-01.pcap")), new ReportOptions(List.of("ack"), 2, 3));
        var view = section(m.parts().get(0), "connections").tables().get(1);
        assertThat(view.table().rowCount()).isEqualTo(2);
        assertThat(view.totalRows()).isEqualTo(3);
        assertThat(view.truncated()).isTrue();
        assertThat(m.table(view.fullName()).rowCount()).isEqualTo(3);
    }

    private static final ReportOptions WIFI = new ReportOptions(List.of("ack"), 200, 3,
            java.util.Map.of("10.0.2.6", "wifi", "10.0.1.6", "cellular"));

    @Test
    void aliasesNameInterfacesInLegendsDocumentTablesAndFullTables() {
        ReportModel m = ReportModels.report(List.of(full("/x/run-01.pcap")), WIFI);
        assertThat(chart(m, "run-01-cumulative-c0").spec().series()).extracting(ChartSpec.Series::name)
                .containsExactly("cellular (10.0.1.6)", "wifi (10.0.2.6)");
        assertThat(chart(m, "run-01-rtt-time-ack-c0").spec().series()).extracting(ChartSpec.Series::name)
                .contains("flow2 wifi (10.0.2.6) → 10.0.4.7");
        org.mpcap.analyzer.table.DataTable shown = section(m.parts().get(0), "connections").tables().get(1).table();
        int addr = shown.columnIndex("client_addr");
        assertThat(shown.columns().get(addr + 1).name()).isEqualTo("interface");
        assertThat(shown.get(1, "interface")).isEqualTo("wifi (10.0.2.6)");
        org.mpcap.analyzer.table.DataTable full = m.table("subflows");
        assertThat(full.columns().get(full.columns().size() - 1).name()).isEqualTo("interface");
        assertThat(full.get(0, "interface")).isEqualTo("cellular (10.0.1.6)");
        assertThat(full.get(2, "interface")).isEqualTo("10.0.3.6");
    }

    @Test
    void withoutAliasesTablesKeepTheirColumns() {
        ReportModel m = ReportModels.report(List.of(full("/x/run-01.pcap")), ReportOptions.DEFAULTS);
        assertThat(m.table("subflows").columnIndex("interface")).isNegative();
    }

    @Test
    void interfacesAreChartedInAddressOrderWhicheverSentFirst() {
        org.mpcap.analyzer.table.DataTable cum = cumulative("run-01.pcap").emptyCopy();
        cum.add("run-01.pcap", 0L, null, "10.0.10.6", 0.1, 5L, "interface", "c2s");
        cum.add("run-01.pcap", 0L, null, "10.0.9.6", 0.1, 5L, "interface", "c2s");
        cum.add("run-01.pcap", 0L, null, "10.0.1.6", 0.2, 5L, "interface", "c2s");
        CaptureAnalysis a = analysis("/x/run-01.pcap", 0, connections("run-01.pcap",
                connection("run-01.pcap", 0, "established", 5_000_000L)), cum);
        ChartSpec c = chart(ReportModels.report(List.of(a), ReportOptions.DEFAULTS), "run-01-cumulative-c0").spec();
        assertThat(c.series()).extracting(ChartSpec.Series::name).containsExactly("10.0.1.6", "10.0.9.6",
                "10.0.10.6");
    }
}
