package org.mpcap.analyzer.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.table.DataTable;

/**
 * The tables of {@link StatsCollectors} from {@link Analyzer#analyze} (reader, decoder, trackers) (reader, decoder, trackers) on the sample
 * captures: {@code addresses} against tshark's ip_hosts, {@code interface-share} against sums computed here
 * from tshark's per-frame fields (sample-pcaps/tshark/SCENARIO/run-NN.fields.tsv: stream client = ip.src of
 * the SYN without ACK; packets and {@code tcp.len} summed per client address).
 */
class StatsCollectorsPipelineTest {
    private static final Path SAMPLES = Path.of("..", "sample-pcaps");

    private static CaptureAnalysis analyze(String scenario, String name) throws IOException {
        return new Analyzer().analyze(SAMPLES.resolve(scenario).resolve(name + ".pcap"));
    }

    @ParameterizedTest(name = "{0}/run-0{1}")
    @CsvSource({"default,1", "default,3", "fullmesh,1", "fullmesh,5"})
    void addressesThroughTheAnalyzerEqualTshark(String scenario, int run) throws IOException {
        String name = String.format("run-%02d", run);
        DataTable t = analyze(scenario, name).table("addresses");
        List<TsharkIpHosts.Row> expected = new ArrayList<>(TsharkIpHosts.parse(
                SAMPLES.resolve("tshark").resolve(scenario).resolve(name + ".ip_hosts.txt")).get(4));
        assertThat(t.rowCount()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            TsharkIpHosts.Row e = expected.get(i);
            assertThat(t.get(i, "capture")).isEqualTo(name + ".pcap");
            assertThat(t.get(i, "address")).isEqualTo(e.address());
            assertThat(t.get(i, "count").toString()).isEqualTo(e.count());
            assertThat(TsharkIpHosts.printf((Double) t.get(i, "burst_rate"), 4)).isEqualTo(e.burstRate());
            assertThat(TsharkIpHosts.printf((Double) t.get(i, "burst_start"), 3)).isEqualTo(e.burstStart());
        }
    }

    @ParameterizedTest(name = "{0}/run-0{1}")
    @CsvSource({"default,1", "default,2", "default,3", "default,4", "default,5",
            "fullmesh,1", "fullmesh,2", "fullmesh,3", "fullmesh,4", "fullmesh,5"})
    void interfaceShareEqualsSumsOfTsharksFields(String scenario, int run) throws IOException {
        String name = String.format("run-%02d", run);
        List<String> lines = Files.readAllLines(SAMPLES.resolve("tshark").resolve(scenario)
                .resolve(name + ".fields.tsv"));
        List<String> head = List.of(lines.get(0).split("\t", -1));
        int src = head.indexOf("ip.src"), stream = head.indexOf("tcp.stream"), len = head.indexOf("tcp.len"),
                flags = head.indexOf("tcp.flags");
        Map<String, String> client = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t", -1);
            if (f[stream].isEmpty()) continue;
            rows.add(f);
            if ((Integer.decode(f[flags]) & 0x12) == 0x02) client.putIfAbsent(f[stream], f[src]);
        }
        Map<String, long[]> expected = new LinkedHashMap<>(); // packets, payload, streams
        long totalBytes = 0;
        for (String[] f : rows) {
            long[] e = expected.computeIfAbsent(client.get(f[stream]), k -> new long[3]);
            e[0]++;
            e[1] += Long.parseLong(f[len]);
            totalBytes += Long.parseLong(f[len]);
        }
        client.values().forEach(c -> expected.get(c)[2]++);
        assertThat(totalBytes).isPositive();

        DataTable t = analyze(scenario, name).table("interface-share");
        assertThat(t.rowCount()).isEqualTo(expected.size());
        double shareSum = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            long[] e = expected.get((String) t.get(i, "client_addr"));
            assertThat(e).as("client %s", t.get(i, "client_addr")).isNotNull();
            assertThat(t.get(i, "packets")).isEqualTo(e[0]);
            assertThat(t.get(i, "payload_bytes")).isEqualTo(e[1]);
            assertThat(t.get(i, "streams")).isEqualTo(e[2]);
            assertThat((Double) t.get(i, "payload_share")).isCloseTo(e[1] * 100.0 / totalBytes, within(1e-9));
            assertThat((Long) t.get(i, "payload_bytes_to_server") + (Long) t.get(i, "payload_bytes_to_client"))
                    .isEqualTo(e[1]);
            if (i > 0) {
                assertThat((Long) t.get(i, "payload_bytes")).isLessThanOrEqualTo((Long) t.get(i - 1, "payload_bytes"));
            }
            shareSum += (Double) t.get(i, "packet_share");
        }
        assertThat(shareSum).isCloseTo(100.0, within(1e-9));
    }
}
