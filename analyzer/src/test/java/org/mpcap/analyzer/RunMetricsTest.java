package org.mpcap.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mpcap.analyzer.capture.CaptureFormat;
import org.mpcap.analyzer.decode.DecoderCounters;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

class RunMetricsTest {
    private static DataTable transfers(Object[]... rows) {
        DataTable t = new DataTable("transfers", "", List.of(Column.text("capture", ""),
                Column.integer("connection", "", ""), Column.integer("data_bytes", "B", ""),
                Column.seconds("start_time", ""), Column.seconds("end_time", ""),
                Column.decimal("duration_s", 6, "s", ""), Column.decimal("rate_kBps", 3, "kB/s", ""),
                Column.text("direction", "")));
        for (Object[] r : rows) t.add(r);
        return t;
    }

    private static DataTable intervals() {
        DataTable t = new DataTable("intervals", "", List.of(Column.text("capture", ""),
                Column.integer("connection", "", ""), Column.integer("from_subflow", "", ""),
                Column.integer("to_subflow", "", ""), Column.decimal("interval_s", 6, "s", ""),
                Column.text("label", "")));
        t.add("c", 1L, 0L, 1L, 0.17, "flow1-flow2");
        t.add("c", 1L, 1L, 2L, 0.03, "flow2-flow3");
        t.add("c", 1L, 0L, 2L, 0.20, "flow1-flow3");
        t.add("c", 0L, 0L, 1L, 9.99, "flow1-flow2");
        return t;
    }

    private static DataTable rttSummary() {
        DataTable t = new DataTable("rtt-summary", "", List.of(Column.text("capture", ""),
                Column.integer("connection", "", ""), Column.integer("subflow", "", ""),
                Column.integer("tcp_stream", "", ""), Column.text("direction", ""), Column.text("estimator", ""),
                Column.integer("samples", "", ""), Column.decimal("mean_ms", 6, "ms", "")));
        t.add("c", 1L, 0L, 1L, "c2s", "ack", 3L, 10.0);
        t.add("c", 1L, 1L, 2L, "c2s", "ack", 1L, 30.0);
        t.add("c", 1L, 1L, 2L, "c2s", "ts", 100L, 1000.0);
        t.add("c", 1L, 1L, 2L, "s2c", "ack", 100L, 1000.0);
        t.add("c", 0L, 0L, 0L, "c2s", "ack", 100L, 1000.0);
        return t;
    }

    private static CaptureAnalysis analysis(DataTable... tables) {
        Map<String, DataTable> m = new LinkedHashMap<>();
        for (DataTable t : tables) m.put(t.name(), t);
        return new CaptureAnalysis(Path.of("c.pcap"), CaptureFormat.PCAP_MICROS, Set.of(1), 1, 0, 0, 0, -1,
                new DecoderCounters(), m, org.mpcap.analyzer.stats.TrackingView.empty());
    }

    @Test
    void mainConnectionIsTheOneWithMostDataBytesAndItsMetricsFillTheRow() {
        CaptureAnalysis a = analysis(transfers(new Object[] {"c", 0L, 10L, 0.0, 1.0, 1.0, 0.01, "c2s"},
                new Object[] {"c", 1L, 10_485_760L, 0.0, 20.0, 20.0, 524.288, "c2s"}), intervals(), rttSummary());
        DataTable runs = RunMetrics.runs(List.of(new RunMetrics.Run("fullmesh", 1, "c.pcap", a)), "ack");
        assertThat(runs.get(0, "connection")).isEqualTo(1L);
        assertThat(runs.get(0, "rate_kBps")).isEqualTo(524.288);
        assertThat(runs.get(0, "duration_s")).isEqualTo(20.0);
        assertThat(runs.get(0, "interval_flow1_flow2_s")).isEqualTo(0.17);
        assertThat(runs.get(0, "interval_flow1_flow3_s")).isEqualTo(0.20);
        assertThat(runs.get(0, "rtt_mean_ms_flow2")).isEqualTo(30.0);
        assertThat(runs.get(0, "rtt_mean_ms")).isEqualTo((3 * 10.0 + 30.0) / 4);
    }

    @Test
    void absentSourceTablesGiveEmptyCellsNotZeros() {
        DataTable runs = RunMetrics.runs(List.of(new RunMetrics.Run("a", 1, "c.pcap", analysis())), "ack");
        assertThat(runs.get(0, "group")).isEqualTo("a");
        assertThat(runs.get(0, "rate_kBps")).isNull();
        assertThat(runs.get(0, "rtt_mean_ms")).isNull();
        assertThat(RunMetrics.metricColumns(runs)).contains("rate_kBps", "duration_s").doesNotContain("run", "group");
    }

    @Test
    void intervalColumnsAreTheUnionOverRunsInFirstAppearanceOrder() {
        CaptureAnalysis two = analysis(transfers(new Object[] {"c", 1L, 5L, 0.0, 1.0, 1.0, 1.0, "c2s"}), intervals());
        CaptureAnalysis none = analysis(transfers(new Object[] {"c", 0L, 5L, 0.0, 1.0, 1.0, 1.0, "c2s"}));
        DataTable runs = RunMetrics.runs(List.of(new RunMetrics.Run("a", 1, "x", none),
                new RunMetrics.Run("a", 2, "y", two)), "ack");
        assertThat(runs.columns()).extracting(Column::name).containsSubsequence("interval_flow1_flow2_s",
                "interval_flow2_flow3_s", "interval_flow1_flow3_s");
        assertThat(runs.get(0, "interval_flow1_flow2_s")).isNull();
        assertThat(runs.get(1, "interval_flow2_flow3_s")).isEqualTo(0.03);
    }
}
