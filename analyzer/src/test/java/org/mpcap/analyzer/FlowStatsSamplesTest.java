package org.mpcap.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpcap.analyzer.mptcp.MptcpConnectionInfo;
import org.mpcap.analyzer.mptcp.SubflowInfo;
import org.mpcap.analyzer.table.DataTable;

/**
 * The flow statistics of every sample capture (sample-pcaps/{default,fullmesh}/run-NN.pcap), checked against
 * invariants, against the tracker's independent per-subflow counts, and against the application's runs.csv.
 */
class FlowStatsSamplesTest {
    record Sample(Path pcap, long bytes, double timeS, double rateKBps) {
        @Override
        public String toString() { return pcap.getParent().getFileName() + "/" + pcap.getFileName(); }
    }

    static Path samples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("sample-pcaps"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("no sample-pcaps directory");
        return dir.resolve("sample-pcaps");
    }

    static Stream<Sample> samplesWithRuns() throws IOException {
        List<Sample> out = new ArrayList<>();
        for (String scenario : List.of("default", "fullmesh")) {
            Path dir = samples().resolve(scenario);
            List<String> lines = Files.readAllLines(dir.resolve("runs.csv"));
            assertThat(lines.get(0)).startsWith("scenario,run,bytes,time_s,rate_kBps");
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                Path pcap = dir.resolve(String.format("run-%02d.pcap", Integer.parseInt(f[1])));
                out.add(new Sample(pcap, Long.parseLong(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])));
            }
        }
        assertThat(out).hasSize(10);
        return out.stream();
    }

    private static CaptureAnalysis analyze(Path pcap) throws IOException {
        return new Analyzer().analyze(pcap);
    }

    private static List<Object[]> rows(DataTable t, Map<String, Object> where) {
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : t.rows()) {
            boolean ok = true;
            for (var e : where.entrySet()) ok &= Objects.equals(r[t.columnIndex(e.getKey())], e.getValue());
            if (ok) out.add(r);
        }
        return out;
    }

    /** Last value of column {@code bytes} of each series, after checking the series never decreases. */
    private static long lastNonDecreasing(DataTable t, List<Object[]> series) {
        int b = t.columnIndex("bytes"), time = t.columnIndex("time");
        long prev = 0;
        double prevT = -1;
        for (Object[] r : series) {
            assertThat((Long) r[b]).isGreaterThanOrEqualTo(prev);
            assertThat((Double) r[time]).isGreaterThan(prevT);
            prev = (Long) r[b];
            prevT = (Double) r[time];
        }
        return prev;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesWithRuns")
    void transferMatchesTheApplicationsMeasure(Sample s) throws IOException {
        DataTable t = analyze(s.pcap()).table("transfers");
        assertThat(t.rowCount()).isEqualTo(1);
        assertThat(t.get(0, "direction")).isEqualTo("c2s");
        assertThat(t.get(0, "basis")).isEqualTo("data_ack");
        assertThat(t.get(0, "end_reason")).isEqualTo("data_fin_acked");
        assertThat((Long) t.get(0, "data_bytes")).isEqualTo(s.bytes());
        double duration = (Double) t.get(0, "duration_s");
        // the wire misses the socket set-up before the SYN and the confirmation after the DATA_FIN's ACK
        assertThat(duration).isLessThanOrEqualTo(s.timeS()).isGreaterThan(s.timeS() - 0.005);
        assertThat((Double) t.get(0, "rate_kBps")).isCloseTo(s.rateKBps(), within(s.rateKBps() * 0.005));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesWithRuns")
    void cumulativeSeriesEndAtTheTrackersPayloadTotals(Sample s) throws IOException {
        CaptureAnalysis a = analyze(s.pcap());
        DataTable cum = a.table("cumulative");
        MptcpConnectionInfo conn = a.connections().get(0);
        long connC2s = 0;
        Map<String, Long> perInterface = new HashMap<>();
        for (SubflowInfo sf : conn.subflows()) {
            assertThat(sf.reversed()).isFalse();
            long last = lastNonDecreasing(cum, rows(cum, Map.of("level", "subflow", "subflow", (long) sf.subflow(),
                    "direction", "c2s")));
            assertThat(last).as("subflow %d", sf.subflow()).isEqualTo(sf.payloadC2s());
            connC2s += sf.payloadC2s();
            perInterface.merge(sf.client().address(), sf.payloadC2s(), Long::sum);
        }
        long ifaceSum = 0;
        for (var e : perInterface.entrySet()) {
            long last = lastNonDecreasing(cum, rows(cum, Map.of("level", "interface", "client_addr", e.getKey(),
                    "direction", "c2s")));
            assertThat(last).isEqualTo(e.getValue());
            ifaceSum += last;
        }
        long connLast = lastNonDecreasing(cum, rows(cum, Map.of("level", "connection", "direction", "c2s")));
        assertThat(connLast).isEqualTo(connC2s).isEqualTo(ifaceSum);
        long dataLast = lastNonDecreasing(cum, rows(cum, Map.of("level", "data", "direction", "c2s")));
        assertThat(dataLast).isEqualTo(a.table("transfers").get(0, "data_bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesWithRuns")
    void intervalsFollowTheTrackersSubflowSyns(Sample s) throws IOException {
        CaptureAnalysis a = analyze(s.pcap());
        DataTable iv = a.table("intervals");
        List<SubflowInfo> sfs = a.connections().get(0).subflows();
        int n = sfs.size();
        assertThat(n).isGreaterThanOrEqualTo(3);
        assertThat(iv.rowCount()).isEqualTo(2 * n - 3);
        for (Object[] r : iv.rows()) {
            SubflowInfo from = sfs.get(((Long) r[iv.columnIndex("from_subflow")]).intValue());
            SubflowInfo to = sfs.get(((Long) r[iv.columnIndex("to_subflow")]).intValue());
            assertThat((Double) r[iv.columnIndex("interval_s")])
                    .isCloseTo((to.synNanos() - from.synNanos()) / 1e9, within(1.5e-6)).isGreaterThanOrEqualTo(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesWithRuns")
    void sharesAddUp(Sample s) throws IOException {
        CaptureAnalysis a = analyze(s.pcap());
        DataTable share = a.table("subflow-share");
        long data = 0, reinjected = 0;
        double percent = 0;
        for (Object[] r : rows(share, Map.of("direction", "c2s"))) {
            data += (Long) r[share.columnIndex("data_bytes")];
            reinjected += (Long) r[share.columnIndex("reinjected_bytes")];
            percent += (Double) r[share.columnIndex("share_percent")];
        }
        assertThat(data).isEqualTo(a.table("transfers").get(0, "data_bytes"));
        assertThat(percent).isCloseTo(100.0, within(1e-9));
        DataTable re = a.table("reinjections");
        long reinjectedRows = 0;
        for (Object[] r : re.rows()) {
            reinjectedRows += (Long) r[re.columnIndex("reinjected_bytes")];
        }
        assertThat(reinjectedRows).isEqualTo(reinjected);

    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesWithRuns")
    void everySubflowIsEstablishedAndClosedOnce(Sample s) throws IOException {
        CaptureAnalysis a = analyze(s.pcap());
        DataTable ev = a.table("events");
        int n = a.connections().get(0).subflows().size();
        assertThat(rows(ev, Map.of("event", "subflow_established"))).hasSize(n);
        assertThat(rows(ev, Map.of("event", "subflow_closed"))).hasSize(n);
        assertThat(rows(ev, Map.of("event", "fallback"))).isEmpty();
        assertThat(rows(ev, Map.of("event", "data_fin"))).hasSize(2); // the client's and the server's
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesWithRuns")
    void throughputIntegratesToTheBytesSent(Sample s) throws IOException {
        CaptureAnalysis a = analyze(s.pcap());
        DataTable tp = a.table("throughput");
        // no 1 s window can hold more than the data sent; the samples' transfers take < 1 s and the capture ends
        // with them, so the last window holds every byte: payload × 8 / 1 s
        long bytes = (Long) a.table("transfers").get(0, "payload_bytes");
        for (Object[] r : rows(tp, Map.of("level", "connection", "direction", "c2s"))) {
            assertThat((Double) r[tp.columnIndex("bits_per_s")]).isBetween(0.0, bytes * 8.0);
        }
        List<Object[]> conn = rows(tp, Map.of("level", "connection", "direction", "c2s"));
        assertThat((Double) conn.get(conn.size() - 1)[tp.columnIndex("bits_per_s")]).isEqualTo(bytes * 8.0);
    }
}
