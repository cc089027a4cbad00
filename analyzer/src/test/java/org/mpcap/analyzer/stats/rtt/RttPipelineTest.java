package org.mpcap.analyzer.stats.rtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpcap.analyzer.capture.CaptureReader;
import org.mpcap.analyzer.capture.RawPacket;
import org.mpcap.analyzer.decode.DecodeStatus;
import org.mpcap.analyzer.decode.IpView;
import org.mpcap.analyzer.decode.PacketDecoder;
import org.mpcap.analyzer.decode.TcpView;
import org.mpcap.analyzer.stats.PacketContext;
import org.mpcap.analyzer.table.DataTable;

/**
 * The real {@link CaptureReader}, {@link PacketDecoder} and {@link RttCollector} on every sample capture and on
 * {@code rtt/adversarial.pcap}, with a 4-tuple stream numbering in place of the tracker (every stream of the samples is a subflow of connection 0): the {@code ack}
 * samples are tshark's {@code tcp.analysis.ack_rtt}, frame by frame, to the nanosecond. {@link RttGoldenTest}
 * checks the same through {@link org.mpcap.analyzer.Analyzer} once it runs the collectors.
 */
class RttPipelineTest {

    static List<Path> fields() {
        return RttGoldenTest.fields();
    }

    static List<DataTable> analyse(Path pcap, boolean mptcp) throws IOException {
        PacketDecoder dec = new PacketDecoder();
        RawPacket raw = new RawPacket();
        PacketContext ctx = new PacketContext();
        ctx.raw = raw;
        ctx.decoder = dec;
        RttCollector c = new RttCollector();
        Map<String, Integer> streams = new HashMap<>();
        Map<Integer, String> clients = new HashMap<>();
        long first = -1;
        try (CaptureReader reader = CaptureReader.open(pcap)) {
            while (reader.next(raw)) {
                if (first < 0) first = raw.timestampNanos();
                ctx.status = dec.decode(raw);
                ctx.relativeNanos = raw.timestampNanos() - first;
                ctx.tcpStream = -1;
                if (ctx.status == DecodeStatus.TCP) {
                    IpView ip = dec.ip();
                    TcpView tcp = dec.tcp();
                    String a = ip.srcHi() + "/" + ip.srcLo() + ":" + tcp.srcPort();
                    String z = ip.dstHi() + "/" + ip.dstLo() + ":" + tcp.dstPort();
                    String key = a.compareTo(z) < 0 ? a + z : z + a;
                    int id = streams.computeIfAbsent(key, k -> streams.size());
                    clients.putIfAbsent(id, a);
                    ctx.tcpStream = id;
                    ctx.fromClient = clients.get(id).equals(a);
                    ctx.connection = mptcp ? 0 : -1;
                    ctx.subflow = mptcp ? id : -1;
                }
                c.onPacket(ctx);
            }
        }
        return c.finish(pcap.getFileName().toString(), null);
    }

    @ParameterizedTest
    @MethodSource("fields")
    void decodedSamplesGiveTsharksAckRttOnEveryFrame(Path tsv) throws IOException {
        boolean mptcp = !tsv.equals(TsharkFields.adversarial());
        List<DataTable> t = analyse(TsharkFields.capture(tsv), mptcp);
        Map<Long, long[]> theirs = RttGoldenTest.tshark(new TsharkFields(tsv));
        Map<Long, long[]> ours = RttGoldenTest.ours(t.get(0));
        assertThat(theirs).isNotEmpty();
        assertThat(ours.keySet()).isEqualTo(theirs.keySet());
        for (Map.Entry<Long, long[]> e : theirs.entrySet()) {
            assertThat(ours.get(e.getKey())).as("frame %d", e.getKey()).containsExactly(e.getValue());
        }
        if (mptcp) {
            // every subflow of the samples carries data to the server: each has data-level samples
            List<Object> withData = new ArrayList<>();
            DataTable summary = t.get(1);
            for (int i = 0; i < summary.rowCount(); i++) {
                if ("data".equals(summary.get(i, "estimator")) && "c2s".equals(summary.get(i, "direction"))) {
                    withData.add(summary.get(i, "tcp_stream"));
                }
            }
            assertThat(withData).hasSize((int) t.get(1).rows().stream().map(r -> r[3]).distinct().count());
        }
    }
}
