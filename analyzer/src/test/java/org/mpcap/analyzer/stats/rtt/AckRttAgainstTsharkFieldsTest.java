package org.mpcap.analyzer.stats.rtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code ack} estimator alone, fed with tshark's own per-packet fields (seq/ack raw, length, flags, time,
 * stream) of every sample capture, gives tshark's {@code tcp.analysis.ack_rtt} on exactly the same frames with
 * exactly the same values. This checks the estimator's logic independently of the reader, decoder and tracker;
 * {@code RttGoldenTest} checks the whole pipeline.
 */
class AckRttAgainstTsharkFieldsTest {

    static List<Path> fields() {
        List<Path> all = new ArrayList<>(TsharkFields.all());
        all.add(TsharkFields.adversarial());
        return all;
    }

    @ParameterizedTest
    @MethodSource("fields")
    void everyAckRttOfTsharkIsReproducedByFrame(Path tsv) {
        TsharkFields f = new TsharkFields(tsv);
        Map<Integer, AckRttEstimator> streams = new HashMap<>();
        Map<Integer, String> clients = new HashMap<>();
        Map<Long, Long> ours = new TreeMap<>();
        Map<Long, Long> theirs = new TreeMap<>();
        for (String[] row : f.rows) {
            String stream = f.get(row, "tcp.stream");
            if (stream.isEmpty()) continue;
            int id = Integer.parseInt(stream);
            String src = f.get(row, "ip.src") + f.get(row, "ipv6.src") + ":" + f.get(row, "tcp.srcport");
            clients.putIfAbsent(id, src);
            int dir = clients.get(id).equals(src) ? RttSink.C2S : RttSink.S2C;
            long frame = Long.parseLong(f.get(row, "frame.number"));
            List<Long> got = new ArrayList<>();
            streams.computeIfAbsent(id, k -> new AckRttEstimator()).onSegment(dir,
                    (int) Long.parseLong(f.get(row, "tcp.seq_raw")), (int) Long.parseLong(f.get(row, "tcp.ack_raw")),
                    Integer.parseInt(f.get(row, "tcp.len")), Integer.decode(f.get(row, "tcp.flags")),
                    TsharkFields.nanos(f.get(row, "frame.time_relative")), frame,
                    (d, sf, ts, time, seq, rtt, fr) -> got.add(rtt));
            if (!got.isEmpty()) ours.put(frame, got.get(0));
            String rtt = f.get(row, "tcp.analysis.ack_rtt");
            if (!rtt.isEmpty()) theirs.put(frame, TsharkFields.nanos(rtt));
        }
        assertThat(theirs).isNotEmpty();
        assertThat(ours).as(tsv.toString()).isEqualTo(theirs);
    }
}
