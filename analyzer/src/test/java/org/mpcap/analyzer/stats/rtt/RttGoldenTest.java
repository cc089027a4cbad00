package org.mpcap.analyzer.stats.rtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpcap.analyzer.Analyzer;
import org.mpcap.analyzer.CaptureAnalysis;
import org.mpcap.analyzer.table.DataTable;

/**
 * The whole pipeline (reader → decoder → tracker → {@link RttCollector}, through {@link Analyzer}) on every
 * sample capture and on {@code rtt/adversarial.pcap}: the {@code ack} estimator's samples per tcp stream and
 * direction have tshark's count and mean, and every sample is on the frame where tshark shows
 * {@code tcp.analysis.ack_rtt}, with the same value (tshark's committed output; no tshark at test time).
 */
class RttGoldenTest {

    static List<Path> fields() {
        List<Path> all = new ArrayList<>(TsharkFields.all());
        all.add(TsharkFields.adversarial());
        return all;
    }

    /**
     * tshark: frame → {stream, direction (0 = c2s data acknowledged), rtt ns}. The client of each stream is the
     * one the tracker chose ({@code analysis.tcpStreams()}), so that direction labels mean the same on both sides.
     */
    static Map<Long, long[]> tshark(TsharkFields f, CaptureAnalysis analysis) {
        Map<Integer, String> clients = new HashMap<>();
        for (var s : analysis.tcpStreams()) clients.put(s.stream(), s.client().address() + ":" + s.client().port());
        Map<Long, long[]> out = new TreeMap<>();
        for (String[] row : f.rows) {
            String stream = f.get(row, "tcp.stream");
            if (stream.isEmpty()) continue;
            int id = Integer.parseInt(stream);
            String src = f.get(row, "ip.src") + f.get(row, "ipv6.src") + ":" + f.get(row, "tcp.srcport");
            assertThat(clients).as("tshark stream %d known to the tracker", id).containsKey(id);
                        String rtt = f.get(row, "tcp.analysis.ack_rtt");
            if (rtt.isEmpty()) continue;
            int acked = clients.get(id).equals(src) ? 1 : 0; // an ACK from the client acknowledges s2c data
            out.put(Long.parseLong(f.get(row, "frame.number")), new long[] {id, acked, TsharkFields.nanos(rtt)});
        }
        return out;
    }

    static Map<Long, long[]> ours(DataTable rtt) {
        Map<Long, long[]> out = new TreeMap<>();
        for (int i = 0; i < rtt.rowCount(); i++) {
            if (!"ack".equals(rtt.get(i, "estimator"))) continue;
            long frame = (Long) rtt.get(i, "frame");
            long nanos = Math.round((Double) rtt.get(i, "rtt_ms") * 1e6);
            long[] prev = out.put(frame, new long[] {(Long) rtt.get(i, "tcp_stream"),
                    "c2s".equals(rtt.get(i, "direction")) ? 0 : 1, nanos});
            assertThat(prev).as("two ack samples on frame %d", frame).isNull();
        }
        return out;
    }

    /** (stream, direction) → {count, sum ns}. */
    static Map<String, List<Long>> perSeries(Map<Long, long[]> samples) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (long[] s : samples.values()) {
            List<Long> v = out.computeIfAbsent(s[0] + "/" + (s[1] == 0 ? "c2s" : "s2c"), k -> new ArrayList<>(List.of(0L, 0L)));
            v.set(0, v.get(0) + 1);
            v.set(1, v.get(1) + s[2]);
        }
        return out;
    }

    /** Analyses {@code pcap} with the full pipeline (reader, decoder, trackers, every collector). */
    static CaptureAnalysis analyse(Path pcap) throws IOException {
        return new Analyzer().analyze(pcap);
    }

    @ParameterizedTest
    @MethodSource("fields")
    void ackSamplesMatchTsharkPerStreamDirectionAndFrame(Path tsv) throws IOException {
        CaptureAnalysis a = analyse(TsharkFields.capture(tsv));
        Map<Long, long[]> theirs = tshark(new TsharkFields(tsv), a);
        Map<Long, long[]> ours = ours(a.table(RttCollector.SAMPLES_TABLE));
        assertThat(theirs).isNotEmpty();
        // count and mean per tcp stream and direction
        assertThat(perSeries(ours)).isEqualTo(perSeries(theirs));
        // and every sample by frame
        assertThat(ours.keySet()).isEqualTo(theirs.keySet());
        for (Map.Entry<Long, long[]> e : theirs.entrySet()) {
            assertThat(ours.get(e.getKey())).as("frame %d", e.getKey()).containsExactly(e.getValue());
        }
    }

    @ParameterizedTest
    @MethodSource("fields")
    void summaryCountsAndMeansAgreeWithTheSamples(Path tsv) throws IOException {
        CaptureAnalysis a = analyse(TsharkFields.capture(tsv));
        DataTable summary = a.table(RttCollector.SUMMARY_TABLE);
        Map<String, List<Long>> expected = perSeries(tshark(new TsharkFields(tsv), a));
        int seen = 0;
        for (int i = 0; i < summary.rowCount(); i++) {
            if (!"ack".equals(summary.get(i, "estimator"))) continue;
            String key = summary.get(i, "tcp_stream") + "/" + summary.get(i, "direction");
            List<Long> e = expected.get(key);
            assertThat(e).as(key).isNotNull();
            assertThat(summary.get(i, "samples")).isEqualTo(e.get(0));
            assertThat((Double) summary.get(i, "mean_ms")).isCloseTo(e.get(1) / 1e6 / e.get(0),
                    org.assertj.core.api.Assertions.within(1e-9));
            seen++;
        }
        assertThat(seen).isEqualTo(expected.size());
    }
}
