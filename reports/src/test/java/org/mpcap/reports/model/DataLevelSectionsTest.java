package org.mpcap.reports.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.AnalysisOptions;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.reports.chart.ChartSpec;
import org.mpcap.reports.model.ReportModel.ChartView;
import org.mpcap.reports.model.ReportModel.Section;

/** The data-level sections of a report on a real capture with reinjections (ss -K on one subflow). */
class DataLevelSectionsTest {
    static final Path FAULT = Path.of("../analyzer/src/test/resources/realcaps/fault-kill.pcap");
    static ReportModel model;
    static CaptureAnalysis analysis;

    @BeforeAll
    static void report() throws IOException {
        analysis = new Analyzer(new AnalysisOptions(10_000_000L, 100_000_000L, 100, 5)).analyze(FAULT);
        model = ReportModels.report(List.of(analysis), ReportOptions.DEFAULTS);
    }

    static ChartView chart(String id) {
        return model.charts().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(
                () -> new AssertionError("no chart " + id + " in " + model.charts().stream().map(ChartView::id).toList()));
    }

    static Section section(String id) {
        return model.parts().get(0).sections().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void goodputChartHasThroughputGoodputReinjectedAndRetransmittedRates() {
        ChartSpec s = chart("fault-kill-goodput-c0").spec();
        assertThat(s.kind()).isEqualTo(ChartSpec.Kind.STEP);
        assertThat(s.yUnit()).isEqualTo("bit/s");
        assertThat(s.series()).extracting(ChartSpec.Series::name).containsExactly("throughput (all payload)",
                "goodput (new data)", "reinjected", "TCP retransmitted");
        double reinjected = java.util.Arrays.stream(s.series().get(2).y()).sum();
        assertThat(reinjected).isPositive(); // the killed subflow's data went again on the others
        assertThat(section("goodput").tables()).extracting(t -> t.fullName()).contains("goodput");
    }

    @Test
    void schedulerShareChartHasOneSeriesPerSubflowThatSentNewData() {
        ChartSpec s = chart("fault-kill-scheduler-share-c0").spec();
        assertThat(s.series()).hasSize(3);
        for (ChartSpec.Series x : s.series()) assertThat(java.util.Arrays.stream(x.y()).allMatch(v -> v >= 0 && v <= 100)).isTrue();
    }

    @Test
    void dsnGraphHasAColourPerSubflowAndMarksDataAcksReinjectionsAndRetransmissions() {
        ChartSpec s = chart("fault-kill-dsn-c0").spec();
        assertThat(s.kind()).isEqualTo(ChartSpec.Kind.SCATTER);
        assertThat(s.yUnit()).isEqualTo("B");
        List<String> names = s.series().stream().map(ChartSpec.Series::name).toList();
        assertThat(names).hasSize(6).endsWith("data ACK", "reinjection", "TCP retransmission");
        assertThat(names.get(0)).startsWith("flow1 ");
        long reinjections = analysis.table("reinjections").rowCount();
        assertThat(s.series().get(4).size()).isEqualTo((int) reinjections);
    }

    @Test
    void flightSizeChartHasTheFlightAndTheReceiveWindow() {
        ChartSpec s = chart("fault-kill-flight-size-c0").spec();
        assertThat(s.series()).extracting(ChartSpec.Series::name).containsExactly("flight size",
                "advertised receive window");
    }

    @Test
    void headOfLineSectionHasTheSummaryAndACdfPerDirectionEndingAtOne() {
        assertThat(section("hol").tables()).extracting(t -> t.fullName()).containsExactly("hol-delay-summary");
        assertThat(section("hol").intro()).contains("capture point");
        ChartSpec s = chart("fault-kill-hol-delay-c0").spec();
        assertThat(s.kind()).isEqualTo(ChartSpec.Kind.STEP);
        for (ChartSpec.Series x : s.series()) assertThat(x.y()[x.size() - 1]).isEqualTo(1.0);
    }
}
