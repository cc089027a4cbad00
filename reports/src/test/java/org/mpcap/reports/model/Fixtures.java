package org.mpcap.reports.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.capture.CaptureFormat;
import org.mpcap.analyzer.decode.DecoderCounters;
import org.mpcap.analyzer.table.DataTable;
import org.mpcap.analyzer.table.DataTable.Column;

/**
 * Analyses built by hand with the analyzer's table contracts (columns as the collectors declare them), for
 * testing what the model picks. Values are arbitrary but distinct, so a test can tell which row was used.
 */
public final class Fixtures {
    private Fixtures() {}

    public static DataTable connections(String capture, Object[]... rows) {
        DataTable t = new DataTable("connections", "MPTCP connections", List.of(
                Column.text("capture", ""), Column.integer("connection", "", ""), Column.integer("version", "", ""),
                Column.text("state", ""), Column.text("client_addr", ""), Column.integer("client_port", "", ""),
                Column.text("server_addr", ""), Column.integer("server_port", "", ""),
                Column.text("client_token", ""), Column.text("server_token", ""), Column.integer("subflows", "", ""),
                Column.seconds("start_time", ""), Column.seconds("end_time", ""),
                Column.integer("data_bytes_c2s", "B", ""), Column.integer("data_bytes_s2c", "B", "")));
        for (Object[] r : rows) t.add(r);
        return t;
    }

    public static Object[] connection(String capture, long c, String state, long c2s) {
        return new Object[] {capture, c, 1L, state, "10.0.1.6", 40000L + c, "10.0.4.7", 64000L, "0x1", "0x2", 3L,
                0.0, 1.0, c2s, 10L};
    }

    public static DataTable subflows(String capture, Object[]... rows) {
        DataTable t = new DataTable("subflows", "MPTCP subflows", List.of(
                Column.text("capture", ""), Column.integer("connection", "", ""), Column.integer("subflow", "", ""),
                Column.integer("tcp_stream", "", ""), Column.text("role", ""), Column.text("client_addr", ""),
                Column.integer("client_port", "", ""), Column.text("server_addr", ""),
                Column.integer("server_port", "", ""), Column.bool("backup", ""), Column.integer("address_id", "", ""),
                Column.seconds("syn_time", ""), Column.seconds("established_time", ""), Column.seconds("end_time", ""),
                Column.integer("packets", "", ""), Column.integer("payload_bytes_c2s", "B", ""),
                Column.integer("payload_bytes_s2c", "B", ""), Column.text("join_hmac", ""), Column.text("close", "")));
        for (Object[] r : rows) t.add(r);
        return t;
    }

    public static Object[] subflow(String capture, long c, long s, String client, String hmac) {
        return new Object[] {capture, c, s, s, s == 0 ? "initial" : "join", client, 50000L + s, "10.0.4.7", 64000L,
                false, s, 0.1 * s, 0.1 * s + 0.01, 2.0 + s, 100L, 1000L, 0L, hmac, "fin"};
    }

    public static DataTable rtt(String capture) {
        DataTable t = new DataTable("rtt", "RTT samples", List.of(Column.text("capture", ""),
                Column.integer("connection", "", ""), Column.integer("subflow", "", ""),
                Column.integer("tcp_stream", "", ""), Column.text("direction", ""), Column.text("estimator", ""),
                Column.seconds("time", ""), Column.integer("seq", "", ""), Column.decimal("rtt_ms", 6, "ms", ""),
                Column.integer("frame", "", "")));
        for (long s = 0; s < 3; s++) {
            for (int i = 0; i < 5; i++) {
                t.add(capture, 0L, s, s, "c2s", "ack", 0.5 + i, 1_000_000L * i, 10.0 * (s + 1) + i, (long) i);
                t.add(capture, 0L, s, s, "c2s", "ts", 0.5 + i, 1_000_000L * i, 99.0, (long) i);
                t.add(capture, 0L, s, s, "s2c", "ack", 0.5 + i, 1_000_000L * i, 77.0, (long) i);
            }
        }
        return t;
    }

    public static DataTable cumulative(String capture) {
        DataTable t = new DataTable("cumulative", "Cumulative", List.of(Column.text("capture", ""),
                Column.integer("connection", "", ""), Column.integer("subflow", "", ""), Column.text("client_addr", ""),
                Column.seconds("time", ""), Column.integer("bytes", "B", ""), Column.text("level", ""),
                Column.text("direction", "")));
        t.add(capture, 0L, null, "10.0.1.6", 0.1, 1_000_000L, "interface", "c2s");
        t.add(capture, 0L, null, "10.0.1.6", 0.2, 3_000_000L, "interface", "c2s");
        t.add(capture, 0L, null, "10.0.2.6", 0.2, 2_000_000L, "interface", "c2s");
        t.add(capture, 0L, 0L, "10.0.1.6", 0.1, 1_000_000L, "subflow", "c2s");
        t.add(capture, 0L, null, null, 0.2, 5_000_000L, "connection", "c2s");
        t.add(capture, 0L, null, "10.0.1.6", 0.2, 42L, "interface", "s2c");
        return t;
    }

    public static CaptureAnalysis analysis(String path, long damaged, DataTable... tables) {
        Map<String, DataTable> m = new LinkedHashMap<>();
        for (DataTable t : tables) m.put(t.name(), t);
        return new CaptureAnalysis(Path.of(path), CaptureFormat.PCAP_MICROS, Set.of(276), 1000, 1_700_000_000_000_000_000L,
                1_700_000_002_500_000_000L, damaged, damaged > 0 ? 4096 : -1, new DecoderCounters(), m, org.mpcap.analyzer.stats.TrackingView.empty());
    }
}
